"""Properties of `where=` expressions: whatever is passed, the call either raises a
`LabelboxError` before anything is sent, or sends every clause."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

import labelbox as lb
from labelbox import DataRow, Project, exceptions
from labelbox.orm.comparison import LogicalExpressionComponent

from .recorder import PROFILE, outcome, recording_client
from .strategies import finite, nasty, odd_values, safe_text

comparisons = st.builds(
    lambda field, op, value: op(field, value),
    st.sampled_from([Project.name, Project.description, Project.created_at, Project.uid]),
    st.sampled_from(
        [
            lambda f, v: f == v,
            lambda f, v: f != v,
            lambda f, v: f < v,
            lambda f, v: f >= v,
        ]
    ),
    st.one_of(nasty, odd_values, st.just(Project.name), st.just(lb.MediaType.Image)),
)


trees = st.recursive(
    st.one_of(
        comparisons,
        st.just(DataRow.external_id == "x"),
    ),
    lambda children: st.one_of(
        st.builds(lambda a, b: a & b, children, children),
        st.builds(lambda a, b: a | b, children, children),
        st.builds(lambda a: ~a, children),
    ),
    max_leaves=6,
)


valid_values = st.one_of(
    safe_text,
    st.integers(-(2**53), 2**53),
    finite,
    st.datetimes(min_value=datetime(1900, 1, 1), timezones=st.just(timezone.utc)),
    st.dates(),
    st.just(lb.MediaType.Image),
)


valid_trees = st.recursive(
    st.builds(
        lambda field, value: field == value,
        st.sampled_from([Project.name, Project.description, Project.created_at]),
        valid_values,
    ),
    lambda children: st.builds(lambda a, b: a & b, children, children),
    max_leaves=8,
)


#: Filter trees, valid or not, and things that are not filters at all.
invalid_or_not = st.one_of(
    comparisons,
    st.builds(lambda a, b: a & b, valid_trees, comparisons),
    trees,
    st.just("name = 'x'"),
    st.just(Project.name),
    odd_values,
)


expressions = st.integers(0, 1).flatmap(lambda n: valid_trees if n else invalid_or_not)


def _chain(count: int) -> Any:
    where: LogicalExpressionComponent = Project.name == "p"
    for number in range(count):
        where = where & (Project.name == f"p{number}")
    return where


def _wire_value(value: Any) -> Any:
    if isinstance(value, lb.MediaType):
        return value.value
    if isinstance(value, datetime):
        return (
            value.astimezone(timezone.utc).replace(tzinfo=None).isoformat(timespec="milliseconds")
            + "Z"
        )
    if isinstance(value, date):
        return value.isoformat()
    return value


@PROFILE
@example(Project.name == b"bytes")
@example(Project.created_at >= datetime.min)
@example(Project.created_at >= datetime.min.replace(tzinfo=timezone(timedelta(hours=14))))
@example(_chain(1500))
@given(expressions)
def test_where_fails_typed_before_sending_or_sends_every_clause(where: Any) -> None:
    result = outcome(lambda: recording_client().get_projects(where=where).get_one())
    if isinstance(result, exceptions.LabelboxError):
        assert isinstance(result, (exceptions.InvalidQueryError, exceptions.InvalidAttributeError))
        return
    sent = json.loads(result.content)["variables"]["where"]
    clauses = sent.get("AND", [sent])
    assert clauses[-1] == {"deleted": False}
    expected = []
    pending = [where] if where is not None else []
    while pending:  # the comparisons of the AND tree, left to right
        node = pending.pop()
        if isinstance(node, lb.orm.comparison.LogicalExpression):
            pending.extend((node.second, node.first))
        else:
            expected.append({f"{node.field.graphql_name}{node.op.value}": _wire_value(node.value)})
    assert clauses[:-1] == expected
