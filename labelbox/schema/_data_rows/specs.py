"""Validate the items given to `Dataset.create_data_row(s)` and turn them into wire rows.

Every problem the client can see is raised here, before anything is sent, as an
`InvalidDataRowError` (or `InvalidAttributeError` for an unknown key) naming the
item and the field.
"""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labelbox._inputs import URL_SCHEMES, local_file_at
from labelbox._text import find_text_problem
from labelbox.exceptions import InvalidAttributeError, InvalidDataRowError
from labelbox.orm.field import Field
from labelbox.schema.asset_attachment import attachment_type
from labelbox.schema.media_type import MediaType

MAX_GLOBAL_KEY_LENGTH = 200
MAX_ATTACHMENTS_SYNC = 5

KEYS = ("row_data", "external_id", "global_key", "media_type", "metadata_fields", "attachments")
CONVERSATIONAL_TYPE = "application/vnd.labelbox.conversational"
MESSAGE_KEYS = {"messageId", "timestampUsec", "content", "user", "align", "canLabel"}

ParseMetadata = Callable[[Sequence[Any]], list[dict[str, Any]]]


@dataclass
class RowSpec:
    """One data row as it goes on the wire (snake_case keys, as in Labelbox's descriptor)."""

    index: int
    row: dict[str, Any]
    local_file: Path | None = None

    @property
    def global_key(self) -> str | None:
        value = self.row.get("global_key")
        return value if isinstance(value, str) else None


def parse_items(items: Iterable[Any], parse_metadata: Callable[[], ParseMetadata]) -> list[RowSpec]:
    """Validate every item; `parse_metadata` gives the ontology's parser, fetched on first use."""
    if isinstance(items, (str, bytes, Mapping, os.PathLike)) or not isinstance(items, Iterable):
        raise InvalidDataRowError(
            f"pass a list of items (URLs, file paths or dicts), not a {type(items).__name__}",
            field="items",
        )
    specs = [_parse_item(item, index, parse_metadata) for index, item in enumerate(items)]
    check_all_sendable(specs)
    check_unique_global_keys(specs)
    return specs


def parse_item(
    item: Any, index: int | None, parse_metadata: Callable[[], ParseMetadata]
) -> RowSpec:
    """One item validated into the row sent; `InvalidDataRowError` naming the field if not."""
    spec = _parse_item(item, index, parse_metadata)
    check_sendable(spec.row, index)
    return spec


#: One encoder for the checks (building one per call would cost more than encoding).
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _needs_search(text: str) -> bool:
    """Whether encoded rows may hold a NUL or a lone surrogate (ASCII text without an
    escaped NUL holds neither)."""
    return "\\u0000" in text or not text.isascii()


def check_all_sendable(specs: Sequence[RowSpec]) -> None:
    """`check_sendable` for every row, in one pass of the JSON encoder when all are fine."""
    try:
        text = _ENCODER.encode([spec.row for spec in specs])
    except (TypeError, ValueError, RecursionError):
        text = None
    if text is None or _needs_search(text):
        for spec in specs:
            check_sendable(spec.row, spec.index)


def check_sendable(row: Mapping[str, Any], index: int | None) -> None:
    """Every string of the row is valid Unicode without NUL, and the row is JSON (no bytes,
    no NaN, no nesting beyond what JSON decoders take); `InvalidDataRowError` naming the
    field otherwise."""
    try:
        text = _ENCODER.encode(row)
    except (TypeError, ValueError, RecursionError):
        for key, value in row.items():
            try:
                _ENCODER.encode(value)
            except (TypeError, ValueError, RecursionError) as error:
                deep = isinstance(error, RecursionError)
                reason = "nested too deeply" if deep else str(error)
                raise InvalidDataRowError(
                    f"cannot be sent as JSON: {reason}", field=key, index=index
                ) from None
        raise InvalidDataRowError("cannot be sent as JSON", index=index) from None
    if _needs_search(text):
        problem = find_text_problem(row, "")
        if problem is not None:
            raise InvalidDataRowError(problem[1], field=problem[0].lstrip("."), index=index)


