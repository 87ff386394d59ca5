"""Properties of the SDK's public inputs: whatever is passed, a call either raises a
`LabelboxError` before anything is sent, or sends exactly what the input says.

Strategies mix valid values with the weaknesses fuzzing found (lone surrogates, NUL, long
strings, bytes, NaN, huge numbers, datetimes without a UTC time, objects).
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

import httpx
from hypothesis import example, given
from hypothesis import strategies as st

import labelbox as lb
from labelbox import DataRow, Dataset, Project, exceptions
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DataRowMetadataSchema,
)

from .recorder import PROFILE, outcome, recording_client

NOW = "2024-01-01T00:00:00.000Z"
SURROGATE = re.compile("[\ud800-\udfff]")

#: Text of every kind: any code point (surrogates included), NUL, long runs.
anything_text = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0xD7F0, max_codepoint=0xE010), max_size=5),
    st.sampled_from(["", " ", "\x00", "a" * 300, "/tmp/" + "b" * 300, "https://e.com/x.jpg"]),
)
#: Text that can be sent: no lone surrogate, no NUL.
safe_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
)
urls = st.builds(lambda path: f"https://example.com/{path}.jpg", st.text("abc123", max_size=8))
odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from([10**400, -(2**60), 2**53 + 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=4),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
    st.just(datetime.min.replace(tzinfo=timezone(timedelta(hours=14)))),
    st.dates(),
    st.just(object()),
    st.lists(st.integers(), max_size=2),
    anything_text,
)


#: The values fuzzing found raw exceptions with, drawn often.
nasty = st.sampled_from(
    [
        10**400,
        "bad \ud800 text",
        "nul \x00 text",
        math.nan,
        math.inf,
        b"bytes",
        datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
        datetime.max.replace(tzinfo=timezone(timedelta(hours=-14))),
        "x" * 300,
        object(),
    ]
)


def _sendable(text: str) -> bool:
    return SURROGATE.search(text) is None and "\x00" not in text


def _dataset(client: lb.Client) -> lb.Dataset:
    return Dataset(
        client,
        {
            "id": "d1",
            "name": "d",
            "description": "",
            "rowCount": 0,
            "createdAt": NOW,
            "updatedAt": NOW,
        },
    )


def _descriptor(request: httpx.Request) -> Any:
    """The rows of a descriptor upload (the first request of an import)."""
    body = request.content
    start = body.index(b"\r\n\r\n", body.index(b'filename="json_import.json"')) + 4
    end = body.index(b"\r\n--", start)
    return json.loads(body[start:end])


# -- create_data_rows items ----------------------------------------------------------------

items = st.one_of(
    urls,
    anything_text,
    st.fixed_dictionaries(
        {"row_data": st.one_of(urls, nasty, anything_text, odd_values)},
        optional={
            "external_id": st.one_of(nasty, anything_text, odd_values),
            "global_key": st.one_of(st.text(min_size=1, max_size=10), anything_text),
            "media_type": st.one_of(st.sampled_from(["IMAGE", "TEXT", "PDF"]), anything_text),
            "attachments": st.lists(
                st.fixed_dictionaries(
                    {
                        "type": st.sampled_from(["RAW_TEXT", "IMAGE", "SOUND"]),
                        "value": st.one_of(anything_text, odd_values),
                    }
                ),
                max_size=2,
            ),
            "colour": st.just("red"),
        },
    ),
    odd_values,
)


valid_items = st.one_of(
    urls,
    st.fixed_dictionaries(
        {"row_data": st.one_of(urls, safe_text.filter(lambda t: t.strip() != ""))},
        optional={
            "external_id": safe_text,
            "media_type": st.sampled_from(["IMAGE", "TEXT", "PDF"]),
            "attachments": st.lists(
                st.fixed_dictionaries(
                    {
                        "type": st.sampled_from(["RAW_TEXT", "IMAGE", "TEXT_URL"]),
                        "value": safe_text.filter(bool),
                    }
                ),
                max_size=2,
            ),
        },
    ),
)


def _expected_row(item: Any) -> dict[str, Any]:
    """The descriptor row a valid item becomes."""
    if isinstance(item, str):
        return {"row_data": item}
    row: dict[str, Any] = {"row_data": item["row_data"]}
    for key in ("external_id", "global_key", "media_type"):
        if item.get(key) is not None:
            row[key] = item[key]
    if item.get("attachments"):
        row["attachments"] = item["attachments"]
    return row


@PROFILE
@given(
    st.one_of(
        st.lists(valid_items, min_size=1, max_size=4), st.lists(items, min_size=1, max_size=4)
    )
)
def test_create_data_rows_fails_typed_before_sending_or_sends_the_rows(batch: list[Any]) -> None:
    result = outcome(lambda: _dataset(recording_client()).create_data_rows(batch))
    if isinstance(result, exceptions.LabelboxError):
        assert isinstance(
            result, (exceptions.InvalidDataRowError, exceptions.InvalidAttributeError)
        )
        return
    # Sent: every item was valid, and the descriptor holds exactly the rows.
    assert _descriptor(result) == [_expected_row(item) for item in batch]
    for item in batch:
        text = item if isinstance(item, str) else item["row_data"]
        assert isinstance(text, str) and _sendable(text)
        assert text.startswith("http") or isinstance(item, dict)  # a string item is a URL


# -- metadata fields ---------------------------------------------------------------------

TAG, NUMBER, WHEN, VECTOR, ENUM, OPTION = (f"clschema{n:017d}" for n in range(6))
SCHEMAS = [
    DataRowMetadataSchema(uid=TAG, name="tag", reserved=True, kind=DataRowMetadataKind.string),
    DataRowMetadataSchema(
        uid=NUMBER, name="score", reserved=False, kind=DataRowMetadataKind.number
    ),
    DataRowMetadataSchema(
        uid=WHEN, name="taken", reserved=False, kind=DataRowMetadataKind.datetime
    ),
    DataRowMetadataSchema(
        uid=VECTOR, name="vec", reserved=False, kind=DataRowMetadataKind.embedding
    ),
    DataRowMetadataSchema(
        uid=ENUM,
        name="weather",
        reserved=False,
        kind=DataRowMetadataKind.enum,
        options=[
            DataRowMetadataSchema(
                uid=OPTION,
                name="sunny",
                reserved=False,
                kind=DataRowMetadataKind.option,
                parent=ENUM,
            )
        ],
    ),
]

fields = st.fixed_dictionaries(
    {
        "schema_id": st.one_of(st.sampled_from([TAG, NUMBER, WHEN, VECTOR, ENUM]), anything_text),
        "value": st.one_of(
            nasty,
            odd_values,
            st.lists(
                st.one_of(st.floats(), st.integers(min_value=-(10**400), max_value=10**400)),
                max_size=3,
            ),
            st.just("sunny"),
            st.just("2024-05-06T07:08:09Z"),
        ),
    }
)


finite = st.floats(allow_nan=False, allow_infinity=False)
valid_fields = st.lists(
    st.one_of(
        st.fixed_dictionaries({"schema_id": st.just(TAG), "value": safe_text}),
        st.fixed_dictionaries(
            {"schema_id": st.just(NUMBER), "value": st.one_of(finite, st.integers(-(10**9), 10**9))}
        ),
        st.fixed_dictionaries(
            {
                "schema_id": st.just(WHEN),
                "value": st.datetimes(
                    min_value=datetime(1900, 1, 1), timezones=st.just(timezone.utc)
                ),
            }
        ),
        st.fixed_dictionaries(
            {"schema_id": st.just(VECTOR), "value": st.lists(finite, min_size=1, max_size=4)}
        ),
        st.fixed_dictionaries(
            {"schema_id": st.just(ENUM), "value": st.sampled_from(["sunny", OPTION])}
        ),
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda field: field["schema_id"],
)


def _json_safe(value: Any) -> bool:
    text = json.dumps(value, allow_nan=False)
    text.encode("utf-8")
    return "\\u0000" not in text


@PROFILE
@example([{"schema_id": NUMBER, "value": 10**400}])
@example([{"schema_id": TAG, "value": "\ud800"}])
@given(st.one_of(valid_fields, st.lists(fields, min_size=1, max_size=3)))
def test_metadata_fails_typed_before_sending_or_sends_what_the_schema_takes(
    given_fields: list[dict[str, Any]],
) -> None:
    client = recording_client()
    ontology = DataRowMetadataOntology._from_schemas(SCHEMAS, client)
    ontology.refresh_ontology = lambda: None  # type: ignore[method-assign]  # offline
    row = DataRowMetadata(
        data_row_id="ckrow",
        fields=[DataRowMetadataField.model_construct(**f) for f in given_fields],
    )
    result = outcome(lambda: ontology.bulk_upsert([row]))
    if isinstance(result, exceptions.LabelboxError):
        assert isinstance(result, exceptions.InvalidMetadataError)
        assert result.index == 0 and (result.field or "").startswith("fields")
        return
    sent = json.loads(result.content)["variables"]["metadata"]
    assert [item["dataRowId"] for item in sent] == ["ckrow"]
    items = sent[0]["fields"]
    assert _json_safe(items)
    for given_field in given_fields:
        schema_id, value = given_field["schema_id"], given_field["value"]
        if schema_id == TAG:
            assert {"schemaId": TAG, "value": value} in items
        elif schema_id == NUMBER:
            assert {"schemaId": NUMBER, "value": float(value)} in items
        elif schema_id == ENUM:
            assert {"schemaId": OPTION, "value": {}} in items
        elif schema_id == VECTOR:
            assert {"schemaId": VECTOR, "value": [float(v) for v in value]} in items


# -- where= expressions --------------------------------------------------------------------

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
    where = Project.name == "p"
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


# -- Client(api_key=...) ---------------------------------------------------------------------

keys = st.one_of(
    st.text(
        alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40
    ),
    anything_text,
    st.builds(
        lambda k, s: k + s,
        st.text("abcXYZ019._-", min_size=8, max_size=30),
        st.sampled_from(["\n", " ", "\r\n", "\t", "é", "\u00a0"]),
    ),
    st.none(),
    st.binary(max_size=5),
    st.integers(),
)


@PROFILE
@example("eyJhbGciOiJIUzI1NiJ9.key\n")
@example("eyJhbGciOiJIUzI1NiJ9.key ")
@example("eyJhbGciOiJIUzI1NiJ9.kéy")
@given(keys)
def test_a_key_is_refused_without_being_shown_or_sent_exactly(key: Any) -> None:
    client_error: exceptions.LabelboxError | None = None
    try:
        client = lb.Client(
            api_key=key,
            endpoint="http://labelbox.test/graphql",
            transport=recording_client()._gateway.http._transport,
        )
    except exceptions.AuthenticationError as error:
        client_error = error
    if client_error is not None:
        if isinstance(key, str) and key.strip():
            assert key.strip() not in str(client_error) or len(key.strip()) < 3
        return
    assert isinstance(key, str)
    result = outcome(lambda: client.execute("query Q { user { id } }"))
    assert isinstance(result, httpx.Request)
    assert result.headers["Authorization"] == f"Bearer {key}"
    assert re.fullmatch(r"[\x21-\x7e]+", key)


# -- upload_data names, content types and content -------------------------------------------

content_types = st.one_of(
    st.none(),
    st.sampled_from(["image/png", "text/plain; charset=utf-8", "application/json", ""]),
    anything_text,
)


@PROFILE
@example("\ud800", "a.txt", None)
@example(b"x", "a\r\nb.txt", None)
@example(b"x", "a.txt", "text/plain\r\nX-Injected: 1")
@given(
    st.one_of(st.binary(max_size=20), anything_text, st.integers()),
    st.one_of(st.none(), anything_text, st.sampled_from(["a.png", 'q"uote.txt', "x\r\ny"])),
    content_types,
)
def test_upload_data_fails_typed_before_sending_or_sends_the_bytes(
    content: Any, filename: Any, content_type: Any
) -> None:
    result = outcome(lambda: recording_client().upload_data(content, filename, content_type))
    if isinstance(result, exceptions.LabelboxError):
        assert isinstance(result, exceptions.InvalidAttributeError)
        return
    body = result.content
    data = content.encode() if isinstance(content, str) else content
    assert isinstance(data, bytes) and data in body
    operations = json.loads(body.split(b'name="operations"\r\n\r\n', 1)[1].split(b"\r\n--", 1)[0])
    assert operations["variables"]["contentLength"] == len(data)
    if content_type:
        assert f"Content-Type: {content_type}\r\n".encode() in body
    assert math.isfinite(len(body))
