"""The fast path gives byte-identical output: every list field a query reaches, every plain field.

For each entry point (a root field, with arguments naming seeded objects) a query selecting
everything reachable from it (every field without required arguments, nested objects and
lists down to `DEPTH`) runs twice against the server's database, in this process: once as
the server runs it (`FastExecutor`, lists read as Core rows by `store.rows`) and once the
general way (graphql-core's executor, ORM objects). The rendered bodies must be equal byte
for byte. The list fields come from the schema: a list field that no query reaches fails
`test_every_list_field_is_compared` until an entry point reaches it, so a new list (labels,
batches, ...) is compared as soon as it exists.

The SDK's data-row page (`DataRowFields`) is compared on rows with and without metadata and
media attributes, and must take the context-field shortcut for the fields whose resolvers
are marked `reads_only_context`. The shortcuts on unusual values and errors are compared on
small schemas in `test_fast_execution_units.py`.
"""

# ruff: noqa: F811 (tests take the imported `owner` fixture as a parameter)
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    execute_sync,
    get_named_type,
    is_leaf_type,
    parse,
)
from sqlalchemy import select, update

from labelbox_server import LocalServer
from labelbox_server.db.models import DataRow
from labelbox_server.db.session import SessionFactory, make_engine
from labelbox_server.domain import store
from labelbox_server.graphql.executor import Executor, writing_query_fields
from labelbox_server.graphql.schema import build_schema
from labelbox_server.outbound import OutboundPolicy
from labelbox_server.resolvers.context import RequestContext
from labelbox_server.responses import render_json
from labelbox_server.settings import RequestLimits
from labelbox_server.storage import DirectoryBlobStore, Storage, UrlSigner
from labelbox_server.storage.signing import load_or_create_secret

from .data_helpers import (
    CAPTURE_DATETIME_SCHEMA_ID,
    TRAIN_OPTION_ID,
    create_row,
)
from .isolation_common import Owner
from .test_fast_execution_units import RecordingExecutor
from .test_isolation_every_field import owner  # noqa: F401 (the fixture)

DEPTH = 3
#: Entry points: root field → arguments (GraphQL literals) built from the owner's ids.
ENTRY_POINTS: dict[str, Callable[[Owner], str]] = {
    "user": lambda o: "",
    "organization": lambda o: "",
    "roles": lambda o: "",
    "iamIntegrations": lambda o: "",
    "projects": lambda o: "",
    "datasets": lambda o: "",
    "labelingFrontends": lambda o: "",
    "customMetadataOntology": lambda o: "",
    "project": lambda o: f'where: {{id: "{o["project"]}"}}',
    "dataset": lambda o: f'where: {{id: "{o["dataset"]}"}}',
    "dataRow": lambda o: f'where: {{id: "{o["row"]}"}}',
    "datasetDataRows": lambda o: f'id: "{o["dataset"]}", first: 50',
    "externalIdsToDataRowIds": lambda o: 'externalId_in: ["owned-external", "fast-1"]',
    "task": lambda o: f'where: {{id: "{o["import"]}"}}',
    "dataRowCustomMetadata": lambda o: f'where: {{dataRowIds: ["{o["row"]}"]}}',
    "assignGlobalKeysToDataRowsResult": lambda o: f'jobId: {{id: "{o["assign"]}"}}',
    "dataRowsForGlobalKeysResult": lambda o: f'jobId: {{id: "{o["lookup"]}"}}',
    "clearGlobalKeysResult": lambda o: f'jobId: {{id: "{o["clear"]}"}}',
    "ontology": lambda o: f'where: {{id: "{o["ontology"]}"}}',
    "ontologies": lambda o: "",
    "rootSchemaNode": lambda o: f'where: {{featureSchemaId: "{o["feature"]}"}}',
    "rootSchemaNodes": lambda o: "",
    "batch": lambda o: f'where: {{id: "{o["batch"]}"}}',
    "queryAllDataRowsHaveBeenProcessed": lambda o: f'dataRowIds: ["{o["row"]}"]',
    "label": lambda o: f'where: {{id: "{o["label"]}"}}',
    "review": lambda o: f'where: {{id: "{o["review"]}"}}',
    "benchmark": lambda o: f'where: {{id: "{o["benchmark"]}"}}',
    "labelImport": lambda o: f'where: {{projectId: "{o["project"]}", name: "owned-import"}}',
    "webhook": lambda o: f'where: {{id: "{o["webhook"]}"}}',
    "invitesLimit": lambda o: f'where: {{id: "{o["organization"]}"}}',
    "modelAssistedLabelingPredictionImport": lambda o: (
        f'where: {{projectId: "{o["project"]}", name: "owned-mal"}}'
    ),
    "meaToMalPredictionImport": lambda o: (
        f'where: {{projectId: "{o["project"]}", name: "owned-mal"}}'
    ),
    "modelErrorAnalysisPredictionImport": lambda o: (
        f'where: {{modelRunId: "{o["model_run"]}", name: "owned-mea"}}'
    ),
    "bulkImportRequest": lambda o: f'where: {{id: "{o["bulk"]}"}}',
    "bulkImportRequests": lambda o: f'where: {{projectId: "{o["project"]}"}}',
    "model": lambda o: f'where: {{id: "{o["model"]}"}}',
    "models": lambda o: "",
    "modelRun": lambda o: f'where: {{id: "{o["model_run"]}"}}',
    "annotationGroups": lambda o: f'where: {{modelRunId: {{id: "{o["model_run"]}"}}}}, first: 50',
    "MEALabelRegistrationTaskStatus": lambda o: f'where: {{id: "{o["label_task"]}"}}',
    "MEADataRowRegistrationTaskStatus": lambda o: f'where: {{id: "{o["row_task"]}"}}',
    "assignDataRowsToDataSplitTaskStatus": lambda o: f'where: {{id: "{o["split_task"]}"}}',
    "trainingPipeline": lambda o: f'where: {{id: "{o["model_run"]}"}}',
    "getSavedQuery": lambda o: f'id: "{o["slice"]}"',
    "getDataRowIdsBySavedQuery": lambda o: f'input: {{savedQueryId: "{o["slice"]}", first: 100}}',
    "resourceTag": lambda o: f'where: {{id: "{o["tag"]}"}}',
}
#: Not compared: a root field that writes (it starts a job, so each run answers a new job id).
WRITING = {"dataRowsForGlobalKeys"}
#: Fields below the root that write (a query selecting one runs as a writer).
WRITING_BELOW_ROOT = {"issueExportUrl"}
#: Arguments for nested fields that require some.
NESTED_ARGUMENTS: dict[tuple[str, str], Callable[[Owner], str]] = {
    ("DataRow", "labelingActivity"): lambda o: f'where: {{projectId: "{o["project"]}"}}',
}


