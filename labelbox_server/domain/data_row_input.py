"""What a data row is made of: one row's input (from `createDataRow` or an import
descriptor) checked and interpreted, ready to insert.

`prepare_row` raises `RowError` (kinds: `media_type`, `contents`, `global_key`, `invalid`);
global keys are checked against the organization by the caller, which knows about the other
rows of the same request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ApiError, MalformedRequest
from ..storage import Storage
from . import global_keys, media
from .metadata_ontology import Ontology
from .metadata_values import MetadataError, validate_fields

ATTACHMENT_TYPES = frozenset(
    {"VIDEO", "IMAGE", "TEXT", "IMAGE_OVERLAY", "HTML", "RAW_TEXT", "TEXT_URL"}
)

MAX_EXTERNAL_ID_LENGTH = 1024


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
    attachments = [
        (kind, storage.lasting_url(value)) for kind, value in check_attachments(row.attachments)
    ]
    return PreparedRow(content, external_id, global_key, entries, attachments)


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
