"""The fast path's shortcuts on small schemas built here: unusual values, context fields.

Each case runs the same document with `FastExecutor` and with graphql-core's executor and
compares the formatted results (data, error messages, paths, locations). A recording
`FastExecutor` tells which fields went through graphql-core's `execute_field`, so a
shortcut that is not taken fails too.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema, execute_sync, parse
from graphql import build_schema as build_sdl
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path

from labelbox_server.domain import access
from labelbox_server.domain.context import Caller, Rank
from labelbox_server.graphql.fast_execution import FastExecutor, bind_attribute_resolvers
from labelbox_server.graphql.schema import checking
from labelbox_server.resolvers.access import Rule
from labelbox_server.resolvers.root import marked_as_reading_only_context, reads_only_context

UNIT_SDL = """
enum Color { RED GREEN }
type Item { id: ID! name: String count: Int big: Int color: Color ok: Boolean! when: Float }
type Query { items: [Item!]! maybe: [Item] one: Item }
"""


class Item:
    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


def test_unusual_values_take_the_general_path_with_the_same_errors() -> None:
    """Nulls in non-null fields, callables, out-of-range ints, unknown enum values, dict
    rows, null items: the fast path's result (errors, paths, nulls) is graphql-core's."""
    schema = build_sdl(UNIT_SDL)
    bind_attribute_resolvers(schema)
    items = [
        Item(id="a", name="n", count=1, big=2**40, color="RED", ok=True, when=1.5),
        Item(id=None, name=None, count=None, big=None, color="BLUE", ok=True, when=None),
        Item(id=3, name=lambda info: "called", count="7", big=1, color=None, ok=None, when="x"),
        {"id": "d", "name": "dict", "count": 2, "big": 3, "color": "GREEN", "ok": False},
    ]
    root = {"items": items, "maybe": [items[0], None, items[3]], "one": items[2]}
    document = parse(
        "{ items { id name count big color ok when __typename } "
        "maybe { id name alias: name } one { name ok } }"
    )
    fast = execute_sync(schema, document, root_value=root, executor_class=FastExecutor)
    general = execute_sync(schema, document, root_value=root)
    assert fast.formatted == general.formatted
    assert fast.errors, "the cases above must produce errors"


CONTEXT_SDL = """
enum Color { RED GREEN }
type Entry { key: String! value: Int }
type Row {
  id: ID!
  label: String
  color: Color
  count: Int!
  entries: [Entry!]!
  maybe: [Entry]
  parent: Row
  broken: String
  required: String!
  checked: String
  suffix(text: String): String
}
type Query { rows: [Row] }
"""
#: The fields of `Row` whose resolver is marked `reads_only_context`.
MARKED = ("label", "color", "count", "entries", "maybe", "parent", "broken", "required")


@dataclass(frozen=True)
class Context:
    """What the resolvers read of `info.context` (and the permission check of `checked`)."""

    caller: Caller
    prefix: str = "row"
    enforce_roles: bool = True


def _broken(row: dict[str, Any], info: Any) -> Any:
    if row["broken"] == "raise":
        raise ValueError(f"{info.context.prefix} {row['id']} is broken")
    if row["broken"] == "return":
        return ValueError(f"{info.context.prefix} {row['id']} returned an error")
    return row["broken"]


def _required(row: dict[str, Any], info: Any) -> Any:
    if row["required"] is None:
        raise LookupError(f"{info.context.prefix} {row['id']} has nothing required")
    return row["required"]


def context_schema(calls: Counter[str]) -> GraphQLSchema:
    """`CONTEXT_SDL` with marked resolvers that count their calls in `calls`; `checked` is
    marked too, but wrapped in a permission check as `graphql.schema` wraps it."""

    def counting(name: str, read: Callable[[dict[str, Any], Any], Any]) -> Callable[..., Any]:
        def resolve(row: dict[str, Any], info: Any) -> Any:
            calls[name] += 1
            return read(row, info)

        return resolve

    def value_of(name: str) -> Callable[[dict[str, Any], Any], Any]:
        return lambda row, _info: row[name]

    schema = build_sdl(CONTEXT_SDL)
    row_type = schema.type_map["Row"]
    assert isinstance(row_type, GraphQLObjectType)
    fields = row_type.fields
    special = {"broken": _broken, "required": _required}
    for name in (*MARKED, "checked"):
        read = special.get(name, value_of(name))
        fields[name].resolve = reads_only_context(counting(name, read))
    checked = fields["checked"]
    assert checked.resolve is not None
    checked.resolve = checking(checked.resolve, Rule(access.EDIT_CATALOG), "checked")
    fields["suffix"].resolve = reads_only_context(  # arguments: never the shortcut
        lambda row, info, text="": f"{row['id']}{text}"
    )
    bind_attribute_resolvers(schema)
    return schema


def row(row_id: str, **values: Any) -> dict[str, Any]:
    """A row of `CONTEXT_SDL` with ordinary values, but for `values`."""
    return {
        "id": row_id,
        "label": f"label {row_id}",
        "color": "RED",
        "count": 1,
        "entries": [],
        "maybe": None,
        "parent": None,
        "broken": "fine",
        "required": "here",
        "checked": "seen",
        **values,
    }


ROWS = [
    row("a"),
    row("b", label=None, color="GREEN", count="7", entries=[{"key": "k", "value": 2}]),
    row("c", label=5, color="BLUE", maybe=(), entries=()),
    row("d", label=lambda info: "called", maybe=({"key": "t"}, None), broken="raise"),
    row("e", parent=row("e-parent", broken="return")),
    row("f", count=2**40),
    row("g", count=None),
    row("h", entries=[None]),
    row("i", parent=row("i-parent", required=None)),
    row("j", required=None),
    row("k", entries=[{"key": None}]),
    row("l", maybe=5, parent=row("l-parent", parent=row("l-grand"))),
]
#: The parents `ROWS` select (of rows that are not nulled before their `parent` field).
PARENTS = 3
ROW_SELECTION = (
    "id label color count entries { key value } maybe { key value } broken required checked "
    'suffix(text: "!")'
)
DOCUMENT = parse(f"{{ rows {{ {ROW_SELECTION} parent {{ {ROW_SELECTION} parent {{ id }} }} }} }}")


class RecordingExecutor(FastExecutor):
    """A `FastExecutor` that records the fields it executes the general way."""

    general: list[str] = []

    def execute_field(
        self,
        parent_type: Any,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: None,
    ) -> Any:
        self.general.append(field_details_list[0].node.name.value)
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )


def _run(caller: Caller) -> tuple[Any, Any, Counter[str], Counter[str], list[str]]:
    """The fast and the general results, the resolver calls of each, and the fields the
    fast path executed the general way."""
    fast_calls: Counter[str] = Counter()
    general_calls: Counter[str] = Counter()
    context = Context(caller)
    RecordingExecutor.general = []
    fast = execute_sync(
        context_schema(fast_calls),
        DOCUMENT,
        root_value={"rows": ROWS},
        context_value=context,
        executor_class=RecordingExecutor,
    )
    general = execute_sync(
        context_schema(general_calls), DOCUMENT, root_value={"rows": ROWS}, context_value=context
    )
    return fast.formatted, general.formatted, fast_calls, general_calls, RecordingExecutor.general


ADMIN = Caller("user", "organization", Rank.ADMIN)


def _rows_in(rows: list[Any]) -> int:
    """The rows (not nulled) in `rows` and in their parents that select `checked`."""
    return sum(1 + _rows_in([r["parent"]]) for r in rows if r is not None and "checked" in r)


def test_context_fields_give_graphql_cores_values_and_errors() -> None:
    """Leaves (coerced, null, callable, out of range, unknown enum), empty and non-empty
    lists and tuples, objects, resolvers that raise or return an error, nulls propagated
    to the row: the same data and the same errors (message, path, locations)."""
    fast, general, _, _, _ = _run(ADMIN)
    assert fast == general
    messages = " | ".join(error["message"] for error in fast["errors"])
    assert "row d is broken" in messages and "row e-parent returned an error" in messages
    assert "row j has nothing required" in messages and "non-nullable field Row.count" in messages
    rows = fast["data"]["rows"]
    assert rows[0]["entries"] == [] and rows[2]["maybe"] == [] and rows[2]["entries"] == []
    assert rows[1]["entries"] == [{"key": "k", "value": 2}] and rows[1]["label"] is None
    assert rows[3]["broken"] is None and rows[9] is None  # a non-null error nulls its row
    assert rows[4]["parent"]["id"] == "e-parent" and rows[8]["parent"] is None
    assert rows[11]["parent"]["parent"] == {"id": "l-grand"}


def test_context_fields_skip_the_general_path_and_call_each_resolver_once() -> None:
    _, _, fast_calls, general_calls, general_fields = _run(ADMIN)
    assert fast_calls == general_calls
    assert fast_calls["label"] == len(ROWS) + PARENTS
    assert not set(MARKED) & set(general_fields), general_fields
    assert "suffix" in general_fields  # a field with arguments keeps the general path


def test_a_marked_resolver_in_a_permission_check_takes_the_general_path() -> None:
    """`checked`'s resolver is marked, but the schema wraps it in its permission check: the
    check runs for every row (refused: the same errors as graphql-core's)."""
    fast, general, fast_calls, general_calls, general_fields = _run(ADMIN)
    reached = _rows_in(fast["data"]["rows"])
    assert general_fields.count("checked") == fast_calls["checked"] == reached > PARENTS
    assert fast_calls["checked"] == general_calls["checked"]
    labeler = Caller("user", "organization", Rank.LABELER)
    fast, general, fast_calls, general_calls, general_fields = _run(labeler)
    assert fast == general
    refused = [error for error in fast["errors"] if error["path"][-1] == "checked"]
    assert len(refused) == general_fields.count("checked") == reached
    assert "catalog" in refused[0]["message"], refused[0]
    assert fast_calls["checked"] == general_calls["checked"] == 0


def test_only_the_marked_function_itself_is_marked() -> None:
    """A wrapper made with `functools.wraps` copies the mark's attribute, not the mark."""

    @reads_only_context
    def resolve(row: Any, info: Any) -> Any:
        return row

    @functools.wraps(resolve)
    def wrapper(row: Any, info: Any) -> Any:
        return resolve(row, info)

    assert marked_as_reading_only_context(resolve)
    assert not marked_as_reading_only_context(wrapper)
    assert not marked_as_reading_only_context(checking(resolve, Rule(access.READ_CATALOG), "x"))
    assert not marked_as_reading_only_context(None)
