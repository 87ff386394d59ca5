"""Data rows: create, read, update, soft delete, list (offset and keyset), look up.

* `prepare_row` turns one row's input (from `createDataRow` or an import descriptor) into
  what is stored, or raises `RowError` (kinds: `media_type`, `contents`, `global_key`,
  `invalid`); `insert_rows` bulk-inserts prepared rows with their metadata and attachments
  and keeps `datasets.row_count` and `datasets.data_rows_changed_at` current.
* `dataset_data_rows_page` pages by cursor (keyset): the cursor encodes the last row's sort
  key and id, the next page is `WHERE (key, id) > (last key, last id)`. A nullable sort key
  is walked in two segments (NULLs first ascending, last descending), each on an index.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, insert, select, tuple_, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import SQLCoreOperations

from ..db.models import Attachment, DataRow, DataRowMetadataValue, Dataset, Label
from ..db.types import UTCDateTime
from ..errors import ApiError, MalformedRequest, ResourceConflict
from ..storage import Storage
from . import clock, global_keys, ids, media, store
from .context import Caller
from .filters import model_fields
from .listing import apply_list_args
from .metadata import MetadataError, Ontology, load_ontology, metadata_rows, validate_fields
from .pagination import ListArgs

ATTACHMENT_TYPES = frozenset(
    {"VIDEO", "IMAGE", "TEXT", "IMAGE_OVERLAY", "HTML", "RAW_TEXT", "TEXT_URL"}
)
MAX_EXTERNAL_ID_LENGTH = 1024
DEFAULT_CURSOR_PAGE = 100
MAX_CURSOR_PAGE = 1000


class InvalidQuery(ApiError):
    """Input the API rejects as an invalid query (`GRAPHQL_VALIDATION_FAILED`)."""

    code = "GRAPHQL_VALIDATION_FAILED"


class RowError(ValueError):
    """Why one row cannot be created; `kind` is media_type, contents, global_key or invalid."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message

    def api_error(self) -> ApiError:
        """The error `createDataRow` reports for it."""
        if self.kind in ("media_type", "contents"):
            return InvalidQuery(self.message)
        return MalformedRequest(self.message)


@dataclass
class RowInput:
    """One row to create, as given."""

    row_data: Any
    media_type: Any = None
    external_id: Any = None
    global_key: Any = None
    metadata_fields: Any = None
    attachments: Any = None


@dataclass
class PreparedRow:
    """One validated row, ready to insert."""

    content: media.Content
    external_id: str | None
    global_key: str | None
    metadata: list[tuple[str, Any]] = field(default_factory=list)
    attachments: list[tuple[str, str]] = field(default_factory=list)
    index: int | None = None


