"""Label imports: the annotation-import kind that makes labels (`createLabelImport`).

Rows are checked against the project's ontology; a data row takes annotations when it is in
the caller's organization and a data row of the project: in one of its batches, or of a
dataset connected to it (`queue.rows_in_project`).
Each data row gets one label per import holding all its annotations (`lbv1.label_json`),
made by the importer; a resumed import skips data rows it already labeled. The agreement
of the labels of a chunk's data rows is recomputed once per chunk (`label_agreement`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..db.models import AnnotationImport, Label, Ontology, Project
from . import (
    annotation_imports,
    clock,
    ids,
    import_targets,
    label_agreement,
    store,
    webhook_events,
)
from .annotation_rows import Annotation
from .context import Caller
from .lbv1 import label_json
from .queue import rows_in_project


def project_ontology(session: Session, caller: Caller, project_id: str) -> Mapping[str, Any] | None:
    """The normalized JSON of the project's ontology (None while it has none)."""
    project = store.find(session, caller, Project, project_id)
    if project is None or project.ontology_id is None:
        return None
    ontology = store.find(session, caller, Ontology, project.ontology_id, deleted=True)
    return ontology.normalized if ontology is not None else None


class LabelTarget:
    """Labels in a project."""

    def ontology(
        self, session: Session, caller: Caller, parent_id: str
    ) -> Mapping[str, Any] | None:
        return project_ontology(session, caller, parent_id)

    def unavailable_rows(
        self, session: Session, caller: Caller, parent_id: str, data_row_ids: Sequence[str]
    ) -> Mapping[str, tuple[str, str]]:
        problems = import_targets.missing_data_rows(session, caller, data_row_ids)
        project = store.find(session, caller, Project, parent_id)
        attached = rows_in_project(session, project, data_row_ids) if project else set()
        for row_id in data_row_ids:
            if row_id not in problems and row_id not in attached:
                problems[row_id] = (
                    "DataRowNotInProject",
                    f'Data row "{row_id}" is not in the project',
                )
        return problems

    def apply(
        self,
        session: Session,
        caller: Caller,
        record: AnnotationImport,
        rows: Mapping[str, Sequence[Annotation]],
    ) -> None:
        done = import_targets.applied_data_rows(session, Label, record, rows)
        now = clock.now()
        values = [
            {
                "id": ids.new_id(),
                "organization_id": caller.organization_id,
                "data_row_id": row_id,
                "project_id": record.parent_id,
                "created_by_id": record.created_by_id,
                "label": _dumps(label_json(annotations)),
                "seconds_to_label": 0.0,
                "is_benchmark_reference": False,
                "created_at": now,
                "updated_at": now,
                "deleted": False,
                "import_id": record.id,
                "template": False,
            }
            for row_id, annotations in rows.items()
            if row_id not in done
        ]
        if values:
            session.execute(insert(Label), values)
            label_agreement.refresh(
                session, [(record.parent_id, str(value["data_row_id"])) for value in values]
            )
            webhook_events.labels_changed(
                session,
                caller,
                webhook_events.LABEL_CREATED,
                [str(value["id"]) for value in values],
            )

    def remove(self, session: Session, record: AnnotationImport) -> None:
        rows = session.scalars(
            select(Label.data_row_id).where(Label.import_id == record.id, Label.deleted.is_(False))
        ).all()
        session.execute(
            update(Label)
            .where(Label.import_id == record.id)
            .values(deleted=True, updated_at=clock.now())
            .execution_options(synchronize_session=False)
        )
        label_agreement.refresh(session, [(record.parent_id, row_id) for row_id in rows])


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


LABEL_IMPORT = annotation_imports.ImportKind("label", "LabelImport", Project, LabelTarget())