def _unwrap(graphql_type: GraphQLOutputType) -> tuple[GraphQLOutputType, bool]:
    """The type without NonNull wrappers, and whether it is a list."""
    while isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return graphql_type, isinstance(graphql_type, GraphQLList)


def selection(
    schema: GraphQLSchema,
    object_type: GraphQLObjectType,
    owner: Owner,
    depth: int,
    lists: int,
    reached: set[tuple[str, str]],
) -> str:
    """Every field of `object_type` that needs no arguments we cannot give, nested objects
    down to `depth` (and at most 3 nested lists, the server's limit)."""
    parts: list[str] = []
    for name, field in object_type.fields.items():
        required = any(isinstance(arg.type, GraphQLNonNull) for arg in field.args.values())
        arguments = ""
        if required:
            given = NESTED_ARGUMENTS.get((object_type.name, name))
            if given is None:
                continue
            arguments = f"({given(owner)})"
        named = get_named_type(field.type)
        is_list = _unwrap(field.type)[1]
        if is_leaf_type(named):
            if not (is_list and lists == 3):  # lists of scalars count as list levels too
                parts.append(f"{name}{arguments}")
            continue
        if not isinstance(named, GraphQLObjectType) or depth == 0 or (is_list and lists == 3):
            continue
        inner = selection(schema, named, owner, depth - 1, lists + is_list, reached)
        if inner:
            if is_list:
                reached.add((object_type.name, name))
            parts.append(f"{name}{arguments} {{ {inner} }}")
    return " ".join(parts)


def readable_types(schema: GraphQLSchema) -> set[str]:
    """The object types a query reaches (those only mutations return are not read here)."""
    assert schema.query_type is not None
    found: set[str] = set()
    pending = [schema.query_type]
    while pending:
        object_type = pending.pop()
        for field in object_type.fields.values():
            named = get_named_type(field.type)
            if isinstance(named, GraphQLObjectType) and named.name not in found:
                found.add(named.name)
                pending.append(named)
    return found


