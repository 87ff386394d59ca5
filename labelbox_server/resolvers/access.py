"""Declaring who may call a field: `@requires(permission, project=locator)`.

Every root field declares the permission it needs (`domain.access`), on its resolver:

    @mutation.field("updateProject")
    @requires(access.MANAGE_PROJECT, project=argument("where", "id"))
    def resolve_update_project(...): ...

`project` locates the projects a per-project permission is checked in, from the field's
arguments: `argument(*path)` reads project ids from them, `owner(Model, *path)` reads ids
of rows and gives their projects. The schema checks the declaration before the resolver
runs (`graphql.schema.build_schema` wraps every declared field); a root field without one
is allowed to admins only, and `tests/server/test_access.py` fails until it has one. Fields
of other types may declare one too (e.g. `Organization.invites`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select

from ..db.models import Base
from ..domain import access, store
from ..domain.access import Permission
from .context import RequestContext

RULE = "__labelbox_permission__"
_Resolver = TypeVar("_Resolver", bound=Callable[..., Any])
#: Finds the projects a request touches: (context, parent object, field arguments) →
#: project ids (None: an organization-wide object).
Locator = Callable[[RequestContext, Any, Mapping[str, Any]], Iterable[str | None]]


@dataclass(frozen=True)
class Rule:
    """A field's declared permission and how to find its projects."""

    permission: Permission
    locate: Locator | None = None

    def check(
        self, context: RequestContext, operation: str, parent: Any, args: Mapping[str, Any]
    ) -> None:
        """`AuthorizationError` unless the caller may run `operation` with `args`."""
        caller = context.caller
        projects = None
        if self.locate is not None and access.needs_projects(caller, self.permission):
            projects = list(self.locate(context, parent, args))
        access.check(caller, self.permission, operation, projects)


def requires(
    permission: Permission, *, project: Locator | None = None
) -> Callable[[_Resolver], _Resolver]:
    """Declare the permission a field's resolver needs (see the module doc)."""

    def mark(resolver: _Resolver) -> _Resolver:
        setattr(resolver, RULE, Rule(permission, project))
        return resolver

    return mark


def declared(resolver: Callable[..., Any] | None) -> Rule | None:
    """The rule `resolver` was declared with, if any."""
    return getattr(resolver, RULE, None)


def _at(args: Mapping[str, Any], path: tuple[str, ...]) -> list[Any]:
    value: Any = args
    for key in path:
        if not isinstance(value, Mapping):
            return []
        value = value.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def argument(*path: str) -> Locator:
    """Project ids at `path` in the arguments (one id or a list; none when absent)."""

    def locate(_context: RequestContext, _parent: Any, args: Mapping[str, Any]) -> list[str | None]:
        return [str(value) for value in _at(args, path)]

    return locate


def optional_argument(*path: str) -> Locator:
    """Like `argument`, but an absent project means an organization-wide object."""

    def locate(_context: RequestContext, _parent: Any, args: Mapping[str, Any]) -> list[str | None]:
        found: list[str | None] = [str(value) for value in _at(args, path)]
        return found or [None]

    return locate


def owner(model: type[Base], *path: str) -> Locator:
    """The projects of the `model` rows whose ids are at `path` (rows the caller cannot see
    count as missing: the resolver reports them)."""
    key = store.project_key(model)
    if key is None:
        raise TypeError(f"{model.__name__} rows belong to no project")
    column = getattr(model, key)

    def locate(context: RequestContext, _parent: Any, args: Mapping[str, Any]) -> list[str | None]:
        ids = [str(value) for value in _at(args, path)]
        if not ids:
            return []
        rows = context.session.execute(
            select(column).where(
                model.id.in_(ids),  # type: ignore[attr-defined]
                store.in_scope(context.caller, model),  # type: ignore[type-var]
            )
        )
        return [row[0] for row in rows]

    return locate


def parent_project(
    context: RequestContext, parent: Any, _args: Mapping[str, Any]
) -> list[str | None]:
    """The project a field of `Project` is read on."""
    return [parent.id]
