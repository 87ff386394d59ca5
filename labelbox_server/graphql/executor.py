"""Execute a GraphQL request: parse and validate (cached), authenticate, run, commit.

Parsed and validated documents are kept in an LRU cache keyed by the query string, so a
client repeating the same document pays for parsing and validation once. Each request runs
in its own database session; mutations (and the queries whose resolver is marked
`resolvers.root.writes`) take the write lock up front (see `db.session`). The session is
committed unless an unexpected (internal) error occurred. Domain functions check their input
before changing anything, so a rejected mutation leaves no partial change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ariadne import graphql_sync
from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationType,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import ASTValidationRule

from ..auth import authenticate
from ..db.session import SessionFactory
from ..domain import tasks
from ..errors import ApiError
from ..resolvers.context import RequestContext
from ..resolvers.root import marked_as_writing
from ..storage import Storage
from .complexity import ListDepthRule
from .errors import INTERNAL_SERVER_ERROR, error_body, error_logger, format_error

DOCUMENT_CACHE_SIZE = 512
VALIDATION_RULES = (*specified_rules, ListDepthRule)


@dataclass(frozen=True)
class PreparedDocument:
    """A parsed document and its validation errors (formatted)."""

    document: DocumentNode | None
    errors: list[dict[str, Any]]


@dataclass(frozen=True)
class Response:
    """An HTTP status and a JSON body."""

    status: int
    body: dict[str, Any]


def _already_validated(
    schema: GraphQLSchema,
    document_ast: DocumentNode,
    rules: Collection[type[ASTValidationRule]] | None = None,
    max_errors: int | None = None,
    type_info: Any = None,
) -> list[GraphQLError]:
    """ariadne `query_validator` for documents `Executor.prepare` has validated already."""
    return []


class Executor:
    """Runs GraphQL requests against one schema and database."""

    def __init__(
        self,
        schema: GraphQLSchema,
        sessions: SessionFactory,
        base_url: str,
        storage: Storage,
        wake_workers: Callable[[], None] = lambda: None,
    ) -> None:
        self.schema = schema
        self.sessions = sessions
        self.base_url = base_url
        self.storage = storage
        self.wake_workers = wake_workers
        self.writing_fields = writing_query_fields(schema)
        self.prepare = functools.lru_cache(maxsize=DOCUMENT_CACHE_SIZE)(self._prepare)

    def _prepare(self, query: str) -> PreparedDocument:
        try:
            document = parse(query)
        except GraphQLError as error:
            return PreparedDocument(None, [format_error(error)])
        errors = validate(self.schema, document, VALIDATION_RULES)
        return PreparedDocument(document, [format_error(error) for error in errors])

    def execute(self, authorization: str | None, data: Mapping[str, Any]) -> Response:
        """Run one GraphQL request (`data` has `query`, `variables`, `operationName`)."""
        prepared = self.prepare(data["query"])
        write = _is_write(prepared.document, data.get("operationName"), self.writing_fields)
        with self.sessions.session(write=write) as session:
            try:
                caller = authenticate(session, authorization)
            except ApiError as error:
                return Response(401, error_body(error.message, error.code))
            if prepared.errors:
                return Response(200, {"errors": prepared.errors})
            context = RequestContext(
                session=session, caller=caller, base_url=self.base_url, storage=self.storage
            )
            _, result = graphql_sync(
                self.schema,
                dict(data),
                context_value=context,
                query_document=prepared.document,
                query_validator=_already_validated,
                error_formatter=format_error,
                logger=error_logger,
            )
            if _has_unexpected_errors(result):
                session.rollback()
            else:
                started_tasks = session.info.pop(tasks.STARTED, False)
                session.commit()
                if started_tasks:
                    self.wake_workers()
            return Response(200, result)


def writing_query_fields(schema: GraphQLSchema) -> frozenset[str]:
    """The query fields whose resolver is marked `@writes`."""
    assert schema.query_type is not None
    return frozenset(
        name for name, field in schema.query_type.fields.items() if marked_as_writing(field.resolve)
    )


def _is_write(
    document: DocumentNode | None, operation_name: str | None, writing_fields: frozenset[str]
) -> bool:
    if document is None:
        return False
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return False
    if operation.operation == OperationType.MUTATION:
        return True
    return any(
        isinstance(selection, FieldNode) and selection.name.value in writing_fields
        for selection in operation.selection_set.selections
    )


def _has_unexpected_errors(result: Mapping[str, Any]) -> bool:
    return any(
        (error.get("extensions") or {}).get("code") == INTERNAL_SERVER_ERROR
        for error in result.get("errors") or []
    )
