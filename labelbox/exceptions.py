"""Exceptions raised by the SDK.

Every class derives from `LabelboxError`, so `except LabelboxError` catches all
of them. (In Labelbox's SDK 3.36.0 a few derived from plain `Exception`; they
still do, through `LabelboxError`.) Messages never contain the API key.
"""

from __future__ import annotations

from typing import Any


class LabelboxError(Exception):
    """Base class of every SDK exception.

    An error from a server response carries `code` (the GraphQL error's `extensions.code`,
    e.g. `RESOURCE_NOT_FOUND`), `status_code` (HTTP) and `request_id` (the server's
    `X-Request-Id`, to find the request in its logs); each is None when not known.
    """

    code: str | None = None
    status_code: int | None = None
    request_id: str | None = None

    def __init__(self, message: str = "", cause: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.cause = cause

    def __str__(self) -> str:
        if self.cause is None:
            return self.message
        return f"{self.message}: {self.cause}"


class AuthenticationError(LabelboxError):
    """The API key is missing or was rejected."""


class AuthorizationError(LabelboxError):
    """The key's user may not perform this request."""


class ResourceNotFoundError(LabelboxError):
    """The object does not exist, was deleted, or belongs to another organization."""

    def __init__(self, db_object_type: Any = None, params: Any = None) -> None:
        self.db_object_type = db_object_type
        self.params = params
        type_name = getattr(db_object_type, "__name__", db_object_type)
        if type_name is None:
            message = f"Resource not found: {params}" if params else "Resource not found"
        else:
            message = f"Resource '{type_name}' not found for params: {params!r}"
        super().__init__(message)


class ResourceConflict(LabelboxError):
    """The request conflicts with an existing object (a duplicate name or key)."""


class ValidationFailedError(LabelboxError):
    """The query is too complex (depth or cost) for the server."""


class InternalServerError(LabelboxError):
    """The server failed; requests that cannot have been applied are retried first."""


class InvalidQueryError(LabelboxError):
    """The query is malformed or unsupported (checked by the client or the server)."""


class InvalidInputError(InvalidQueryError, ValueError):
    """An argument is invalid; raised before anything is sent.

    `field` names the field, `index` the position of the item in a bulk call
    (None for a single item), `reason` says what is wrong.
    """

    def __init__(self, reason: str, *, field: str | None = None, index: int | None = None) -> None:
        self.reason = reason
        self.field = field
        self.index = index
        where = f"item {index}: " if index is not None else ""
        what = f"{field}: " if field else ""
        super().__init__(f"{where}{what}{reason}")


class InvalidDataRowError(InvalidInputError):
    """Input for creating or changing data rows is invalid; raised before anything is sent."""


class InvalidAnnotationError(InvalidInputError, TypeError):
    """An annotation given to an import is malformed (not a dict, no `uuid`, no `dataRow`
    id, no `schemaId` / `name`, a `uuid` used twice...); raised before anything is sent.
    It is also a `TypeError`, as Labelbox's SDK raised for annotations not given as a list."""


class InvalidMetadataError(InvalidDataRowError):
    """A metadata field is invalid: an unknown schema id or name, or a value of the wrong kind."""


class InvalidBatchError(InvalidQueryError, ValueError):
    """Input for a batch is invalid; raised before anything is sent.

    `field` names the argument, `reason` says what is wrong; `data_row_ids` lists the data
    rows concerned (e.g. ids that name no data row of the organization).
    """

    def __init__(
        self, reason: str, *, field: str | None = None, data_row_ids: list[str] | None = None
    ) -> None:
        self.reason = reason
        self.field = field
        self.data_row_ids = list(data_row_ids or [])
        super().__init__(f"{field}: {reason}" if field else reason)


class InvalidLabelingParameterOverrideError(InvalidQueryError, TypeError, ValueError):
    """A labeling parameter override is invalid (a `TypeError` and a `ValueError`, as the
    reference raised either); raised before anything is sent. `index` is the override's
    position, `data_row_ids` the data rows concerned."""

    def __init__(
        self, reason: str, *, index: int | None = None, data_row_ids: list[str] | None = None
    ) -> None:
        self.reason = reason
        self.index = index
        self.data_row_ids = list(data_row_ids or [])
        super().__init__(f"data[{index}]: {reason}" if index is not None else reason)


class ResourceCreationError(LabelboxError):
    """The server could not create the object."""


class NetworkError(LabelboxError):
    """The server could not be reached, or the connection broke."""

    def __init__(self, cause: Any) -> None:
        super().__init__(str(cause), cause)
        self.cause = cause

    def __str__(self) -> str:
        return self.message


class TimeoutError(LabelboxError):
    """The server did not answer in time."""


class InvalidAttributeError(LabelboxError):
    """A field name or value is not valid for the object type."""

    def __init__(self, db_object_type: Any, field: Any, reason: str | None = None) -> None:
        self.db_object_type = db_object_type
        self.field = field
        self.reason = reason
        type_name = getattr(db_object_type, "__name__", db_object_type)
        names = field if isinstance(field, str) else ", ".join(map(str, field))
        message = f"Field(s) '{names}' not valid on DB type '{type_name}'"
        if reason:
            message = f"{message}: {reason}"
        super().__init__(message)


class ApiLimitError(LabelboxError):
    """Too many requests in a short time (rate limited), after the retries ran out."""


class MalformedQueryException(LabelboxError):
    """The server rejected the request's content (MALFORMED_REQUEST)."""


class UuidError(LabelboxError):
    """Repeated uuids in a bulk annotation import."""


class InconsistentOntologyException(LabelboxError):
    """An ontology is inconsistent (e.g. duplicate feature names)."""


class MALValidationError(LabelboxError):
    """Invalid model-assisted-labeling input."""


class OperationNotAllowedException(LabelboxError):
    """The plan or the user's permissions do not allow this operation."""


class ConfidenceNotSupportedException(LabelboxError):
    """A confidence was given for an annotation type that does not support it."""


class ProcessingWaitTimeout(LabelboxError):
    """Waiting for data rows to be processed took longer than allowed."""


class ResponseValidationError(LabelboxError):
    """The server's response does not match the schema the SDK was built from."""


class UnknownMetadataSchemaError(LabelboxError, KeyError):
    """No custom metadata schema (or enum option) has that name.

    A `KeyError` too, as Labelbox's SDK 3.36.0 raised one.
    """


class TaskResultError(LabelboxError, ValueError):
    """A task has no result to give: it failed, or it is not a data-row import.

    A `ValueError` too, as Labelbox's SDK 3.36.0 raised one.
    """


__all__ = [
    "ApiLimitError",
    "AuthenticationError",
    "AuthorizationError",
    "ConfidenceNotSupportedException",
    "InconsistentOntologyException",
    "InternalServerError",
    "InvalidAttributeError",
    "InvalidBatchError",
    "InvalidDataRowError",
    "InvalidLabelingParameterOverrideError",
    "InvalidMetadataError",
    "InvalidQueryError",
    "LabelboxError",
    "MALValidationError",
    "MalformedQueryException",
    "NetworkError",
    "OperationNotAllowedException",
    "ProcessingWaitTimeout",
    "ResourceConflict",
    "ResourceCreationError",
    "ResourceNotFoundError",
    "ResponseValidationError",
    "TaskResultError",
    "TimeoutError",
    "UnknownMetadataSchemaError",
    "UuidError",
    "ValidationFailedError",
]
