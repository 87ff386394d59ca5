"""Metadata values to and from the wire, by kind: strings, numbers, datetimes, embeddings, enums."""

from __future__ import annotations

import logging
import math
import numbers
import re
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from labelbox._text import text_problem
from labelbox.exceptions import InvalidMetadataError
from labelbox.schema._metadata.indexes import find_option
from labelbox.schema._metadata.models import (
    EMBEDDING_LENGTH,
    MAX_EMBEDDING_LENGTH,
    MAX_STRING_LENGTH,
    DataRowMetadataKind,
    DataRowMetadataSchema,
)

# The public module's logger: its name is the one users configure.
logger = logging.getLogger("labelbox.schema.data_row_metadata")


def upsert_items(
    schema: DataRowMetadataSchema, value: Any, where: str, index: int | None
) -> list[dict[str, Any]]:
    """The wire items for one field's value, checked against the schema's kind."""

    def invalid(reason: str) -> InvalidMetadataError:
        return InvalidMetadataError(reason, field=where, index=index)

    kind = schema.kind
    if kind is DataRowMetadataKind.string:
        if not isinstance(value, str):
            raise invalid(f"{schema.name!r} takes a string, not {type(value).__name__}")
        if len(value) > MAX_STRING_LENGTH:
            raise invalid(f"strings have at most {MAX_STRING_LENGTH} characters, not {len(value)}")
        problem = text_problem(value, nul=True)
        if problem:
            raise invalid(problem)
        return [{"schemaId": schema.uid, "value": value}]
    if kind is DataRowMetadataKind.number:
        number = _as_number(value)
        if number is None:
            raise invalid(f"{schema.name!r} takes a finite number, not {value!r}")
        return [{"schemaId": schema.uid, "value": number}]
    if kind is DataRowMetadataKind.datetime:
        return [{"schemaId": schema.uid, "value": _write_datetime(value, schema.name, invalid)}]
    if kind is DataRowMetadataKind.embedding:
        return [{"schemaId": schema.uid, "value": _as_embedding(schema, value, invalid)}]
    if kind is DataRowMetadataKind.enum:
        option = _enum_option(schema, value)
        if option is None:
            names = ", ".join(repr(o.name) for o in schema.options or [])
            raise invalid(
                f"{value!r} is not an option of the enum {schema.name!r} (options: {names})"
            )
        return [{"schemaId": schema.uid, "value": {}}, {"schemaId": option.uid, "value": {}}]
    raise invalid(f"values of {kind.name} schemas cannot be set")


def _as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if not isinstance(value, (numbers.Real, str)):
        return None
    try:
        number = float(value)  # 10**400 overflows, "1e400" is inf: neither is finite
    except (ValueError, OverflowError, TypeError):
        return None
    return number if math.isfinite(number) else None


def _as_embedding(
    schema: DataRowMetadataSchema, value: object, invalid: Callable[[str], InvalidMetadataError]
) -> list[float]:
    if not isinstance(value, (list, tuple)):
        raise invalid(f"{schema.name!r} takes a list of floats, not {type(value).__name__}")
    vector: list[float] = []
    for item in value:
        number = None if isinstance(item, str) else _as_number(item)
        if number is None:
            raise invalid(f"embeddings hold finite numbers, not {item!r}")
        vector.append(number)
    if schema.reserved and schema.name == "embedding":
        if len(vector) != EMBEDDING_LENGTH:
            raise invalid(f"'embedding' takes exactly {EMBEDDING_LENGTH} floats, not {len(vector)}")
    elif not 1 <= len(vector) <= MAX_EMBEDDING_LENGTH:
        raise invalid(f"embeddings have 1 to {MAX_EMBEDDING_LENGTH} floats, not {len(vector)}")
    return vector


def _enum_option(schema: DataRowMetadataSchema, value: object) -> DataRowMetadataSchema | None:
    if isinstance(value, DataRowMetadataSchema):
        value = value.uid
    if not isinstance(value, str):
        return None
    for option in schema.options or []:
        if option.uid == value:
            return option
    return find_option(schema, value)


_FRACTION = re.compile(r"(\.\d+)")


def _parse_datetime(text: str) -> datetime:
    """An ISO 8601 string as a datetime; a trailing `Z` means UTC (naive stays naive)."""
    body = text.strip()
    utc = body[-1:] in ("Z", "z")
    if utc:
        body = body[:-1]
    # Python 3.10's fromisoformat takes only 3 or 6 fraction digits.
    body = _FRACTION.sub(lambda m: (m.group(1) + "000000")[:7], body, count=1)
    parsed = datetime.fromisoformat(body)
    if utc and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def _write_datetime(
    value: object, name: str, invalid: Callable[[str], InvalidMetadataError]
) -> str:
    """UTC ISO 8601 with a `Z`; naive datetimes (and strings without offset) are local time."""
    if isinstance(value, str):
        try:
            moment = _parse_datetime(value)
        except ValueError:
            raise invalid(f"{value!r} is not an ISO 8601 datetime") from None
    elif isinstance(value, datetime):
        moment = value
    else:
        raise invalid(
            f"{name!r} takes a datetime or an ISO 8601 string, not {type(value).__name__}"
        )
    try:
        utc = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError) as error:
        raise invalid(f"{value!r} cannot be converted to UTC: {error}") from None
    return utc.replace(tzinfo=None).isoformat() + "Z"


def read_value(schema: DataRowMetadataSchema, value: Any) -> Any:
    """A value from the server in its Python type; kept raw (with a warning) if malformed."""
    try:
        if schema.kind is DataRowMetadataKind.datetime and isinstance(value, str):
            moment = _parse_datetime(value)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
            return moment.astimezone(timezone.utc)
        if schema.kind is DataRowMetadataKind.number and value is not None:
            return float(value)
        if schema.kind is DataRowMetadataKind.embedding and isinstance(value, list):
            return [float(item) for item in value]
    except (TypeError, ValueError, OverflowError):
        logger.warning(
            "Metadata value %r of %r is not a valid %s; kept raw",
            value,
            schema.name,
            schema.kind.name,
        )
    return value