def _parse_item(
    item: Any, index: int | None, parse_metadata: Callable[[], ParseMetadata]
) -> RowSpec:
    position = index if index is not None else 0
    if isinstance(item, (str, os.PathLike)):
        return _string_item(item, index)
    if not isinstance(item, Mapping):
        raise InvalidDataRowError(
            f"expected a URL, a file path or a dict, got {type(item).__name__}", index=index
        )
    data = {_key_name(key): value for key, value in item.items()}
    if "tileLayerUrl" in data:
        return RowSpec(position, dict(data))  # legacy tiled imagery, sent as given
    if "conversationalData" in data:
        data = _legacy_conversation(data, index)
    unknown = [key for key in data if key not in KEYS]
    if unknown:
        from labelbox.schema.data_row import DataRow

        raise InvalidAttributeError(DataRow, unknown, f"not a data-row field (item {index})")
    if "row_data" not in data or data["row_data"] is None:
        raise InvalidDataRowError("row_data is required", field="row_data", index=index)
    row: dict[str, Any] = {}
    spec = RowSpec(position, row)
    row_data = data["row_data"]
    local_file = local_file_at(row_data) if isinstance(row_data, (str, os.PathLike)) else None
    if local_file is not None:
        spec.local_file = local_file
        row["row_data"] = str(row_data)
    elif isinstance(row_data, (str, Mapping)):
        row["row_data"] = dict(row_data) if isinstance(row_data, Mapping) else row_data
    else:
        raise InvalidDataRowError(
            f"must be a string or a dict, got {type(row_data).__name__}",
            field="row_data",
            index=index,
        )
    if row_data == "":
        raise InvalidDataRowError("must not be empty", field="row_data", index=index)
    for key in ("external_id", "global_key"):
        if data.get(key) is not None:
            if not isinstance(data[key], str):
                raise InvalidDataRowError("must be a string", field=key, index=index)
            row[key] = data[key]
    if spec.local_file is not None and "external_id" not in row:
        row["external_id"] = str(spec.local_file)
    _check_global_key(row.get("global_key"), index)
    if data.get("media_type") is not None:
        row["media_type"] = media_type_value(data["media_type"], index)
    if data.get("attachments"):
        row["attachments"] = attachments_value(data["attachments"], index)
    if data.get("metadata_fields"):
        try:
            row["metadata_fields"] = parse_metadata()(data["metadata_fields"])
        except InvalidDataRowError as error:
            raise type(error)(
                error.reason, field=_metadata_field(error.field), index=index
            ) from None
    return spec


def _string_item(item: str | os.PathLike[str], index: int | None) -> RowSpec:
    try:
        text = os.fspath(item)
    except TypeError:
        text = None
    if not isinstance(text, str):
        raise InvalidDataRowError(
            "must be a URL, a file path or a dict", field="row_data", index=index
        )
    position = index if index is not None else 0
    if text.startswith(URL_SCHEMES):
        return RowSpec(position, {"row_data": text})
    path = local_file_at(text)
    if path is None:
        shown = text if len(text) <= 100 else f"{text[:100]}..."
        raise InvalidDataRowError(
            f"no such local file: {shown!r} (give a URL or an existing file)",
            field="row_data",
            index=index,
        )
    return RowSpec(position, {"row_data": text, "external_id": text}, local_file=path)


def _key_name(key: Any) -> str:
    return key.name if isinstance(key, Field) else str(key)


def _metadata_field(inner: str | None) -> str:
    if inner and inner.startswith("metadata_fields"):
        return inner
    return f"metadata_fields.{inner}" if inner else "metadata_fields"


