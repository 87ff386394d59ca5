"""Data rows: `Query.dataRow/datasetDataRows/externalIdsToDataRowIds`, `Dataset.dataRows`,
`Mutation.createDataRow/updateDataRow/deleteDataRows`, attachments, and the `DataRow`,
`AssetAttachment` and `Label` types."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Attachment, DataRow, Dataset, Label, Organization, User
from ..domain import attachments, data_rows, metadata, organizations, users
from ..domain.pagination import ListArgs
from ..graphql.context import Info, RequestContext, request_context
from .common import snake_case_aliases
from .datasets import dataset_type
from .root import mutation, query

data_row_type = snake_case_aliases(
    ObjectType("DataRow"),
    {
        "externalId": "external_id",
        "globalKey": "global_key",
        "rowData": "row_data",
        "mediaType": "media_type",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
    },
)
label_type = snake_case_aliases(
    ObjectType("Label"),
    {
        "secondsToLabel": "seconds_to_label",
        "benchmarkAgreement": "benchmark_agreement",
        "isBenchmarkReference": "is_benchmark_reference",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
    },
)
attachment_type = ObjectType("AssetAttachment")


def remember_rows(ctx: RequestContext, rows: Sequence[DataRow]) -> Sequence[DataRow]:
    """Note rows about to be resolved, so their metadata is loaded in one query."""
    ctx.cache.setdefault("pending_rows", set()).update(row.id for row in rows)
    return rows


def _entries(ctx: RequestContext, row: DataRow) -> list[tuple[str, Any]]:
    loaded: dict[str, list[tuple[str, Any]]] = ctx.cache.setdefault("metadata", {})
    if row.id not in loaded:
        pending = ctx.cache.get("pending_rows", set()) | {row.id}
        loaded.update(metadata.entries_by_row(ctx.session, [i for i in pending if i not in loaded]))
    return loaded[row.id]


def ontology(ctx: RequestContext) -> metadata.Ontology:
    """The caller's metadata ontology, loaded once per request."""
    if "ontology" not in ctx.cache:
        ctx.cache["ontology"] = metadata.load_ontology(ctx.session, ctx.caller.organization_id)
    value: metadata.Ontology = ctx.cache["ontology"]
    return value


@query.field("dataRow")
def resolve_data_row(_root: Any, info: Info, where: dict[str, Any]) -> DataRow:
    ctx = request_context(info)
    return data_rows.get_data_row(ctx.session, ctx.caller, where["id"])


@query.field("datasetDataRows")
def resolve_dataset_data_rows(_root: Any, info: Info, id: str, **args: Any) -> dict[str, Any]:
    ctx = request_context(info)
    page = data_rows.dataset_data_rows_page(
        ctx.session,
        ctx.caller,
        id,
        cursor=args.get("from"),
        first=args.get("first"),
        where=args.get("where"),
        order_by=args.get("orderBy"),
    )
    return {
        "nodes": remember_rows(ctx, page.nodes),
        "pageInfo": {
            "hasNextPage": page.has_next_page,
            "startCursor": page.start_cursor,
            "endCursor": page.end_cursor,
        },
    }


@query.field("externalIdsToDataRowIds")
def resolve_external_ids(_root: Any, info: Info, **args: Any) -> list[dict[str, str]]:
    ctx = request_context(info)
    return [
        {"dataRowId": row_id, "externalId": external_id}
        for row_id, external_id in data_rows.external_ids_to_data_row_ids(
            ctx.session, ctx.caller, args["externalId_in"]
        )
    ]


@dataset_type.field("dataRows")
def resolve_dataset_rows(dataset: Dataset, info: Info, **args: Any) -> Sequence[DataRow]:
    ctx = request_context(info)
    rows = data_rows.list_data_rows(
        ctx.session, ctx.caller, dataset.id, ListArgs.from_graphql(args)
    )
    return remember_rows(ctx, rows)


