"""Hypothesis settings of the SDK's property tests: derandomized (the same examples on every
run, so CI is stable), a modest number of examples, no deadline (a loaded machine must not
fail a test), no example database written into the tree.

Tests apply the profile with `@PROFILE` (from `tests/properties/recorder.py`), so it does
not change the settings of anyone else's hypothesis tests in the session.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "labelbox-sdk",
    derandomize=True,
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
