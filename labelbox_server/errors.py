"""Errors the API reports to clients, by `extensions.code`.

Domain functions and resolvers raise these; the GraphQL error formatter turns each into
`{"message": ..., "extensions": {"code": <code>}}`. Any other exception becomes an
`INTERNAL_SERVER_ERROR` with a generic message (details go to the server log only).
"""

from __future__ import annotations

from typing import ClassVar


class ApiError(Exception):
    """Base class: an error with a client-facing message and an `extensions.code`."""

    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AuthenticationError(ApiError):
    """Missing or unknown API key (HTTP 401)."""

    code = "AUTHENTICATION_ERROR"


class AuthorizationError(ApiError):
    """The caller may not do this."""

    code = "AUTHORIZATION_ERROR"


class ResourceNotFound(ApiError):
    """The object does not exist, is soft-deleted, or belongs to another organization."""

    code = "RESOURCE_NOT_FOUND"

    @classmethod
    def for_id(cls, type_name: str, object_id: str) -> ResourceNotFound:
        return cls(f'{type_name} with id "{object_id}" not found')


class ResourceConflict(ApiError):
    """The request conflicts with existing data (e.g. a duplicate unique name)."""

    code = "RESOURCE_CONFLICT"


class MalformedRequest(ApiError):
    """The request is well-formed GraphQL but its values are not acceptable."""

    code = "MALFORMED_REQUEST"

    @classmethod
    def null_field(cls, field: str) -> MalformedRequest:
        """`<field> cannot be null`, the field named as in the schema (`queue_mode` →
        `queueMode`)."""
        head, *rest = field.split("_")
        return cls(f"{head}{''.join(part.capitalize() for part in rest)} cannot be null")


class OperationNotAllowed(ApiError):
    """The operation is not allowed in the object's current state."""

    code = "OPERATION_NOT_ALLOWED"