@mutation.field("createDataRow")
def resolve_create_data_row(_root: Any, info: Info, data: dict[str, Any]) -> DataRow:
    ctx = request_context(info)
    return data_rows.create_data_row(ctx.session, ctx.caller, ctx.storage, data)


@mutation.field("updateDataRow")
def resolve_update_data_row(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> DataRow:
    ctx = request_context(info)
    ctx.cache.clear()
    return data_rows.update_data_row(ctx.session, ctx.caller, ctx.storage, where["id"], data)


@mutation.field("deleteDataRows")
def resolve_delete_data_rows(_root: Any, info: Info, where: dict[str, Any]) -> Sequence[DataRow]:
    ctx = request_context(info)
    rows = data_rows.delete_data_rows(ctx.session, ctx.caller, where["dataRowIds"])
    return remember_rows(ctx, rows)


@mutation.field("createDataRowAttachment")
def resolve_create_attachment(_root: Any, info: Info, data: dict[str, Any]) -> Attachment:
    ctx = request_context(info)
    ctx.cache.clear()
    return attachments.create_attachment(ctx.session, ctx.caller, data)


@mutation.field("deleteDataRowAttachment")
def resolve_delete_attachment(_root: Any, info: Info, where: dict[str, Any]) -> Attachment:
    ctx = request_context(info)
    ctx.cache.clear()
    return attachments.delete_attachment(ctx.session, ctx.caller, where["id"])


@data_row_type.field("mediaAttributes")
def resolve_media_attributes(row: DataRow, _info: Info) -> Any:
    return row.media_attributes if row.media_attributes is not None else {}


@data_row_type.field("customMetadata")
def resolve_custom_metadata(row: DataRow, info: Info) -> list[dict[str, Any]]:
    return metadata.raw_fields(_entries(request_context(info), row))


@data_row_type.field("metadataFields")
def resolve_metadata_fields(row: DataRow, info: Info) -> list[dict[str, Any]]:
    ctx = request_context(info)
    return metadata.logical_fields(_entries(ctx, row), ontology(ctx))


@data_row_type.field("dataset")
def resolve_dataset(row: DataRow, info: Info) -> Dataset | None:
    return request_context(info).session.get(Dataset, row.dataset_id)


@data_row_type.field("createdBy")
def resolve_created_by(row: DataRow, info: Info) -> User | None:
    return users.user_by_id(request_context(info).session, row.created_by_id)


@data_row_type.field("organization")
def resolve_organization(row: DataRow, info: Info) -> Organization:
    return organizations.organization_by_id(request_context(info).session, row.organization_id)


@data_row_type.field("labels")
def resolve_labels(row: DataRow, info: Info, **args: Any) -> Sequence[Label]:
    return data_rows.labels_of(request_context(info).session, row.id, ListArgs.from_graphql(args))


@data_row_type.field("attachments")
def resolve_attachments(
    row: DataRow, info: Info, skip: int | None = None, first: int | None = None
) -> Sequence[Attachment]:
    ctx = request_context(info)
    loaded: dict[str, list[Attachment]] = ctx.cache.setdefault("attachments", {})
    if row.id not in loaded:
        pending = ctx.cache.get("pending_rows", set()) | {row.id}
        loaded.update(
            data_rows.attachments_by_row(ctx.session, [i for i in pending if i not in loaded])
        )
    start = skip or 0
    return loaded[row.id][start : None if first is None else start + first]


@data_row_type.field("labelingActivity")
def resolve_labeling_activity(row: DataRow, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    session = request_context(info).session
    return {"selectedLabelId": data_rows.winning_label_id(session, row.id, where["projectId"])}


@label_type.field("dataRow")
def resolve_label_data_row(label: Label, info: Info) -> DataRow | None:
    return request_context(info).session.get(DataRow, label.data_row_id)


@label_type.field("createdBy")
def resolve_label_created_by(label: Label, info: Info) -> User | None:
    return users.user_by_id(request_context(info).session, label.created_by_id)


BINDABLES = [data_row_type, label_type, attachment_type]
