"""The strategies the SDK's property tests share: valid values mixed with the weaknesses
fuzzing found (lone surrogates, NUL, long strings, bytes, NaN, huge numbers, datetimes without
a UTC time, objects)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

#: Text of every kind: any code point (surrogates included), NUL, long runs.
anything_text = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0xD7F0, max_codepoint=0xE010), max_size=5),
    st.sampled_from(["", " ", "\x00", "a" * 300, "/tmp/" + "b" * 300, "https://e.com/x.jpg"]),
)

#: Text that can be sent: no lone surrogate, no NUL.
safe_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=20
)

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

finite = st.floats(allow_nan=False, allow_infinity=False)
