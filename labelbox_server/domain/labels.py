"""Labels of data rows (none are created by this server yet)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from ..db.models import Label
from . import store
from .context import Caller
from .pagination import ListArgs, apply_list_args


def labels_of(
    session: Session, caller: Caller, data_row_id: str, args: ListArgs
) -> Sequence[Label]:
    """A data row's labels (none are created by this server yet)."""
    stmt = apply_list_args(
        store.scoped(caller, Label).where(Label.data_row_id == data_row_id),
        args,
        Label,
        default_order=[Label.created_at],
    )
    return store.rows(session, stmt)


def winning_label_id(
    session: Session, caller: Caller, data_row_id: str, project_id: str
) -> str | None:
    """The newest label of the data row in the project (None without labels)."""
    return session.scalars(
        store.scoped(caller, Label)
        .with_only_columns(Label.id)
        .where(
            Label.data_row_id == data_row_id,
            Label.project_id == project_id,
            Label.deleted.is_(False),
        )
        .order_by(Label.created_at.desc(), Label.id.desc())
        .limit(1)
    ).first()