def _optional_str(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RowError("invalid", f"{name} must be a string")
    return value


def prepare_row(row: RowInput, ontology: Ontology, storage: Storage) -> PreparedRow:
    """Validate and interpret one row (global keys are checked against the organization by
    the caller, which knows about the other rows of the same request)."""
    if row.row_data is None or row.row_data == "":
        raise RowError("invalid", "rowData is required")
    if not isinstance(row.row_data, str | dict):
        raise RowError("invalid", "rowData must be a string or an object")
    try:
        content = media.interpret(row.row_data, row.media_type, storage)
    except media.InvalidMediaType as error:
        raise RowError("media_type", str(error)) from None
    except media.InvalidContents as error:
        raise RowError("contents", str(error)) from None
    external_id = _optional_str(row.external_id, "externalId")
    if external_id is not None and len(external_id) > MAX_EXTERNAL_ID_LENGTH:
        raise RowError("invalid", f"externalId is longer than {MAX_EXTERNAL_ID_LENGTH} characters")
    global_key = _optional_str(row.global_key, "globalKey")
    if global_key is not None:
        global_key = global_keys.sanitize(global_key)
        reason = global_keys.problem(global_key)
        if reason:
            raise RowError("global_key", reason)
    try:
        entries = validate_fields(row.metadata_fields, ontology)
    except MetadataError as error:
        raise RowError("invalid", f"Invalid metadata: {error}") from None
    return PreparedRow(
        content, external_id, global_key, entries, check_attachments(row.attachments)
    )


def check_attachments(attachments: Any) -> list[tuple[str, str]]:
    """`(type, value)` pairs of an attachment list (extra keys are ignored)."""
    if attachments is None:
        return []
    if not isinstance(attachments, list):
        raise RowError("invalid", "attachments must be a list")
    result = []
    for item in attachments:
        if not isinstance(item, Mapping):
            raise RowError("invalid", "each attachment must be an object with type and value")
        kind, value = item.get("type"), item.get("value")
        if kind not in ATTACHMENT_TYPES:
            raise RowError("invalid", f"Invalid attachment type {kind!r}")
        if not isinstance(value, str) or not value:
            raise RowError("invalid", "An attachment value must be a non-empty string")
        result.append((kind, value))
    return result


def touch_datasets(session: Session, dataset_ids: Iterable[str], now: datetime) -> None:
    """Record that data rows of these datasets changed."""
    wanted = list(set(dataset_ids))
    if wanted:
        session.execute(
            update(Dataset).where(Dataset.id.in_(wanted)).values(data_rows_changed_at=now)
        )


def insert_rows(
    session: Session,
    storage: Storage,
    *,
    dataset: Dataset,
    user_id: str | None,
    rows: Sequence[PreparedRow],
    task_id: str | None = None,
) -> list[dict[str, Any]]:
    """Insert prepared rows (bulk); returns the inserted `data_rows` values."""
    if not rows:
        return []
    now = clock.now()
    values: list[dict[str, Any]] = []
    metadata: list[dict[str, Any]] = []
    attachments: list[dict[str, Any]] = []
    for row in rows:
        row_id = ids.new_id()
        row_data = row.content.row_data
        if row.content.conversation is not None:
            key = f"conversations/{row_id}.json"
            body = json.dumps(row.content.conversation).encode()
            storage.blobs.put_bytes(key, body, "application/json")
            row_data = storage.stored_url(key, now)
        values.append(
            {
                "id": row_id,
                "organization_id": dataset.organization_id,
                "dataset_id": dataset.id,
                "row_data": row_data,
                "external_id": row.external_id,
                "global_key": row.global_key,
                "media_type": row.content.media_type,
                "media_attributes": row.content.media_attributes,
                "created_by_id": user_id,
                "created_at": now,
                "updated_at": now,
                "deleted": False,
                "import_task_id": task_id,
                "import_index": row.index if task_id is not None else None,
            }
        )
        metadata.extend(metadata_rows(row_id, row.metadata))
        attachments.extend(
            {"id": ids.new_id(), "data_row_id": row_id, "type": t, "value": v, "created_at": now}
            for t, v in row.attachments
        )
    connection = session.connection()  # Core executemany: no ORM bookkeeping
    connection.execute(insert(store.table(DataRow)), values)
    if metadata:
        connection.execute(insert(store.table(DataRowMetadataValue)), metadata)
    if attachments:
        connection.execute(insert(store.table(Attachment)), attachments)
    session.execute(
        update(Dataset)
        .where(Dataset.id == dataset.id)
        .values(row_count=Dataset.row_count + len(values), data_rows_changed_at=now)
    )
    return values


# -- single rows --------------------------------------------------------------------------


def _check_key_free(
    session: Session, caller: Caller, key: str | None, row_id: str | None = None
) -> None:
    if key is None:
        return
    holder = global_keys.holders(session, caller, [key]).get(key)
    if holder is not None and holder.id != row_id:
        raise ResourceConflict(f'Global key "{key}" is already in use')


def create_data_row(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> DataRow:
    """`createDataRow`: one row in a dataset of the caller's organization."""
    dataset = store.get(session, caller, Dataset, data["dataset"]["connect"]["id"])
    row_input = RowInput(
        row_data=data["row_data"],
        media_type=data.get("media_type"),
        external_id=data.get("external_id"),
        global_key=data.get("global_key"),
        metadata_fields=data.get("metadata_fields"),
        attachments=data.get("attachments"),
    )
    try:
        prepared = prepare_row(row_input, load_ontology(session, caller), storage)
    except RowError as error:
        raise error.api_error() from None
    _check_key_free(session, caller, prepared.global_key)
    (values,) = insert_rows(
        session, storage, dataset=dataset, user_id=caller.user_id, rows=[prepared]
    )
    session.flush()
    row = session.get(DataRow, values["id"])
    assert row is not None
    return row


def update_data_row(
    session: Session, caller: Caller, storage: Storage, data_row_id: str, data: Mapping[str, Any]
) -> DataRow:
    """`updateDataRow`: externalId, rowData, globalKey, mediaType, metadataFields."""
    row = store.get(session, caller, DataRow, data_row_id)
    for key in ("row_data", "media_type"):
        if key in data and data[key] is None:
            raise MalformedRequest.null_field(key)
    if "external_id" in data:
        external_id = data["external_id"]
        if external_id is not None and len(external_id) > MAX_EXTERNAL_ID_LENGTH:
            raise MalformedRequest(f"externalId is longer than {MAX_EXTERNAL_ID_LENGTH} characters")
    new_key = row.global_key
    if "global_key" in data:
        new_key = None if data["global_key"] is None else global_keys.sanitize(data["global_key"])
        reason = global_keys.problem(new_key) if new_key is not None else None
        if reason:
            raise MalformedRequest(reason)
        _check_key_free(session, caller, new_key, row.id)
    content = None
    if "row_data" in data or "media_type" in data:
        raw = data.get("row_data", row.row_data)
        media_type = data.get("media_type", row.media_type if "row_data" not in data else None)
        try:
            content = media.interpret(raw, media_type, storage)
        except (media.InvalidContents, media.InvalidMediaType) as error:
            raise InvalidQuery(str(error)) from None
    ontology = load_ontology(session, caller)
    entries = None
    if data.get("metadata_fields") is not None:
        try:
            entries = validate_fields(data["metadata_fields"], ontology)
        except MetadataError as error:
            raise MalformedRequest(f"Invalid metadata: {error}") from None

    now = clock.now()
    if "external_id" in data:
        row.external_id = data["external_id"]
    if "global_key" in data:
        row.global_key = new_key
    if content is not None:
        row.row_data = content.row_data
        row.media_type = content.media_type
        row.media_attributes = content.media_attributes
        if content.conversation is not None:
            key = f"conversations/{row.id}-{ids.new_id()}.json"
            storage.blobs.put_bytes(
                key, json.dumps(content.conversation).encode(), "application/json"
            )
            row.row_data = storage.stored_url(key, now)
    if entries is not None:
        from .metadata import upsert_entries

        upsert_entries(session, row.id, entries, ontology)
    row.updated_at = now
    touch_datasets(session, [row.dataset_id], now)
    session.flush()
    return row


def delete_data_rows(
    session: Session, caller: Caller, data_row_ids: Sequence[str]
) -> list[DataRow]:
    """Soft-delete the caller's rows among `data_row_ids` (others are ignored)."""
    deleted = list(store.find_many(session, caller, DataRow, data_row_ids).values())
    now = clock.now()
    per_dataset: dict[str, int] = {}
    for row in deleted:
        row.deleted = True
        row.updated_at = now
        per_dataset[row.dataset_id] = per_dataset.get(row.dataset_id, 0) + 1
    for dataset_id, count in per_dataset.items():
        session.execute(
            update(Dataset)
            .where(Dataset.id == dataset_id)
            .values(row_count=Dataset.row_count - count, data_rows_changed_at=now)
        )
    session.flush()
    return deleted


# -- lists --------------------------------------------------------------------------------


def list_data_rows(
    session: Session, caller: Caller, dataset_id: str, args: ListArgs
) -> Sequence[DataRow]:
    """`Dataset.dataRows`: offset pages, filters, orderBy (default: id, i.e. creation)."""
    stmt = store.scoped(caller, DataRow).where(DataRow.dataset_id == dataset_id)
    stmt = apply_list_args(stmt, args, DataRow, default_order=[DataRow.id])
    return session.scalars(stmt).all()


def external_ids_to_data_row_ids(
    session: Session, caller: Caller, external_ids: Sequence[str]
) -> list[tuple[str, str]]:
    """`(data row id, external id)` of every non-deleted row with one of the external ids,
    in creation order."""
    wanted = list(dict.fromkeys(external_ids))
    found: list[tuple[datetime, str, str]] = []
    for start in range(0, len(wanted), 500):
        found.extend(
            (row.created_at, row.id, row.external_id)
            for row in session.execute(
                store.scoped(caller, DataRow)
                .with_only_columns(DataRow.created_at, DataRow.id, DataRow.external_id)
                .where(
                    DataRow.external_id.in_(wanted[start : start + 500]),
                    DataRow.deleted.is_(False),
                )
            )
        )
    found.sort()
    return [(row_id, external_id) for _, row_id, external_id in found]


@dataclass
class CursorPage:
    """One keyset page (`DatasetDataRowConnection`; it is its own `pageInfo`)."""

    nodes: list[DataRow]
    has_next_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @property
    def page_info(self) -> CursorPage:
        return self


def _sort_column(name: str) -> SQLCoreOperations[Any]:
    field = model_fields(DataRow).get(name)
    if field is None:
        raise MalformedRequest(f'Unknown orderBy value "{name}"')
    return field.column


def _is_nullable(name: str) -> bool:
    return bool(DataRow.__table__.c[name].nullable)


def _encode_cursor(order_by: str, name: str, row: DataRow) -> str:
    value = getattr(row, name)
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([order_by, value, row.id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, order_by: str, name: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        given_order, value, row_id = json.loads(raw)
        if isinstance(getattr(DataRow, name).type, UTCDateTime) and value is not None:
            value = datetime.fromisoformat(value)
    except (ValueError, TypeError, binascii.Error):
        raise MalformedRequest("Invalid cursor") from None
    if given_order != order_by or not isinstance(row_id, str):
        raise MalformedRequest("The cursor belongs to another orderBy")
    return value, row_id


def dataset_data_rows_page(
    session: Session,
    caller: Caller,
    dataset_id: str,
    *,
    cursor: str | None,
    first: int | None,
    where: Mapping[str, Any] | None,
    order_by: str | None,
) -> CursorPage:
    """`Query.datasetDataRows`: one keyset page of the dataset's non-deleted rows."""
    dataset = store.get(session, caller, Dataset, dataset_id)
    size = DEFAULT_CURSOR_PAGE if first is None else first
    if not 1 <= size <= MAX_CURSOR_PAGE:
        raise MalformedRequest(f"first must be between 1 and {MAX_CURSOR_PAGE}")
    order_by = order_by or "id_ASC"
    name, _, direction = order_by.rpartition("_")
    if name not in model_fields(DataRow) or direction not in ("ASC", "DESC"):
        raise MalformedRequest(f'Unknown orderBy value "{order_by}"')
    column, ascending = _sort_column(name), direction == "ASC"
    base: Select[DataRow] = select(DataRow).where(
        DataRow.dataset_id == dataset.id, DataRow.deleted.is_(False)
    )
    for key, value in (where or {}).items():
        if value is not None:
            base = base.where(_sort_column(key) == value)

    # Segments in page order: (is the key NULL in this segment?).
    segments: list[bool] = [False]
    if _is_nullable(name):
        segments = [True, False] if ascending else [False, True]
    position = _decode_cursor(cursor, order_by, name) if cursor else None
    start_segment = 0
    if position is not None:
        start_segment = segments.index(position[0] is None)
    nodes: list[DataRow] = []
    for index in range(start_segment, len(segments)):
        remaining = size + 1 - len(nodes)
        if remaining <= 0:
            break
        after = position if index == start_segment else None
        nodes.extend(
            session.scalars(
                _segment(base, column, segments[index], ascending, after).limit(remaining)
            )
        )
    has_next = len(nodes) > size
    nodes = nodes[:size]
    return CursorPage(
        nodes,
        has_next,
        _encode_cursor(order_by, name, nodes[0]) if nodes else None,
        _encode_cursor(order_by, name, nodes[-1]) if nodes else None,
    )


def _segment(
    base: Select[DataRow],
    column: SQLCoreOperations[Any],
    null: bool,
    ascending: bool,
    after: tuple[Any, str] | None,
) -> Select[DataRow]:
    conditions: list[ColumnElement[bool]] = []
    if null:
        conditions.append(column.is_(None))
        if after is not None:
            conditions.append(DataRow.id > after[1] if ascending else DataRow.id < after[1])
        order = [DataRow.id.asc() if ascending else DataRow.id.desc()]
    else:
        if column is not DataRow.id:
            conditions.append(column.is_not(None))
        if after is not None:
            if column is DataRow.id:
                conditions.append(DataRow.id > after[1] if ascending else DataRow.id < after[1])
            else:
                key = tuple_(column, DataRow.id)
                mark = tuple_(after[0], after[1])
                conditions.append(key > mark if ascending else key < mark)
        if column is DataRow.id:
            order = [DataRow.id.asc() if ascending else DataRow.id.desc()]
        else:
            order = (
                [column.asc(), DataRow.id.asc()]
                if ascending
                else [column.desc(), DataRow.id.desc()]
            )
    return base.where(*conditions).order_by(*order)


# -- relationships ------------------------------------------------------------------------


def attachments_by_row(
    session: Session, data_row_ids: Sequence[str]
) -> dict[str, list[Attachment]]:
    """The attachments of each data row, oldest first."""
    result: dict[str, list[Attachment]] = {row_id: [] for row_id in data_row_ids}
    for start in range(0, len(data_row_ids), 500):
        for attachment in session.scalars(
            select(Attachment)
            .where(Attachment.data_row_id.in_(data_row_ids[start : start + 500]))
            .order_by(Attachment.created_at, Attachment.id)
        ):
            result[attachment.data_row_id].append(attachment)
    return result


def labels_of(
    session: Session, caller: Caller, data_row_id: str, args: ListArgs
) -> Sequence[Label]:
    """A data row's labels (none are created by this server yet)."""
    stmt = apply_list_args(
        store.scoped(caller, Label).where(Label.data_row_id == data_row_id),
        args,
        Label,
        default_order=[Label.created_at],
    )
    return session.scalars(stmt).all()


def winning_label_id(
    session: Session, caller: Caller, data_row_id: str, project_id: str
) -> str | None:
    """The newest label of the data row in the project (None without labels)."""
    return session.scalars(
        store.scoped(caller, Label)
        .with_only_columns(Label.id)
        .where(
            Label.data_row_id == data_row_id,
            Label.project_id == project_id,
            Label.deleted.is_(False),
        )
        .order_by(Label.created_at.desc(), Label.id.desc())
        .limit(1)
    ).first()