def list_fields(schema: GraphQLSchema) -> set[tuple[str, str]]:
    """Every list-of-objects field of an object type a query reaches (`Query` excluded)."""
    found: set[tuple[str, str]] = set()
    readable = readable_types(schema)
    for type_name, graphql_type in schema.type_map.items():
        if type_name.startswith("__") or type_name == "Query" or type_name not in readable:
            continue
        if not isinstance(graphql_type, GraphQLObjectType):
            continue
        for name, field in graphql_type.fields.items():
            if _unwrap(field.type)[1] and isinstance(get_named_type(field.type), GraphQLObjectType):
                found.add((type_name, name))
    return found


def queries(schema: GraphQLSchema, owner: Owner) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """The query of every entry point, and the list fields they reach."""
    assert schema.query_type is not None
    reached: set[tuple[str, str]] = set()
    documents: dict[str, str] = {}
    for name, arguments in ENTRY_POINTS.items():
        field = schema.query_type.fields[name]
        named = get_named_type(field.type)
        given = arguments(owner)
        call = f"{name}({given})" if given else name
        if isinstance(named, GraphQLObjectType):
            lists = int(_unwrap(field.type)[1])
            if lists:
                reached.add(("Query", name))
            call += f" {{ {selection(schema, named, owner, DEPTH, lists, reached)} }}"
        documents[name] = f"{{ {call} }}"
    return documents, reached


@pytest.fixture(scope="module")
def executors(server: LocalServer, owner: Owner) -> Iterator[tuple[Executor, Executor, Any]]:
    """Both paths on the server's database (same URL-signing secret, same base URL)."""
    engine = make_engine(server.database_url)
    sessions = SessionFactory(engine)
    storage = Storage(
        DirectoryBlobStore(server.data_dir / "blobs"),
        UrlSigner(load_or_create_secret(engine)),
        server.base_url,
        7 * 24 * 3600,
        3653 * 24 * 3600,
        512 * 1024 * 1024,
        OutboundPolicy(),
    )
    limits = RequestLimits(max_fields=100_000, max_depth=50, max_aliases=10_000)
    schema = build_schema()
    fast = Executor(schema, sessions, server.base_url, storage, limits=limits)
    general = Executor(
        schema, sessions, server.base_url, storage, limits=limits, fast_execution=False
    )
    caller = fast.authenticate(f"Bearer {owner.api.api_key}")
    try:
        yield fast, general, caller
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def more_rows(owner: Owner, executors: tuple[Executor, Executor, Any]) -> None:
    """A few more rows (with and without optional fields, metadata of every logical kind,
    media attributes empty or stored as null) so lists hold several items."""
    create_row(
        owner.api, owner["dataset"], "https://storage.example.com/fast-1.jpg", external_id="fast-1"
    )
    create_row(owner.api, owner["dataset"], "plain text row", media_type="TEXT")
    create_row(
        owner.api,
        owner["dataset"],
        '{"tileLayerUrl": "https://tiles.example.com/{z}/{x}/{y}.png"}',
        metadata_fields=[
            {"schemaId": TRAIN_OPTION_ID, "value": {}},
            {"schemaId": CAPTURE_DATETIME_SCHEMA_ID, "value": "2024-05-06T07:08:09Z"},
        ],
    )
    unset = create_row(owner.api, owner["dataset"], "media attributes stored as null")
    with executors[0].sessions.session(write=True) as session:
        session.execute(
            update(DataRow).where(DataRow.id == unset["id"]).values(media_attributes=None)
        )
        session.commit()
    owner.api.data(
        'mutation { createProject(data: {name: "fast second", description: "d"}) { id } }'
    )


@pytest.mark.usefixtures("more_rows")
@pytest.mark.parametrize("entry_point", sorted(ENTRY_POINTS))
def test_fast_and_general_paths_render_the_same_bytes(
    entry_point: str,
    owner: Owner,
    executors: tuple[Executor, Executor, Any],
) -> None:
    fast, general, caller = executors
    document = queries(build_schema(), owner)[0][entry_point]
    request = {"query": document, "variables": None, "operationName": None}
    fast_response = fast.execute(caller, request)
    with store.orm_rows():
        general_response = general.execute(caller, request)
    assert fast_response.status == general_response.status == 200
    fast_body, general_body = render_json(fast_response.body), render_json(general_response.body)
    assert fast_body == general_body
    assert b'"data":{' in fast_body, fast_body[:500]
    assert "errors" not in fast_response.body, fast_response.body["errors"]


