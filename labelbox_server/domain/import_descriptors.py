"""Import descriptors: a JSON array of rows at a URL (or in our blob store), read and checked.

Elements: snake_case `row_data` (a string or a PDF / tiled / conversational object),
`external_id`, `global_key`, `media_type`, `metadata_fields` (`[{schemaId, value}]`),
`attachments` (`[{type, value}]`); legacy elements with a top-level `tileLayerUrl` (the
element minus the descriptor keys is the row data) or `conversationalData` (the messages).

Validation is all or nothing: `validate` checks every element and reports every offending
row, and the overall error the API gives.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy.orm import Session

from ..outbound import OutboundError
from ..storage import BlobNotFound, Storage
from ..values import value_problem
from . import global_keys, media
from .context import Caller
from .data_row_input import PreparedRow, RowError, RowInput, prepare_row
from .metadata_ontology import load_ontology

#: Downloaded descriptors stay in memory up to this size, then spill to a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024

DESCRIPTOR_KEYS = frozenset(
    {
        "external_id",
        "externalId",
        "global_key",
        "globalKey",
        "media_type",
        "mediaType",
        "metadata_fields",
        "metadataFields",
        "attachments",
    }
)

DUPLICATE_KEYS_ERROR = (
    "Data rows contain empty string or duplicate global keys, which are not allowed"
)

INVALID_ROWS_ERROR = "Data rows contain invalid values; no data rows were created"


class DescriptorError(Exception):
    """The descriptor cannot be read or is not a JSON array."""


def descriptor_source(storage: Storage, url: str) -> dict[str, str]:
    """Where to read a descriptor: our blob (by key) or a URL to download."""
    key = storage.key_of(url)
    return {"blob_key": key} if key is not None else {"url": url}


def load_descriptor(storage: Storage, source: Mapping[str, str]) -> list[Any]:
    """The descriptor's elements (`DescriptorError` with a clear message otherwise).

    Our own files are read from the blob store; any other URL is downloaded only as the
    server's outbound policy allows (`storage.outbound`). Call it outside write
    transactions: a download can take up to the policy's timeout."""
    if "blob_key" in source:
        try:
            with storage.blobs.open(source["blob_key"]) as stream:
                raw = _parse(stream)
        except BlobNotFound:
            raise DescriptorError("The descriptor file no longer exists") from None
    else:
        url = source["url"]
        if storage.looks_signed(url):
            raise DescriptorError(
                "Could not download the descriptor file: HTTP 403 (the URL's signature is "
                "invalid or has expired)"
            )
        with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as spool:
            try:
                storage.outbound.fetch_to(url, spool)
            except OutboundError as error:
                raise DescriptorError(f"Could not download the descriptor file: {error}") from None
            spool.seek(0)
            raw = _parse(spool)
    if not isinstance(raw, list):
        raise DescriptorError("The descriptor file must hold a JSON array of data rows")
    return raw


def _parse(stream: IO[bytes]) -> Any:
    try:
        return json.load(stream)
    except (ValueError, RecursionError):
        raise DescriptorError("The descriptor file is not valid JSON") from None


def element_to_input(element: Any) -> RowInput:
    """One descriptor element as a `RowInput` (`RowError` if it has no row data)."""
    if not isinstance(element, Mapping):
        raise RowError("invalid", "Each data row must be a JSON object")

    def pick(*names: str) -> Any:
        return next((element[name] for name in names if name in element), None)

    if "row_data" in element or "rowData" in element:
        row_data = pick("row_data", "rowData")
    elif "tileLayerUrl" in element:
        row_data = {k: v for k, v in element.items() if k not in DESCRIPTOR_KEYS}
    elif "conversationalData" in element:
        row_data = media.conversation_from_legacy(element["conversationalData"])
    else:
        raise RowError("invalid", "row_data is required")
    return RowInput(
        row_data=row_data,
        media_type=pick("media_type", "mediaType"),
        external_id=pick("external_id", "externalId"),
        global_key=pick("global_key", "globalKey"),
        metadata_fields=pick("metadata_fields", "metadataFields"),
        attachments=element.get("attachments"),
    )


@dataclass
class Validation:
    """Validated rows, or the problems (every offending row) and the overall error."""

    rows: list[PreparedRow] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    error: Any = None
    kinds: set[str] = field(default_factory=set)


def _problem(index: int, element: Any, message: str) -> dict[str, Any]:
    get = element.get if isinstance(element, Mapping) else (lambda *_: None)
    return {
        "index": index,
        "external_id": get("external_id", get("externalId")),
        "global_key": get("global_key", get("globalKey")),
        "message": message,
    }


def validate(
    session: Session,
    caller: Caller,
    storage: Storage,
    elements: Sequence[Any],
    *,
    task_id: str | None = None,
) -> Validation:
    """Check every element; keys held by rows of `task_id` (a resumed import) are ours."""
    ontology = load_ontology(session, caller)
    result = Validation()
    for index, element in enumerate(elements):
        try:
            if problem := value_problem(element):
                raise RowError("invalid", f"Invalid value: {problem}")
            prepared = prepare_row(element_to_input(element), ontology, storage)
        except RowError as error:
            kind = "empty_key" if error.message == global_keys.problem("") else error.kind
            result.kinds.add(kind)
            result.problems.append(_problem(index, element, error.message))
            continue
        prepared.index = index
        result.rows.append(prepared)
    by_key: dict[str, list[PreparedRow]] = {}
    for row in result.rows:
        if row.global_key is not None:
            by_key.setdefault(row.global_key, []).append(row)
    held = global_keys.holders(session, caller, by_key)
    bad: dict[int, str] = {}
    for key, rows in by_key.items():
        holder = held.get(key)
        if holder is not None and (task_id is None or holder.import_task_id != task_id):
            for row in rows:
                bad[row.index or 0] = f'Global key "{key}" is already in use'
        elif len(rows) > 1:
            for row in rows:
                bad[row.index or 0] = f'Global key "{key}" appears more than once'
    if bad:
        result.kinds.add("duplicate_key")
        result.problems.extend(_problem(i, elements[i], message) for i, message in bad.items())
    result.problems.sort(key=lambda p: p["index"])
    if result.problems:
        result.rows = []
        result.error = _overall_error(result)
    return result


def _overall_error(result: Validation) -> Any:
    for kind in ("media_type", "contents"):
        if kind in result.kinds:
            message = next(
                p["message"] for p in result.problems if p["message"].startswith("Found invalid")
            )
            return {"message": message}
    if result.kinds & {"empty_key", "duplicate_key"}:
        return DUPLICATE_KEYS_ERROR
    return INVALID_ROWS_ERROR
