"""`Query.roles`. `Role` and `OrgRole` need no resolvers (plain `id` and `name`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..db.models import Role
from ..domain import access, roles
from .access import requires
from .context import Info, request_context
from .root import query


@query.field("roles")
@requires(access.MEMBER)
def resolve_roles(_root: Any, info: Info) -> Sequence[Role]:
    return roles.list_roles(request_context(info).session)
