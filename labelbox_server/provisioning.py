"""Create databases, organizations, users, API keys and catalog slices (what
`labelbox-server init`, `create-user`, `accept-invite`, `create-key`, `keys`,
`iam-integration` and `create-slice` do; `LocalServer` calls the same functions in-process)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .db.migrate import upgrade
from .db.models import ApiKey, Organization, Project, User
from .db.session import SessionFactory, make_engine
from .domain import (
    api_keys,
    catalog_slices,
    iam_integrations,
    invites,
    members,
    organizations,
    roles,
    store,
    users,
)
from .domain.context import Caller, Rank
from .errors import MalformedRequest, ResourceNotFound

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


def create_key(database_url: str, email: str, *, rate_limit: int | None = None) -> str:
    """A new API key for the existing user with this email (`rate_limit`: its own limit of
    requests per minute, 0 for none; None: the server's)."""
    with _writing(database_url) as session:
        user = _user(session, email)
        key = api_keys.issue_key(session, user)
        if rate_limit is not None:
            _set_rate_limit(session, key, rate_limit)
        session.commit()
        return key


@dataclass(frozen=True)
class NewUser:
    """A user made by `create_user` / `accept_invite`, with an API key (not in the repr)."""

    user_id: str
    email: str
    role: str
    organization_id: str
    api_key: str = field(repr=False)


@dataclass(frozen=True)
class KeyInfo:
    """An API key as `list_keys` shows it: never the key itself, only its first characters."""

    id: str
    prefix: str
    email: str
    created_at: datetime
    revoked: bool
    rate_limit: int | None


@contextmanager
def _writing(database_url: str) -> Iterator[Session]:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with SessionFactory(engine).session(write=True) as session:
            yield session
    finally:
        engine.dispose()


def _user(session: Session, email: str) -> User:
    user = users.find_user_by_email(session, email)
    if user is None:
        raise ResourceNotFound(f'No user with email "{email}"')
    return user


def _set_rate_limit(session: Session, key: str, rate_limit: int) -> None:
    row = session.scalars(select(ApiKey).where(ApiKey.key_hash == api_keys.hash_key(key))).one()
    row.rate_limit = rate_limit


def _organization_id(session: Session, organization_id: str | None) -> str:
    if organization_id is not None:
        if session.get(Organization, organization_id) is None:
            raise ResourceNotFound.for_id("Organization", organization_id)
        return organization_id
    first = session.scalars(
        select(Organization.id).order_by(Organization.created_at, Organization.id).limit(1)
    ).first()
    if first is None:
        raise ResourceNotFound("There is no organization yet: run init first")
    return first


def create_user(
    database_url: str,
    *,
    email: str,
    role: str,
    organization_id: str | None = None,
    project_roles: Sequence[tuple[str, str]] = (),
    rate_limit: int | None = None,
) -> NewUser:
    """A user of the organization (default: the first one) with an organization role
    (`ADMIN`, `TEAM_MANAGER`, `REVIEWER`, `LABELER` or `NONE`) and, for `NONE`, roles in
    projects (`(project id, role)` pairs), plus an API key."""
    with _writing(database_url) as session:
        org_id = _organization_id(session, organization_id)
        try:
            org_role = roles.role_by_key(session, role)
            wanted = [
                (project_id, roles.role_by_key(session, r)) for project_id, r in project_roles
            ]
        except ValueError as error:
            raise MalformedRequest(str(error)) from None
        if wanted and org_role.rank != Rank.NONE:
            raise MalformedRequest("project roles are only for users with the NONE role")
        email = members.check_email(email, "email")
        caller = Caller(user_id="", organization_id=org_id)
        user = users.create_user(
            session,
            organization_id=org_id,
            email=email,
            name=email.split("@")[0],
            nickname=email.split("@")[0],
            org_role=org_role.name,
        )
        memberships = [
            (store.get(session, caller, Project, project_id).id, project_role)
            for project_id, project_role in wanted
        ]
        members.add_project_roles(session, user, memberships)
        key = api_keys.issue_key(session, user)
        if rate_limit is not None:
            _set_rate_limit(session, key, rate_limit)
        made = NewUser(user.id, user.email, org_role.name.upper().replace(" ", "_"), org_id, key)
        session.commit()
        return made


def accept_invite(database_url: str, email: str) -> NewUser:
    """Turn the newest pending invite for `email` into a user; returns them with a key."""
    with _writing(database_url) as session:
        user = invites.accept_invite(session, email)
        key = api_keys.issue_key(session, user)
        role = roles.get_role(session, user.org_role_id)
        name = role.name.upper().replace(" ", "_") if role else "NONE"
        made = NewUser(user.id, user.email, name, user.organization_id, key)
        session.commit()
        return made


def list_keys(database_url: str, email: str | None = None) -> list[KeyInfo]:
    """Every API key (of the user with `email`, if given), oldest first."""
    with _writing(database_url) as session:
        stmt = select(ApiKey, User.email).join(User, User.id == ApiKey.user_id)
        if email is not None:
            stmt = stmt.where(User.id == _user(session, email).id)
        rows = session.execute(stmt.order_by(ApiKey.created_at, ApiKey.id))
        return [
            KeyInfo(key.id, key.prefix, user_email, key.created_at, key.deleted, key.rate_limit)
            for key, user_email in rows
        ]


def revoke_key(database_url: str, key_id: str) -> KeyInfo:
    """Revoke the API key with this id (it stops working at once)."""
    with _writing(database_url) as session:
        key = session.get(ApiKey, key_id)
        if key is None:
            raise ResourceNotFound(f'No API key with id "{key_id}"')
        key.deleted = True
        owner = session.get(User, key.user_id)
        info = KeyInfo(
            key.id, key.prefix, owner.email if owner else "", key.created_at, True, key.rate_limit
        )
        session.commit()
        return info


def create_iam_integration(
    database_url: str,
    *,
    name: str,
    provider: str,
    organization_id: str | None = None,
    role_arn: str | None = None,
    service_account_email_id: str | None = None,
    read_bucket: str | None = None,
    valid: bool = True,
    default: bool = False,
) -> str:
    """Record an IAM integration of the organization (default: the first); returns its id."""
    with _writing(database_url) as session:
        caller = Caller(user_id="", organization_id=_organization_id(session, organization_id))
        integration = iam_integrations.create_integration(
            session,
            caller,
            name=name,
            provider=provider,
            role_arn=role_arn,
            service_account_email_id=service_account_email_id,
            read_bucket=read_bucket,
            valid=valid,
            default=default,
        )
        session.commit()
        return integration.id


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


def create_catalog_slice(
    database_url: str,
    email: str,
    name: str,
    filter_: Any,
    description: str | None = None,
) -> str:
    """A new catalog slice of the organization of the user with this email; its id."""
    with _writing(database_url) as session:
        user = _user(session, email)
        caller = Caller(user_id=user.id, organization_id=user.organization_id)
        data = {"name": name, "filter": filter_, "description": description}
        saved = catalog_slices.create_slice(session, caller, data)
        session.commit()
        return saved.id
