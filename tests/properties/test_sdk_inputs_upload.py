"""Properties of `upload_data` (content, file name, content type): whatever is passed, the
call either raises a `LabelboxError` before anything is sent, or sends exactly the bytes."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from labelbox import exceptions

from .recorder import PROFILE, outcome, recording_client
from .strategies import anything_text

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
