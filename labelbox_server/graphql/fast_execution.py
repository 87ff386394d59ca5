"""Execution with a fast path for plain fields: same output as graphql-core's, a fraction
of the work for lists of rows.

graphql-core resolves every field the same general way: a `GraphQLResolveInfo`, argument
coercion, the resolver call, then value completion through several checks, about 3 µs a
field, so a page of 500 rows spends most of its time there. `FastExecutor` takes a shortcut
for *plain leaf fields*: a field without arguments or directives whose resolver only reads
an attribute or dict key (`AttributeResolver`, which `bind_attribute_resolvers` puts on
every field that has no resolver of its own) and whose type is a scalar or an enum. It reads
the value and coerces it with the type's own `coerce_output_value`, as graphql-core does.
Whenever the shortcut might not match the general path exactly (a null for a non-null
field, a callable or exception value, a coercion that fails or gives null), that field is
executed the general way, which produces the value or the error graphql-core gives.

A second shortcut is for *context fields*: a field without arguments or directives whose
resolver is itself marked `resolvers.root.reads_only_context` (it reads only its parent and
`info.context`; a permission-checking wrapper is not marked, so a checked field keeps the
general path). Its resolver is called with one `GraphQLResolveInfo` built once per selection
(not per row), without argument coercion. A leaf value then takes the leaf shortcut's
coercion, an empty list is `[]`, and anything else (or a value the leaf shortcut leaves to
the general path) is completed by graphql-core's `complete_value` with the real path; errors,
raised by the resolver or by the completion, are handled as graphql-core's `execute_field`
handles them. The resolver is called once either way.

Lists of objects skip the per-item completion steps too: each item's fields are executed
directly with the selection collected once for the list. Every other field (other resolvers
of our own, nested objects, abstract types) takes graphql-core's path unchanged, and so does
every field when middleware is installed.

Nothing is registered per type or per list: resolvers that return rows (ORM objects,
`store.rows` Core rows, dicts) get the shortcut for every plain field they select.
`tests/server/test_fast_execution.py` compares the bytes of both paths over every list field
of the schema.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLField,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    Undefined,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.executor import to_nodes
from graphql.execution.executor_throwing_on_incremental import ExecutorThrowingOnIncremental
from graphql.pyutils import Path

from ..resolvers.root import marked_as_reading_only_context
from .names import python_name

#: How a leaf value is completed: (coerce, the type of values that are their own output
#: (`str`, `bool`) or None, non-null?).
_Coercion = tuple[Callable[[Any], Any], type | None, bool]
#: A plain leaf field: the attribute it reads, and its coercion.
_Leaf = tuple[str, _Coercion]
#: A context field: its resolver, the info every call shares, the field's type, and its
#: coercion (None: not a leaf).
_ContextField = tuple[
    Callable[..., Any], GraphQLResolveInfo[Any], GraphQLOutputType, _Coercion | None
]
#: One entry of a plan: the response key, its field details, and the plain leaf or the
#: context field it is (both None: the general path).
_Entry = tuple[str, FieldDetailsList, _Leaf | None, _ContextField | None]


class AttributeResolver:
    """The resolver of a field that reads `attribute` of the parent (a key of a dict), and
    calls it with the field's arguments if it is callable (as graphql-core's and ariadne's
    default resolvers do)."""

    __slots__ = ("attribute",)

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def __call__(self, parent: Any, info: GraphQLResolveInfo[Any], **args: Any) -> Any:
        if isinstance(parent, Mapping):
            value = parent.get(self.attribute)
        else:
            value = getattr(parent, self.attribute, None)
        if callable(value):
            return value(info, **args)
        return value


def bind_attribute_resolvers(schema: GraphQLSchema) -> None:
    """Give every object field without a resolver of its own an `AttributeResolver` (of
    the snake_case attribute, as ariadne's `convert_names_case` reads it)."""
    for type_name, graphql_type in schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field_name, field in graphql_type.fields.items():
            if field.resolve is None:
                field.resolve = AttributeResolver(field_name)
            elif getattr(field.resolve, "_ariadne_alias_resolver", False):
                field.resolve = AttributeResolver(python_name(field_name))


def _coercion(field_type: GraphQLOutputType) -> _Coercion | None:
    """How a value of `field_type` is completed, if it is a scalar or an enum (non-null or
    not)."""
    non_null = isinstance(field_type, GraphQLNonNull)
    named = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if not isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return None
    if named is GraphQLString or named is GraphQLID:
        return (named.coerce_output_value, str, non_null)
    if named is GraphQLBoolean:
        return (named.coerce_output_value, bool, non_null)
    return (named.coerce_output_value, None, non_null)


def _plain(field: GraphQLField, details: FieldDetailsList) -> bool:
    """Whether neither the field nor its selection has arguments, nor directives."""
    return not field.args and not any(
        detail.node.arguments or detail.node.directives for detail in details
    )


def _leaf(field: GraphQLField, details: FieldDetailsList) -> _Leaf | None:
    """The leaf shortcut of a selected field, if it is a plain leaf field."""
    resolver = field.resolve
    if not isinstance(resolver, AttributeResolver) or not _plain(field, details):
        return None
    coercion = _coercion(field.type)
    return None if coercion is None else (resolver.attribute, coercion)


class FastExecutor(ExecutorThrowingOnIncremental):
    """graphql-core's executor with the shortcuts described in the module docstring."""

    _plans: dict[int, tuple[GroupedFieldSet, list[_Entry]]]

    def _plan(
        self, parent_type: GraphQLObjectType, fields: GroupedFieldSet, path: Path | None
    ) -> list[_Entry]:
        plans: dict[int, tuple[GroupedFieldSet, list[_Entry]]] = self.__dict__.setdefault(
            "_plans", {}
        )
        found = plans.get(id(fields))
        if found is not None and found[0] is fields:
            return found[1]
        entries: list[_Entry] = []
        for response_name, details in fields.items():
            definition = parent_type.fields.get(details[0].node.name.value)
            if definition is None or self.middleware_manager is not None:
                entries.append((response_name, details, None, None))
                continue
            context_field = None
            leaf = _leaf(definition, details)
            if leaf is None:
                field_path = Path(path, response_name, parent_type.name)
                context_field = self._context_field(parent_type, definition, details, field_path)
            entries.append((response_name, details, leaf, context_field))
        plans[id(fields)] = (fields, entries)  # holds `fields`, so its id stays unique
        return entries

    def _context_field(
        self,
        parent_type: GraphQLObjectType,
        field: GraphQLField,
        details: FieldDetailsList,
        path: Path,
    ) -> _ContextField | None:
        """The context-field shortcut of a selected field (`path`: its first row's path)."""
        resolve = field.resolve
        if (
            not marked_as_reading_only_context(resolve)
            or inspect.iscoroutinefunction(resolve)
            or not _plain(field, details)
        ):
            return None
        assert resolve is not None
        info = self.build_resolve_info(field, to_nodes(details), parent_type, path)
        return (resolve, info, field.type, _coercion(field.type))

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: None,
    ) -> dict[str, Any]:
        results: dict[str, Any] = {}
        mapping = isinstance(source_value, Mapping)
        for response_name, details, leaf, context_field in self._plan(
            parent_type, grouped_field_set, path
        ):
            if context_field is not None:
                resolve, info, return_type, coercion = context_field
                try:
                    value = resolve(source_value, info)
                except Exception as raw_error:
                    field_path = Path(path, response_name, parent_type.name)
                    self.handle_field_error(raw_error, return_type, details, field_path)
                    results[response_name] = None
                    continue
                if coercion is None:
                    if (type(value) is list or type(value) is tuple) and not value:
                        results[response_name] = []
                    else:
                        field_path = Path(path, response_name, parent_type.name)
                        results[response_name] = self._complete_resolved(
                            context_field, details, field_path, value
                        )
                    continue
            elif leaf is not None:
                attribute, coercion = leaf
                if mapping:
                    value = source_value.get(attribute)
                else:
                    value = getattr(source_value, attribute, None)
            else:
                coercion = None
            if coercion is not None:
                coerce, own_output, non_null = coercion
                if value is None:
                    if not non_null:
                        results[response_name] = None
                        continue
                elif own_output is not None and type(value) is own_output:
                    results[response_name] = value
                    continue
                elif not callable(value) and not isinstance(value, Exception):
                    try:
                        coerced = coerce(value)
                    except Exception:
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        results[response_name] = coerced
                        continue
            # The general path: the value or the error graphql-core gives.
            field_path = Path(path, response_name, parent_type.name)
            if context_field is not None:  # resolved already: completed the general way
                results[response_name] = self._complete_resolved(
                    context_field, details, field_path, value
                )
                continue
            result = self.execute_field(
                parent_type, source_value, details, field_path, position_context
            )
            if result is not Undefined:
                if self.is_awaitable(result):
                    raise TypeError("asynchronous resolvers are not supported")
                results[response_name] = result
        return results

    def _complete_resolved(
        self, context_field: _ContextField, details: FieldDetailsList, path: Path, result: Any
    ) -> Any:
        """What graphql-core's `execute_field` makes of a resolver's `result`: the completed
        value, or the error handled (raised for a non-null field, else collected: None)."""
        _, info, return_type, _ = context_field
        if self.is_awaitable(result):
            raise TypeError("asynchronous resolvers are not supported")
        try:
            completed = self.complete_value(
                return_type, details, info._replace(path=path), path, result, None
            )
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, details, path)
            return None
        if self.is_awaitable(completed):
            raise TypeError("asynchronous resolvers are not supported")
        return completed

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: None,
    ) -> Any:
        # Without directives on the field there is no `@stream` to look for.
        if isinstance(result, list | tuple) and not any(
            detail.node.directives for detail in field_details_list
        ):
            if not result:
                return []
            return self.complete_iterable_value(
                return_type.of_type, field_details_list, info, path, result, position_context
            )
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def complete_iterable_value(
        self,
        item_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        items: Iterable[Any],
        position_context: None,
    ) -> Any:
        object_type = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        if (
            not isinstance(object_type, GraphQLObjectType)
            or object_type.is_type_of is not None
            or any(detail.node.directives for detail in field_details_list)
        ):
            return super().complete_iterable_value(
                item_type, field_details_list, info, path, items, position_context
            )
        grouped_field_set, new_defer_usages, _ = self.collect_subfields(
            object_type, field_details_list
        )
        if new_defer_usages:
            return super().complete_iterable_value(
                item_type, field_details_list, info, path, items, position_context
            )
        completed: list[Any] = []
        append = completed.append
        for index, item in enumerate(items):
            item_path = path.add_key(index, None)
            if item is None or isinstance(item, Exception) or self.is_awaitable(item):
                self.complete_list_item_value(
                    item, completed, item_type, field_details_list, info, item_path, None
                )
                continue
            try:
                append(self.execute_fields(object_type, item, item_path, grouped_field_set, None))
            except Exception as raw_error:
                self.handle_field_error(raw_error, item_type, field_details_list, item_path)
                append(None)
        return completed
