"""Data rows: `Query.dataRow/datasetDataRows/externalIdsToDataRowIds`, `Dataset.dataRows`,
`Mutation.createDataRow/updateDataRow/deleteDataRows`, attachments, and the `DataRow` and
`AssetAttachment` types."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Attachment, DataRow, Dataset, Label, Organization, User
from ..domain import (
    access,
    attachments,
    data_row_pages,
    data_rows,
    labels,
    metadata_values,
    organizations,
    store,
    users,
)
from ..domain.pagination import ListArgs
from .access import requires
from .context import Info, request_context
from .datasets import dataset_type
from .root import mutation, query, reads_only_context

data_row_type = ObjectType("DataRow")


@query.field("dataRow")
@requires(access.READ_CATALOG)
def resolve_data_row(_root: Any, info: Info, where: dict[str, Any]) -> DataRow:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, DataRow, where["id"])


@query.field("datasetDataRows")
@requires(access.READ_CATALOG)
def resolve_dataset_data_rows(
    _root: Any, info: Info, id: str, **args: Any
) -> data_row_pages.CursorPage:
    ctx = request_context(info)
    page = data_row_pages.dataset_data_rows_page(
        ctx.session,
        ctx.caller,
        id,
        cursor=args.get("from"),
        first=args.get("first"),
        where=args.get("where"),
        order_by=args.get("order_by"),
    )
    ctx.loaders.note_data_rows(page.nodes)
    return page


@query.field("externalIdsToDataRowIds")
@requires(access.READ_CATALOG)
def resolve_external_ids(_root: Any, info: Info, external_id_in: list[str]) -> list[dict[str, str]]:
    ctx = request_context(info)
    return [
        {"data_row_id": row_id, "external_id": external_id}
        for row_id, external_id in data_rows.external_ids_to_data_row_ids(
            ctx.session, ctx.caller, external_id_in
        )
    ]


@dataset_type.field("dataRows")
def resolve_dataset_rows(dataset: Dataset, info: Info, **args: Any) -> Sequence[DataRow]:
    ctx = request_context(info)
    rows = data_rows.list_data_rows(ctx.session, ctx.caller, dataset.id, ListArgs.from_args(args))
    return ctx.loaders.note_data_rows(rows)


@mutation.field("createDataRow")
@requires(access.EDIT_CATALOG)
def resolve_create_data_row(_root: Any, info: Info, data: dict[str, Any]) -> DataRow:
    ctx = request_context(info)
    return data_rows.create_data_row(ctx.session, ctx.caller, ctx.storage, data)


@mutation.field("updateDataRow")
@requires(access.EDIT_CATALOG)
def resolve_update_data_row(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> DataRow:
    ctx = request_context(info)
    return data_rows.update_data_row(ctx.session, ctx.caller, ctx.storage, where["id"], data)


@mutation.field("deleteDataRows")
@requires(access.EDIT_CATALOG)
def resolve_delete_data_rows(_root: Any, info: Info, where: dict[str, Any]) -> Sequence[DataRow]:
    ctx = request_context(info)
    rows = data_rows.delete_data_rows(ctx.session, ctx.caller, where["data_row_ids"])
    return ctx.loaders.note_data_rows(rows)


@mutation.field("createDataRowAttachment")
@requires(access.EDIT_CATALOG)
def resolve_create_attachment(_root: Any, info: Info, data: dict[str, Any]) -> Attachment:
    ctx = request_context(info)
    return attachments.create_attachment(ctx.session, ctx.caller, ctx.storage, data)


@mutation.field("deleteDataRowAttachment")
@requires(access.EDIT_CATALOG)
def resolve_delete_attachment(_root: Any, info: Info, where: dict[str, Any]) -> Attachment:
    ctx = request_context(info)
    return attachments.delete_attachment(ctx.session, ctx.caller, where["id"])


@data_row_type.field("mediaAttributes")
@reads_only_context
def resolve_media_attributes(row: DataRow, _info: Info) -> Any:
    return row.media_attributes if row.media_attributes is not None else {}


@data_row_type.field("customMetadata")
@reads_only_context
def resolve_custom_metadata(row: DataRow, info: Info) -> list[metadata_values.StoredValue]:
    return metadata_values.raw_fields(request_context(info).loaders.metadata_entries.get(row.id))


@data_row_type.field("metadataFields")
@reads_only_context
def resolve_metadata_fields(row: DataRow, info: Info) -> list[metadata_values.LogicalField]:
    loaders = request_context(info).loaders
    entries = loaders.metadata_entries.get(row.id)
    return metadata_values.logical_fields(entries, loaders.ontology.get())


@data_row_type.field("dataset")
def resolve_dataset(row: DataRow, info: Info) -> Dataset | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, Dataset, row.dataset_id, deleted=True)


@data_row_type.field("createdBy")
def resolve_created_by(row: DataRow, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, row.created_by_id)


@data_row_type.field("organization")
def resolve_organization(_row: DataRow, info: Info) -> Organization:
    ctx = request_context(info)
    return organizations.get_organization(ctx.session, ctx.caller)


@data_row_type.field("labels")
def resolve_labels(row: DataRow, info: Info, **args: Any) -> Sequence[Label]:
    ctx = request_context(info)
    return labels.labels_of(ctx.session, ctx.caller, row.id, ListArgs.from_args(args))


@data_row_type.field("attachments")
def resolve_attachments(
    row: DataRow, info: Info, skip: int | None = None, first: int | None = None
) -> Sequence[Attachment]:
    start = skip or 0
    found = request_context(info).loaders.attachments.get(row.id)
    return found[start : None if first is None else start + first]


@data_row_type.field("labelingActivity")
def resolve_labeling_activity(row: DataRow, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    label_id = labels.winning_label_id(ctx.session, ctx.caller, row.id, where["project_id"])
    return {"selected_label_id": label_id}
