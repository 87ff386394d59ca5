"""Confidences in label and MAL imports with our SDK against a real server: as in 3.36.0,
rows given as objects that carry a `confidence` (on the row or nested) log one warning whose
message names the import, and the import stores them without it."""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path
from typing import Any

import pytest

import labelbox as lb
from labelbox.schema.annotation_import import LabelImport, MALPredictionImport

from .labeling import Setup, annotation, set_up
from .mal import predictions

IMAGE = "https://storage.example.com/cats/1.jpg"
BOX = {"top": 1, "left": 2, "height": 3, "width": 4}
Kind = type[LabelImport] | type[MALPredictionImport]


def _message(kind: str) -> str:
    return (
        f"Confidence scores are not supported in {kind}. "
        "Corresponding confidence score values will be ignored."
    )


@pytest.fixture
def setup(client: lb.Client) -> Setup:
    return set_up(client, [IMAGE, IMAGE])


def _rows(s: Setup, **confidence: Any) -> list[dict[str, Any]]:
    white = {"name": "white", **confidence}
    return [
        annotation(s.rows[0], name="box", bbox=BOX, classifications=[{"name": "color", "answer": white}]),
        annotation(s.rows[1], name="note", answer="fine", **confidence),
    ]  # fmt: skip


def _confidence_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "confidence" in r.getMessage().lower()]


def _stored(client: lb.Client, s: Setup, kind: Kind) -> str:
    """What the import stored, as JSON text: the project's pre-labels or labels."""
    if kind is MALPredictionImport:
        return json.dumps([p["annotation"] for p in predictions(client, s.project)])
    return json.dumps([json.loads(label.label) for label in s.project.labels()])


@pytest.mark.parametrize(
    ("kind", "name"),
    [(MALPredictionImport, "MAL Prediction Import"), (LabelImport, "Label Import")],
)
def test_confidences_warn_once_and_are_not_stored(
    client: lb.Client, setup: Setup, caplog: pytest.LogCaptureFixture, kind: Kind, name: str
) -> None:
    rows = _rows(setup, confidence=0.5)
    with caplog.at_level(logging.WARNING, logger="labelbox"):
        imported = kind.create_from_objects(client, setup.project.uid, f"c {uuid.uuid4()}", rows)
    # the message is the record's first argument, as 3.36.0's tests read it
    assert [(r.levelno, r.msg) for r in _confidence_warnings(caplog)] == [
        (logging.WARNING, _message(name))
    ]
    imported.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in imported.statuses] == ["SUCCESS", "SUCCESS"]
    assert imported.inputs == rows  # sent as given
    stored = _stored(client, setup, kind)
    assert '"white"' in stored and '"fine"' in stored and "confidence" not in stored


@pytest.mark.parametrize("kind", [MALPredictionImport, LabelImport])
def test_rows_without_confidences_do_not_warn(
    client: lb.Client, setup: Setup, caplog: pytest.LogCaptureFixture, kind: Kind
) -> None:
    with caplog.at_level(logging.WARNING, logger="labelbox"):
        imported = kind.create_from_objects(
            client, setup.project.uid, f"c {uuid.uuid4()}", _rows(setup)
        )
    imported.wait_until_done(sleep_time_seconds=1)
    assert _confidence_warnings(caplog) == []


def test_a_file_with_confidences_warns_too(
    client: lb.Client, setup: Setup, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    path = tmp_path / "rows.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in _rows(setup, confidence=1)))
    with caplog.at_level(logging.WARNING, logger="labelbox"):
        imported = MALPredictionImport.create_from_file(
            client, setup.project.uid, f"c {uuid.uuid4()}", str(path)
        )
    assert [r.msg for r in _confidence_warnings(caplog)] == [_message("MAL Prediction Import")]
    imported.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in imported.statuses] == ["SUCCESS", "SUCCESS"]