def test_every_list_field_is_compared(owner: Owner) -> None:
    schema = build_schema()
    _, reached = queries(schema, owner)
    assert schema.query_type is not None
    roots = {
        ("Query", name)
        for name, field in schema.query_type.fields.items()
        if _unwrap(field.type)[1] and isinstance(get_named_type(field.type), GraphQLObjectType)
    }
    missing = (list_fields(schema) | roots) - reached
    assert writing_query_fields(schema) == WRITING | WRITING_BELOW_ROOT, "compare every other"
    assert set(schema.query_type.fields) == set(ENTRY_POINTS) | WRITING
    assert not missing, f"list fields no entry point reaches (add one to ENTRY_POINTS): {missing}"


def test_lists_hold_rows_not_orm_objects(
    owner: Owner, executors: tuple[Executor, Executor, Any]
) -> None:
    """What the list resolvers return is what `store.rows` reads (so the fast path applies)."""
    from labelbox_server.db.models import Project
    from labelbox_server.domain import projects
    from labelbox_server.domain.pagination import ListArgs

    fast, _, caller = executors
    with fast.sessions.session() as session:
        found = projects.list_projects(session, caller, ListArgs())
        assert found and not isinstance(found[0], Project)
        assert {row.name for row in found} >= {"owned", "fast second"}
        with store.orm_rows():
            assert all(
                isinstance(p, Project) for p in projects.list_projects(session, caller, ListArgs())
            )


#: The SDK's page of data rows (`GET_DATASET_DATA_ROWS_PY_API_GQL`, `DataRowFields`).
DATA_ROW_PAGE = """
query GetDatasetDataRowsPyApi($id: ID!, $from: String, $first: PageSize = 500) {
  datasetDataRows(id: $id, from: $from, first: $first) {
    nodes { ...DataRowFields }
    pageInfo { hasNextPage endCursor }
  }
}
fragment DataRowFields on DataRow {
  uid: id externalId globalKey rowData mediaType createdAt updatedAt mediaAttributes
  customMetadata { schemaId value }
  metadataFields { schemaId name value kind }
}
"""
#: The `DataRowFields` whose resolvers read only the row and the request context.
CONTEXT_FIELDS = {"mediaAttributes", "customMetadata", "metadataFields"}


@pytest.mark.usefixtures("more_rows")
def test_the_sdk_data_row_page_renders_the_same_bytes(
    owner: Owner, executors: tuple[Executor, Executor, Any]
) -> None:
    """Rows with metadata (an enum option, a date) and without, media attributes set, empty
    and stored as null: the context-field shortcut gives graphql-core's bytes."""
    fast, general, caller = executors
    request = {"query": DATA_ROW_PAGE, "variables": {"id": owner["dataset"]}}
    fast_response = fast.execute(caller, request)
    with store.orm_rows():
        general_response = general.execute(caller, request)
    assert render_json(fast_response.body) == render_json(general_response.body)
    assert "errors" not in fast_response.body, fast_response.body["errors"]
    rows = fast_response.body["data"]["datasetDataRows"]["nodes"]
    attributes = [row["mediaAttributes"] for row in rows]
    assert {} in attributes and {"mimeType": "image/jpeg"} in attributes, attributes
    assert any(row["customMetadata"] for row in rows) and not all(
        row["customMetadata"] for row in rows
    )
    kinds = {field["kind"] for row in rows for field in row["metadataFields"]}
    assert {"CustomMetadataEnum", "CustomMetadataDateTime", "CustomMetadataString"} <= kinds
    with fast.sessions.session() as session:
        stored = session.scalars(
            select(DataRow.media_attributes).where(DataRow.id.in_([row["uid"] for row in rows]))
        ).all()
    assert None in stored and {} in stored  # both reach the resolver


@pytest.mark.usefixtures("more_rows")
def test_the_sdk_data_row_page_takes_the_context_field_shortcut(
    owner: Owner, executors: tuple[Executor, Executor, Any]
) -> None:
    fast, _, caller = executors
    RecordingExecutor.general = []
    with fast.sessions.session() as session:
        context = RequestContext(
            session=session, caller=caller, base_url=fast.base_url, storage=fast.storage
        )
        result = execute_sync(
            fast.schema,
            parse(DATA_ROW_PAGE),
            context_value=context,
            variable_values={"id": owner["dataset"]},
            executor_class=RecordingExecutor,
        )
    assert result.errors is None and result.data is not None
    assert len(result.data["datasetDataRows"]["nodes"]) >= 4
    assert RecordingExecutor.general, "the page itself takes the general path"
    assert not CONTEXT_FIELDS & set(RecordingExecutor.general), RecordingExecutor.general
