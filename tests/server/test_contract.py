"""The server covers the SDL contract: every field resolves, every filter and order maps."""

from __future__ import annotations

import pytest
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType
from sqlalchemy.orm import DeclarativeBase

from labelbox_server.db import models
from labelbox_server.domain import data_rows, datasets, labeling_frontends, projects, tasks, users
from labelbox_server.domain.filters import FieldMap, parse_key
from labelbox_server.domain.pagination import order_clauses
from labelbox_server.graphql.schema import build_schema, schema_path

# GraphQL object type → the model whose attributes back its plain fields.
MODELS: dict[str, type[DeclarativeBase]] = {
    "User": models.User,
    "Organization": models.Organization,
    "Role": models.Role,
    "OrgRole": models.Role,
    "Project": models.Project,
    "Dataset": models.Dataset,
    "LabelingFrontend": models.LabelingFrontend,
    "DataRow": models.DataRow,
    "AssetAttachment": models.Attachment,
    "Label": models.Label,
    "Task": models.Task,
}
FIELD_MAPS: dict[str, FieldMap] = {
    "Project": projects.FIELDS,
    "Dataset": datasets.FIELDS,
    "User": users.FIELDS,
    "LabelingFrontend": labeling_frontends.FIELDS,
    "DataRow": data_rows.FIELDS,
    "Task": tasks.FIELDS,
    "Label": data_rows.LABEL_FIELDS,
}

# Types the local server never returns a value of (it stores no IAM integrations:
# `iamIntegrations` is always empty and `Dataset.signer` null), so nothing resolves on them.
NEVER_RETURNED = {"IAMIntegration", "AwsIamIntegrationSettings", "GcpIamIntegrationSettings"}

# Types whose values the domain builds as dicts (or dataclasses) keyed by the GraphQL names.
PLAIN_VALUES = {
    "UploadedFile",
    "AppendRowsToDatasetResult",
    "AppendRowsToDatasetSyncResult",
    "DatasetDataRowConnection",
    "CursorPageInfo",
    "DataRowIdAndExternalId",
    "DataRowsExport",
    "CustomMetadataSchema",
    "DeleteCustomMetadataSchemaResult",
    "DataRowCustomMetadata",
    "DataRowMetadataFieldValue",
    "DataRowCustomMetadataField",
    "DataRowCustomMetadataBatchResult",
    "LabelingActivity",
    "GlobalKeyJob",
    "DataRowIdAndGlobalKey",
    "AssignGlobalKeysToDataRowsData",
    "AssignGlobalKeysToDataRowsResult",
    "DataRowIdOnly",
    "DataRowsForGlobalKeysData",
    "DataRowsForGlobalKeysResult",
    "ClearGlobalKeysData",
    "ClearGlobalKeysResult",
}

SCHEMA = build_schema()


def object_types() -> list[GraphQLObjectType]:
    return [
        t
        for name, t in SCHEMA.type_map.items()
        if isinstance(t, GraphQLObjectType) and not name.startswith("__")
    ]


def test_schema_is_the_contract_file() -> None:
    assert schema_path().name == "labelbox.graphql"
    assert schema_path().is_file()


@pytest.mark.parametrize("root", ["Query", "Mutation"])
def test_every_root_field_has_a_resolver(root: str) -> None:
    root_type = SCHEMA.type_map[root]
    assert isinstance(root_type, GraphQLObjectType)
    missing = [name for name, field in root_type.fields.items() if field.resolve is None]
    assert missing == [], f"{root} fields without a resolver: {missing}"


def test_every_object_field_resolves() -> None:
    """A field needs a bound resolver unless it is a plain attribute of the type's model."""
    missing = []
    for graphql_type in object_types():
        if graphql_type.name in ("Query", "Mutation") or graphql_type.name in NEVER_RETURNED:
            continue
        if graphql_type.name in PLAIN_VALUES:
            continue
        model = MODELS.get(graphql_type.name)
        for name, field in graphql_type.fields.items():
            if field.resolve is None and (model is None or not hasattr(model, name)):
                missing.append(f"{graphql_type.name}.{name}")
    assert missing == [], f"fields without a resolver or model attribute: {missing}"


@pytest.mark.parametrize("type_name", sorted(FIELD_MAPS))
def test_every_where_key_maps_to_a_column(type_name: str) -> None:
    where = SCHEMA.type_map[f"{type_name}WhereInput"]
    assert isinstance(where, GraphQLInputObjectType)
    for key in where.fields:
        if key not in ("AND", "OR", "NOT"):
            parse_key(key, FIELD_MAPS[type_name])


@pytest.mark.parametrize("type_name", sorted(FIELD_MAPS))
def test_every_order_by_value_maps_to_a_column(type_name: str) -> None:
    order = SCHEMA.type_map[f"{type_name}OrderByInput"]
    assert isinstance(order, GraphQLEnumType)
    fields = FIELD_MAPS[type_name]
    for value in order.values:
        order_clauses(value, fields, default=[], tiebreak=fields["id"].column)


def test_the_server_never_imports_the_sdk() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import labelbox_server.app, labelbox_server.cli, labelbox_server.local\n"
        "import labelbox_server.pytest_plugin, labelbox_server.graphql.schema\n"
        "labelbox_server.graphql.schema.build_schema()\n"
        "assert 'labelbox' not in sys.modules, 'labelbox_server imported labelbox'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_pytest_plugin_imports_cheaply() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import labelbox_server.pytest_plugin\n"
        "heavy = {'sqlalchemy', 'ariadne', 'starlette', 'uvicorn', 'alembic', 'labelbox'}\n"
        "assert not heavy & {m.split('.')[0] for m in sys.modules}, sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_sdk_documents_validate() -> None:
    """Every document in `sdk_documents` (the official SDK's, verbatim) fits the schema."""
    from graphql import parse, validate

    from . import sdk_documents

    documents = [
        value
        for name, value in vars(sdk_documents).items()
        if name.isupper()
        and isinstance(value, str)
        and value.lstrip().startswith(("query", "mutation"))
    ]
    # The real API rejects this one as a validation error too (wire spec §6.4 item 22).
    documents.remove(sdk_documents.CONNECT_DATASET_AND_PROJECT)
    documents.append(sdk_documents.delete_data_rows(["ck1", "ck2"]))
    assert len(documents) > 60
    for document in documents:
        assert validate(SCHEMA, parse(document)) == [], document
