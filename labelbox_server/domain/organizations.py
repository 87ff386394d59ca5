"""Organizations: the tenant boundary. Everything a caller sees belongs to their organization."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..db.models import Organization
from ..errors import ResourceNotFound
from . import clock, ids
from .context import Caller
from .labeling_frontends import create_default_frontends


def get_organization(session: Session, caller: Caller) -> Organization:
    """The caller's organization."""
    organization = session.get(Organization, caller.organization_id)
    if organization is None:
        raise ResourceNotFound.for_id("Organization", caller.organization_id)
    return organization


def create_organization(session: Session, name: str) -> Organization:
    """A new organization with its seed data (the `Editor` labeling frontend)."""
    now = clock.now()
    organization = Organization(id=ids.new_id(), name=name, created_at=now, updated_at=now)
    session.add(organization)
    session.flush()
    create_default_frontends(session, organization)
    return organization
