"""Execute a GraphQL request: authenticate, check its cost, parse and validate (cached), run.

The caller is authenticated first (`authenticate`: a short cache, else one lookup, see
`auth.Authenticator`), so nothing of a request without a valid key is parsed or kept. Then, in this order, each step
bounded by the server's `RequestLimits`: the query's size, the variables' values (see
`graphql.inputs`), parsing (at most `max_query_tokens` tokens), the document's cost (see
`graphql.complexity`: depth, fields, aliases, repeated fields, literal nesting, measured with
fragments expanded, in linear time), its literal values, and finally the standard validation.

Prepared documents (parsed and validated) are kept in a small LRU cache bounded by the
total length of the queries it holds, so a client repeating the same document pays for
parsing and validation once, and no client can make it hold more than a few MiB.

Execution takes `fast_execution.FastExecutor`'s shortcuts for plain fields and for fields
whose resolver is marked `resolvers.root.reads_only_context` (same output).
Each request runs in its own database session. Requests that may write take the write lock
(see `db.session`): every mutation, and every query selecting a field whose resolver is
marked `resolvers.root.writes`, wherever the field appears (through fragments, inline
fragments or aliases too). The session is committed unless an unexpected (internal) error
occurred (read sessions, which cannot write, are not committed). Domain functions check
their input before changing anything, so a rejected mutation leaves no partial change.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ariadne import graphql_sync
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import ASTValidationRule
from graphql.validation.rules import overlapping_fields_can_be_merged
from graphql.validation.validate import ValidationAbortedError

from ..auth import Authenticator
from ..db.session import SessionFactory
from ..domain import tasks
from ..domain.context import Caller
from ..resolvers.context import RequestContext
from ..resolvers.root import marked_as_writing
from ..settings import RequestLimits
from ..storage import Storage
from . import complexity
from .errors import (
    INTERNAL_SERVER_ERROR,
    MALFORMED_REQUEST,
    VALIDATION_FAILED,
    error_body,
    error_logger,
    format_error,
)
from .fast_execution import FastExecutor
from .inputs import literal_problem, variable_problem

DOCUMENT_CACHE_ENTRIES = 512
#: The cache holds queries of at most this many characters in all (about 120 bytes of
#: parsed document per character).
DOCUMENT_CACHE_CHARACTERS = 256 * 1024
#: Larger documents are prepared every time they are sent (the SDKs' are a few KiB).
CACHED_DOCUMENT_CHARACTERS = 32 * 1024


@dataclass(frozen=True)
class PreparedDocument:
    """A parsed document, its validation errors (formatted) and whether it may write."""

    document: DocumentNode | None
    errors: list[dict[str, Any]]
    writing_operations: frozenset[str | None] = frozenset()

    def writes(self, operation_name: str | None) -> bool:
        """Whether running `operation_name` (None: the only operation) may write."""
        if self.document is None:
            return False
        operation = get_operation_ast(self.document, operation_name)
        if operation is None:
            return False
        return (operation.name.value if operation.name else None) in self.writing_operations


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


def _validation_error(message: str) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": VALIDATION_FAILED}}


class DocumentCache:
    """An LRU of prepared documents bounded by entries and by the characters of the keys."""

    def __init__(self, entries: int, characters: int) -> None:
        self._entries = entries
        self._characters = characters
        self._held = 0
        self._items: OrderedDict[str, PreparedDocument] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, query: str) -> PreparedDocument | None:
        with self._lock:
            found = self._items.get(query)
            if found is not None:
                self._items.move_to_end(query)
            return found

    def put(self, query: str, prepared: PreparedDocument) -> None:
        if len(query) > min(self._characters, CACHED_DOCUMENT_CHARACTERS):
            return
        with self._lock:
            if query in self._items:
                return
            self._items[query] = prepared
            self._held += len(query)
            while len(self._items) > self._entries or self._held > self._characters:
                evicted, _ = self._items.popitem(last=False)
                self._held -= len(evicted)


class Executor:
    """Runs GraphQL requests against one schema and database."""

    def __init__(
        self,
        schema: GraphQLSchema,
        sessions: SessionFactory,
        base_url: str,
        storage: Storage,
        wake_workers: Callable[[], None] = lambda: None,
        limits: RequestLimits | None = None,
        *,
        fast_execution: bool = True,
        enforce_roles: bool = True,
    ) -> None:
        self.schema = schema
        self.sessions = sessions
        self.base_url = base_url
        self.storage = storage
        self.wake_workers = wake_workers
        self.limits = limits or RequestLimits()
        #: Whether plain fields take `FastExecutor`'s shortcut (False: graphql-core's path).
        self.fast_execution = fast_execution
        self.authenticator = Authenticator(sessions.engine)
        self.enforce_roles = enforce_roles
        self.writing_fields = writing_query_fields(schema)
        self._cache = DocumentCache(DOCUMENT_CACHE_ENTRIES, DOCUMENT_CACHE_CHARACTERS)
        limit_field_comparisons(self.limits.max_field_comparisons)

    def authenticate(self, authorization: str | None) -> Caller | None:
        """The caller an `Authorization` header names (None: missing or unknown key)."""
        return self.authenticator.authenticate(authorization)

    def prepare(self, query: str) -> PreparedDocument:
        """The parsed and validated document (cached), or its errors."""
        prepared = self._cache.get(query)
        if prepared is None:
            prepared = self._prepare(query)
            self._cache.put(query, prepared)
        return prepared

    def _prepare(self, query: str) -> PreparedDocument:
        try:
            document = parse(query, max_tokens=self.limits.max_query_tokens)
        except GraphQLError as error:
            return PreparedDocument(None, [format_error(error)])
        cost = complexity.measure(self.schema, document)
        exceeded = complexity.check(cost, self.limits)
        if exceeded is not None:
            return PreparedDocument(None, [_complexity_error(exceeded, document)])
        problem = literal_problem(document)
        if problem is not None:
            return PreparedDocument(None, [_validation_error(problem)])
        errors = validate(self.schema, document, specified_rules)
        if any(isinstance(error, ValidationAbortedError) for error in errors):
            exceeded = complexity.Exceeded(
                "max_field_comparisons", self.limits.max_field_comparisons, -1
            )
            return PreparedDocument(None, [_complexity_error(exceeded, document)])
        if errors:
            return PreparedDocument(None, [format_error(error) for error in errors])
        return PreparedDocument(document, [], _writing_operations(document, self.writing_fields))

    def execute(self, caller: Caller | str | None, data: Mapping[str, Any]) -> Response:
        """Run one GraphQL request (`data` has `query`, `variables`, `operationName`) for an
        authenticated caller (or an `Authorization` header value, authenticated first)."""
        if not isinstance(caller, Caller):
            authenticated = self.authenticate(caller)
            if authenticated is None:
                return Response(401, error_body("Invalid API key", "AUTHENTICATION_ERROR"))
            caller = authenticated
        query: str = data["query"]

        limit = self.limits.max_query_bytes
        if len(query) > limit or len(query.encode("utf-8", "surrogatepass")) > limit:
            message = f"The query is larger than {limit} bytes"
            return Response(413, error_body(message, MALFORMED_REQUEST))
        problem = variable_problem(data.get("variables"), self.limits.max_input_depth)
        if problem is not None:
            return Response(200, {"errors": [_validation_error(problem)]})
        prepared = self.prepare(query)
        if prepared.errors:
            return Response(200, {"errors": prepared.errors})
        write = prepared.writes(data.get("operationName"))
        with self.sessions.session(write=write) as session:
            context = RequestContext(
                session=session,
                caller=caller,
                base_url=self.base_url,
                storage=self.storage,
                enforce_roles=self.enforce_roles,
            )
            _, result = graphql_sync(
                self.schema,
                dict(data),
                context_value=context,
                query_document=prepared.document,
                query_validator=_already_validated,
                error_formatter=format_error,
                logger=error_logger,
                execution_context_class=FastExecutor if self.fast_execution else None,
            )
            if _has_unexpected_errors(result):
                session.rollback()
            elif write:  # a read session has nothing to commit (it runs in autocommit)
                started_tasks = session.info.pop(tasks.STARTED, False)
                session.commit()
                if started_tasks:
                    self.wake_workers()
            return Response(200, result)


def _complexity_error(exceeded: complexity.Exceeded, document: DocumentNode) -> dict[str, Any]:
    operation = next(
        (d for d in document.definitions if isinstance(d, OperationDefinitionNode)), None
    )
    if exceeded.limit == "max_list_depth":
        message = complexity.COMPLEXITY_MESSAGE
    elif exceeded.measured < 0:
        message = (
            f"{complexity.COMPLEXITY_MESSAGE}: {complexity.DESCRIPTIONS[exceeded.limit]} "
            f"more than {exceeded.maximum}"
        )
    else:
        message = (
            f"{complexity.COMPLEXITY_MESSAGE}: {complexity.DESCRIPTIONS[exceeded.limit]} "
            f"{exceeded.measured} (at most {exceeded.maximum})"
        )
    return format_error(GraphQLError(message, operation, extensions={"code": VALIDATION_FAILED}))


def limit_field_comparisons(budget: int) -> None:
    """Bound the work of graphql-core's overlapping-fields rule (quadratic in same-named
    selections): past `budget` comparisons it aborts the validation. The bound is
    graphql-core's (a module attribute read when the rule starts), so it is per process."""
    overlapping_fields_can_be_merged.MAX_COMPLEXITY_BUDGET = budget