def _legacy_conversation(data: Mapping[str, Any], index: int | None) -> dict[str, Any]:
    messages = data["conversationalData"]
    if not isinstance(messages, list):
        raise InvalidDataRowError(
            "must be a list of messages", field="conversationalData", index=index
        )
    for number, message in enumerate(messages):
        extra = set(message) - MESSAGE_KEYS if isinstance(message, Mapping) else None
        if extra is None or extra:
            raise InvalidDataRowError(
                f"unexpected message keys {sorted(extra or [])}",
                field=f"conversationalData[{number}]",
                index=index,
            )
    converted: dict[str, Any] = {
        "row_data": {"type": CONVERSATIONAL_TYPE, "version": 1, "messages": messages}
    }
    for source, target in (("externalId", "external_id"), ("globalKey", "global_key")):
        if source in data:
            converted[target] = data[source]
    for key in ("external_id", "global_key", "media_type", "metadata_fields", "attachments"):
        if key in data:
            converted[key] = data[key]
    return converted


def _check_global_key(key: str | None, index: int | None) -> None:
    if key is None:
        return
    if not key.strip():
        raise InvalidDataRowError("must not be empty", field="global_key", index=index)
    if len(key) > MAX_GLOBAL_KEY_LENGTH:
        raise InvalidDataRowError(
            f"longer than {MAX_GLOBAL_KEY_LENGTH} characters", field="global_key", index=index
        )


def media_type_value(value: Any, index: int | None) -> str:
    """The wire name of a media type given as a `MediaType` or its name/value."""
    try:
        media_type = MediaType(value.value if isinstance(value, enum.Enum) else value)
    except (ValueError, TypeError):
        raise InvalidDataRowError(
            f"{value!r} is not a media type; use one of {MediaType.get_supported_members()}",
            field="media_type",
            index=index,
        ) from None
    if not MediaType.is_supported(media_type):
        raise InvalidDataRowError(
            f"{media_type.name} cannot be sent", field="media_type", index=index
        )
    return media_type.value


def attachments_value(attachments: Any, index: int | None) -> list[dict[str, Any]]:
    """Attachments validated into `[{type, value}, ...]` (extra keys kept)."""
    if not isinstance(attachments, list):
        raise InvalidDataRowError("must be a list", field="attachments", index=index)
    result = []
    for number, attachment in enumerate(attachments):
        where = f"attachments[{number}]"
        if not isinstance(attachment, Mapping):
            raise InvalidDataRowError(
                "must be a dict with type and value", field=where, index=index
            )
        try:
            kind = attachment_type(attachment.get("type"))
        except (ValueError, TypeError) as error:
            raise InvalidDataRowError(str(error), field=f"{where}.type", index=index) from None
        value = attachment.get("value")
        if not isinstance(value, str) or not value:
            raise InvalidDataRowError(
                "must be a non-empty string", field=f"{where}.value", index=index
            )
        result.append({**attachment, "type": kind.value, "value": value})
    return result


def check_unique_global_keys(specs: Sequence[RowSpec]) -> None:
    """Two items with one global key would make the server reject the import."""
    seen: dict[str, int] = {}
    for spec in specs:
        key = spec.global_key
        if key is None:
            continue
        if key in seen:
            raise InvalidDataRowError(
                f"global key {key!r} is also used by item {seen[key]}",
                field="global_key",
                index=spec.index,
            )
        seen[key] = spec.index


def check_sync_limits(specs: Sequence[RowSpec], max_rows: int) -> None:
    """The synchronous import takes at most `max_rows` rows of at most 5 attachments."""
    if len(specs) > max_rows:
        raise InvalidDataRowError(
            f"{len(specs)} rows; create_data_rows_sync takes at most {max_rows} (use create_data_rows)"
        )
    for spec in specs:
        if len(spec.row.get("attachments") or []) > MAX_ATTACHMENTS_SYNC:
            raise InvalidDataRowError(
                f"more than {MAX_ATTACHMENTS_SYNC} attachments",
                field="attachments",
                index=spec.index,
            )
