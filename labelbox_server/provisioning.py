"""Create databases, organizations, API keys and catalog slices (what `labelbox-server
init`, `create-key` and `create-slice` do; `LocalServer` calls the same functions in-process)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .db.migrate import upgrade
from .db.models import Organization
from .db.session import SessionFactory, make_engine
from .domain import api_keys, catalog_slices, organizations, roles, users
from .domain.context import Caller
from .errors import ResourceNotFound

DEFAULT_ORGANIZATION = "Local Organization"
ADMIN_NAME = "Admin"
ADMIN_NICKNAME = "admin"


@dataclass(frozen=True)
class Provisioned:
    """What `initialize` created. The API key is not part of the repr."""

    organization_id: str
    organization_name: str
    user_id: str
    email: str
    api_key: str = field(repr=False)


def migrate(database_url: str) -> None:
    """Create or upgrade the database schema (Alembic `upgrade head`)."""
    engine = make_engine(database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def initialize(
    database_url: str, *, organization: str | None = None, email: str | None = None
) -> Provisioned:
    """Migrate the database, then create an organization (with its seed data), an admin user
    (organization role Admin) and an API key for them. Each call creates a new organization."""
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with SessionFactory(engine).session(write=True) as session:
            name = organization or _default_organization_name(session)
            org = organizations.create_organization(session, name)
            admin = users.create_user(
                session,
                organization_id=org.id,
                email=email or _default_email(session, name),
                name=ADMIN_NAME,
                nickname=ADMIN_NICKNAME,
                org_role=roles.ADMIN,
            )
            key = api_keys.issue_key(session, admin)
            result = Provisioned(org.id, org.name, admin.id, admin.email, key)
            session.commit()
            return result
    finally:
        engine.dispose()


def create_key(database_url: str, email: str) -> str:
    """A new API key for the existing user with this email."""
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with SessionFactory(engine).session(write=True) as session:
            user = users.find_user_by_email(session, email)
            if user is None:
                raise ResourceNotFound(f'No user with email "{email}"')
            key = api_keys.issue_key(session, user)
            session.commit()
            return key
    finally:
        engine.dispose()


def create_catalog_slice(
    database_url: str,
    email: str,
    name: str,
    filter_: Any,
    description: str | None = None,
) -> str:
    """A new catalog slice of the organization of the user with this email; its id."""
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with SessionFactory(engine).session(write=True) as session:
            user = users.find_user_by_email(session, email)
            if user is None:
                raise ResourceNotFound(f'No user with email "{email}"')
            caller = Caller(user_id=user.id, organization_id=user.organization_id)
            data = {"name": name, "filter": filter_, "description": description}
            saved = catalog_slices.create_slice(session, caller, data)
            session.commit()
            return saved.id
    finally:
        engine.dispose()


def _default_organization_name(session: Session) -> str:
    count = session.scalar(select(func.count()).select_from(Organization)) or 0
    return DEFAULT_ORGANIZATION if count == 0 else f"{DEFAULT_ORGANIZATION} {count + 1}"


def _default_email(session: Session, organization_name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", organization_name.lower()).strip("-") or "organization"
    candidate, n = slug, 1
    while users.email_taken(session, f"admin@{candidate}.local"):
        n += 1
        candidate = f"{slug}-{n}"
    return f"admin@{candidate}.local"
