"""Keeping labels' stored `agreement` and `benchmarkAgreement` current.

Every change that can move them calls `refresh` with the (project, data row) pairs it
touched, in the transaction of the change: a label made (label imports, once per chunk of
rows), its `label` JSON updated, labels deleted (one by one, or an import that failed), a
benchmark created or deleted. `refresh` scores the live (non-deleted) labels of each pair
anew (`agreement.row_agreements`, labels in creation order) and writes the numbers that
changed. The row's benchmark reference is its newest label marked `isBenchmarkReference`
(as `labels.winning_label_id` chooses). Deleted labels keep the numbers they had.

This server records no skipped labels (export rows say `Skipped: false`), so no label is
left out for being skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from ..db.models import Label
from . import agreement, store


def refresh(session: Session, rows: Iterable[tuple[str | None, str]]) -> None:
    """Recompute the agreement numbers of the labels of these (project id, data row id)
    pairs (pairs without a project are ignored)."""
    by_project: dict[str, set[str]] = {}
    for project_id, data_row_id in rows:
        if project_id is not None:
            by_project.setdefault(project_id, set()).add(data_row_id)
    changes: list[dict[str, Any]] = []
    for project_id, data_row_ids in sorted(by_project.items()):
        ordered = sorted(data_row_ids)
        for start in range(0, len(ordered), store.CHUNK):
            changes += _changes(session, project_id, ordered[start : start + store.CHUNK])
    if not changes:
        return
    session.execute(update(Label), changes)
    _update_loaded(session, {change["id"]: change for change in changes})


def _changes(session: Session, project_id: str, data_row_ids: list[str]) -> list[dict[str, Any]]:
    """The new numbers of the labels of these rows whose numbers differ from the stored."""
    found = session.execute(
        select(
            Label.id,
            Label.data_row_id,
            Label.label,
            Label.is_benchmark_reference,
            Label.agreement,
            Label.benchmark_agreement,
        )
        .where(
            Label.project_id == project_id,
            Label.data_row_id.in_(data_row_ids),
            Label.deleted.is_(False),
        )
        .order_by(Label.data_row_id, Label.created_at, Label.id)
    ).all()
    by_row: dict[str, list[Any]] = {}
    for label in found:
        by_row.setdefault(label.data_row_id, []).append(label)
    changes = []
    for labels in by_row.values():
        references = [label.id for label in labels if label.is_benchmark_reference]
        scored = agreement.row_agreements(
            [(label.id, agreement.parse_label(label.label)) for label in labels],
            references[-1] if references else None,
        )
        for label in labels:
            new = scored[label.id]
            if (label.agreement, label.benchmark_agreement) != tuple(new):
                changes.append(
                    {
                        "id": label.id,
                        "agreement": new.agreement,
                        "benchmark_agreement": new.benchmark_agreement,
                    }
                )
    return changes


def _update_loaded(session: Session, changes: dict[str, dict[str, Any]]) -> None:
    """Give labels the session has loaded their new numbers (a bulk UPDATE leaves them be)."""
    for label_id, change in changes.items():
        loaded = session.identity_map.get(identity_key(Label, label_id))
        if loaded is not None:
            set_committed_value(loaded, "agreement", change["agreement"])
            set_committed_value(loaded, "benchmark_agreement", change["benchmark_agreement"])