def writing_query_fields(schema: GraphQLSchema) -> frozenset[str]:
    """The names of the fields a query can select whose resolver is marked `@writes`: root
    fields (`dataRowsForGlobalKeys`) and fields of object types (`Project.issueExportUrl`).
    Names, not coordinates: a query selecting one anywhere takes the write lock (a field of
    the same name on another type costs only the lock)."""
    names: set[str] = set()
    for graphql_type in schema.type_map.values():
        if (
            isinstance(graphql_type, GraphQLObjectType)
            and graphql_type is not schema.mutation_type
            and not graphql_type.name.startswith("__")
        ):
            names.update(
                name
                for name, field in graphql_type.fields.items()
                if marked_as_writing(field.resolve)
            )
    return frozenset(names)


def _writing_operations(
    document: DocumentNode, writing_fields: frozenset[str]
) -> frozenset[str | None]:
    """The names of the operations that may write: mutations, and queries selecting a
    writing field at any depth (fragments and inline fragments included)."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    writing: set[str | None] = set()
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        name = definition.name.value if definition.name else None
        if definition.operation == OperationType.MUTATION or _selects_any(
            definition.selection_set, writing_fields, fragments
        ):
            writing.add(name)
    return frozenset(writing)


def _selects_any(
    selection_set: SelectionSetNode,
    fields: frozenset[str],
    fragments: Mapping[str, FragmentDefinitionNode],
) -> bool:
    """Whether `selection_set` selects one of `fields` at any depth."""
    pending, seen = [selection_set], set[str]()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in fields:
                    return True
                if selection.selection_set is not None:
                    pending.append(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    pending.append(fragments[name].selection_set)
    return False


def _has_unexpected_errors(result: Mapping[str, Any]) -> bool:
    return any(
        (error.get("extensions") or {}).get("code") == INTERNAL_SERVER_ERROR
        for error in result.get("errors") or []
    )
