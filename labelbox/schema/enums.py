"""Enums of Labelbox's SDK that are not tied to one object type."""

from __future__ import annotations

from enum import Enum


class CollectionJobStatus(Enum):
    """The outcome of a job over a collection (computed by the SDK)."""

    SUCCESS = "SUCCESS"
    PARTIAL_SUCCESS = "PARTIAL SUCCESS"
    FAILURE = "FAILURE"


class BulkImportRequestState(Enum):
    """State of an annotation import: RUNNING, FAILED or FINISHED."""

    RUNNING = "RUNNING"
    FAILED = "FAILED"
    FINISHED = "FINISHED"


class AnnotationImportState(Enum):
    """State of an annotation import: RUNNING, FAILED or FINISHED."""

    RUNNING = "RUNNING"
    FAILED = "FAILED"
    FINISHED = "FINISHED"


class DataSplit(Enum):
    """The split of a model run's data row (`labelbox.schema.model_run.DataSplit`)."""

    TRAINING = "TRAINING"
    TEST = "TEST"
    VALIDATION = "VALIDATION"
    UNASSIGNED = "UNASSIGNED"
