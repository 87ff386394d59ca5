"""Properties of metadata fields (`bulk_upsert`): whatever is passed, the call either raises a
`LabelboxError` before anything is sent, or sends what the schema takes."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from labelbox import exceptions
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DataRowMetadataSchema,
)

from .recorder import PROFILE, outcome, recording_client
from .strategies import anything_text, finite, nasty, odd_values, safe_text

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
