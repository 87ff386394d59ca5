"""Properties of `Client(api_key=...)`: a key is refused without being shown, or sent exactly."""

from __future__ import annotations

import re
from typing import Any

import httpx
from hypothesis import example, given
from hypothesis import strategies as st

import labelbox as lb
from labelbox import exceptions

from .recorder import PROFILE, outcome, recording_client
from .strategies import anything_text

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
