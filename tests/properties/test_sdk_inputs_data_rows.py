"""Properties of `create_data_rows` items: whatever is passed, the call either raises a
`LabelboxError` before anything is sent, or sends a descriptor holding exactly the rows."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
from hypothesis import given
from hypothesis import strategies as st

import labelbox as lb
from labelbox import Dataset, exceptions

from .recorder import PROFILE, outcome, recording_client
from .strategies import anything_text, nasty, odd_values, safe_text

NOW = "2024-01-01T00:00:00.000Z"


SURROGATE = re.compile("[\ud800-\udfff]")


urls = st.builds(lambda path: f"https://example.com/{path}.jpg", st.text("abc123", max_size=8))


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
