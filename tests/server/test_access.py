"""Roles enforced by the server: every root field declares a permission, and every cell of
the README's permission table holds against the server, with real keys of each role.

Columns are the organization roles, a project-based user (organization role NONE) with each
project role in the project the operations touch, and one with no project at all.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from graphql import GraphQLObjectType

from labelbox_server import LocalServer
from labelbox_server.domain import access
from labelbox_server.domain.context import Caller, Rank
from labelbox_server.errors import AuthorizationError
from labelbox_server.graphql.schema import build_schema
from labelbox_server.resolvers.access import Rule, declared

from . import label_documents as label_docs
from .conftest import Api
from .label_helpers import Labeled

ORGANIZATION_ROLES = ("ADMIN", "TEAM_MANAGER", "REVIEWER", "LABELER")
PROJECT_ROLES = ("ADMIN", "TEAM_MANAGER", "REVIEWER", "LABELER")
COLUMNS = (
    *ORGANIZATION_ROLES,
    *(f"project {role}" for role in PROJECT_ROLES),
    "project-based, no project",
)
ROLE_IDS = {
    "Admin": "cjlvi91a41aab0714677xp87h",
    "Team Manager": "cjlvi919q1aa80714b7z3xuku",
    "Reviewer": "cjlvi919b1aa50714k75euii5",
    "Labeler": "cjlvi914y1aa20714372uvzjv",
    "None": "cjmb6xy80f5vz0780u3mw2rj4",
}
_tags = itertools.count()


def _original(resolve: Callable[..., Any] | None) -> Callable[..., Any] | None:
    while resolve is not None and hasattr(resolve, "__wrapped__"):
        resolve = resolve.__wrapped__
    return resolve


def test_every_root_field_declares_a_permission() -> None:
    schema = build_schema()
    undeclared = []
    for root in (schema.query_type, schema.mutation_type):
        assert isinstance(root, GraphQLObjectType)
        for name, field in root.fields.items():
            if declared(_original(field.resolve)) is None:
                undeclared.append(f"{root.name}.{name}")
    assert undeclared == [], "declare a permission with @requires (see resolvers/access.py)"


@pytest.mark.parametrize("rank", list(Rank))
def test_a_field_without_a_declaration_is_for_admins_only(rank: Rank) -> None:
    caller = Caller("u", "o", rank=rank)
    rule = Rule(access.UNDECLARED)
    if rank == Rank.ADMIN:
        access.check(caller, rule.permission, "newField")
    else:
        with pytest.raises(AuthorizationError, match="newField"):
            access.check(caller, rule.permission, "newField")


def test_roles_have_labelboxs_fixed_ids(api: Api) -> None:
    roles = {role["name"]: role["id"] for role in api.data("{ roles { id name } }")["roles"]}
    assert roles == ROLE_IDS


@dataclass
class World:
    """The first organization's admin, a labeled project, a user per column."""

    admin: Api
    labeled: Labeled
    label: str
    keys: dict[str, Api]

    @property
    def project(self) -> str:
        project: str = self.labeled.project
        return project


@pytest.fixture(scope="module")
def world(server: LocalServer) -> World:
    http = httpx.Client(timeout=60)
    admin = Api(server.endpoint, server.api_key, http)
    labeled = Labeled(admin, f"access-{uuid.uuid4().hex[:6]}-")
    label = labeled.label_both()[0]["id"]
    keys = {"ADMIN": admin}
    for role in ORGANIZATION_ROLES[1:]:
        keys[role] = Api(server.endpoint, server.create_user(role).api_key, http)
    for role in PROJECT_ROLES:
        user = server.create_user("NONE", projects={labeled.project: role})
        keys[f"project {role}"] = Api(server.endpoint, user.api_key, http)
    keys["project-based, no project"] = Api(
        server.endpoint, server.create_user("NONE").api_key, http
    )
    return World(admin, labeled, label, keys)


Operation = Callable[[World], tuple[str, dict[str, Any]]]


def _project_op(document: str) -> Operation:
    return lambda w: (document, {"id": w.project})


def _tag(w: World) -> tuple[str, dict[str, Any]]:
    return (
        'mutation($text: String!) { createResourceTag(input: {text: $text, color: "#ffffff"})'
        " { id } }",
        {"text": f"tag {next(_tags)} {uuid.uuid4()}"},
    )


WEBHOOK = (
    "mutation($project: WebhookProjectInput) { createWebhook(data: {project: $project,"
    ' topics: {set: [LABEL_CREATED]}, url: "https://hooks.example.com/x", secret: "s"}) { id } }'
)

#: The README's permission table: operation → (what it is, the columns allowed, how the
#: others are refused: AUTHORIZATION_ERROR, or RESOURCE_NOT_FOUND where the object is not
#: visible to them).
ORG_ROLES_ONLY = set(ORGANIZATION_ROLES)
MANAGERS = {"ADMIN", "TEAM_MANAGER"}
PROJECT_MANAGERS = MANAGERS | {"project ADMIN", "project TEAM_MANAGER"}
EVERY_MEMBER_OF_THE_PROJECT = ORG_ROLES_ONLY | {f"project {role}" for role in PROJECT_ROLES}
REVIEWERS = {"ADMIN", "TEAM_MANAGER", "REVIEWER", "project ADMIN", "project TEAM_MANAGER"} | {
    "project REVIEWER"
}
TABLE: dict[str, tuple[Operation, set[str], dict[str, str]]] = {
    "read the organization and yourself": (
        lambda w: ("{ organization { id } user { id } roles { id } }", {}),
        set(COLUMNS),
        {},
    ),
    "read a project": (
        _project_op("query($id: ID!) { project(where: {id: $id}) { id name } }"),
        EVERY_MEMBER_OF_THE_PROJECT,
        {"project-based, no project": "RESOURCE_NOT_FOUND"},
    ),
    "read the catalog (datasets, data rows, metadata)": (
        lambda w: ("{ datasets { id } }", {}),
        ORG_ROLES_ONLY,
        {},
    ),
    "change the catalog": (
        lambda w: ('mutation { createDataset(data: {name: "access"}) { id } }', {}),
        MANAGERS,
        {},
    ),
    "read the catalog (models, slices)": (
        lambda w: ("{ models { id } }", {}),
        ORG_ROLES_ONLY,
        {},
    ),
    "change the catalog (slices)": (
        lambda w: (
            'mutation($f: Json!) { createCatalogSlice(data: {name: "access", filter: $f}) { id } }',
            {"f": [{"type": "external_id", "operator": "is", "value": "x"}]},
        ),
        MANAGERS,
        {},
    ),
    "create projects": (
        lambda w: ('mutation { createProject(data: {name: "access"}) { id } }', {}),
        MANAGERS,
        {},
    ),
    "label (update, delete, import labels)": (
        lambda w: (label_docs.UPDATE_LABEL, {"label": '{"objects": []}', "LabelId": w.label}),
        EVERY_MEMBER_OF_THE_PROJECT,
        {"project-based, no project": "RESOURCE_NOT_FOUND"},
    ),
    "review": (
        lambda w: (
            label_docs.CREATE_REVIEW,
            {"score": 1.0, "label": w.label, "project": w.project},
        ),
        REVIEWERS,
        {},
    ),
    "manage the project (update, delete, set up, export, members, tags)": (
        _project_op(
            'mutation($id: ID!) { updateProject(where: {id: $id}, data: {description: "x"})'
            " { id } }"
        ),
        PROJECT_MANAGERS,
        {},
    ),
    "manage the project's webhooks": (
        lambda w: (WEBHOOK, {"project": {"id": w.project}}),
        PROJECT_MANAGERS,
        {},
    ),
    "manage the organization (members, roles, invites, tags, integrations)": (
        _tag,
        {"ADMIN"},
        {},
    ),
    "manage organization-wide webhooks": (
        lambda w: (WEBHOOK, {"project": None}),
        {"ADMIN"},
        {},
    ),
}


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("row", list(TABLE))
def test_permission_table(world: World, row: str, column: str) -> None:
    operation, allowed, refusals = TABLE[row]
    document, variables = operation(world)
    api = world.keys[column]
    if column in allowed:
        api.data(document, variables)
    else:
        errors = api.errors(document, variables)
        expected = refusals.get(column, "AUTHORIZATION_ERROR")
        assert [e["extensions"]["code"] for e in errors] == [expected], errors
        if expected == "AUTHORIZATION_ERROR":
            assert "You are not allowed to" in errors[0]["message"]


def test_project_based_users_see_only_their_projects(world: World, server: LocalServer) -> None:
    other = world.admin.data('mutation { createProject(data: {name: "not yours"}) { id } }')
    member = world.keys["project LABELER"]
    seen = {p["id"] for p in member.data("{ projects { id } }")["projects"]}
    assert world.project in seen and other["createProject"]["id"] not in seen
    labels = member.data(label_docs.get_project_labels(), {"projectId": world.project})
    assert labels["project"]["labels"]
    outsider = world.keys["project-based, no project"]
    assert outsider.data("{ projects { id } }")["projects"] == []


def test_nobody_grants_a_role_above_their_own(world: World, server: LocalServer) -> None:
    invitee = server.create_user("NONE")
    manager = world.keys["project TEAM_MANAGER"]
    document = (
        "mutation($u: ID!, $r: ID!, $p: ID!) { setProjectMembership(data: {userId: $u,"
        " roleId: $r, projectId: $p}) { id } }"
    )
    variables = {"u": invitee.user_id, "r": ROLE_IDS["Admin"], "p": world.project}
    assert manager.error_codes(document, variables) == ["AUTHORIZATION_ERROR"]
    manager.data(document, {**variables, "r": ROLE_IDS["Reviewer"]})
    reviewer = Api(world.admin.endpoint, invitee.api_key, world.admin.client)
    reviewer.data(
        label_docs.CREATE_REVIEW, {"score": 0.0, "label": world.label, "project": world.project}
    )


def test_membership_changes_reach_a_cached_project_based_caller_at_once(
    world: World, server: LocalServer
) -> None:
    """The server remembers callers for a few seconds; a project-based caller's project
    roles must still change with the very next request."""
    invitee = Api(world.admin.endpoint, server.create_user("NONE").api_key, world.admin.client)
    projects = "{ projects { id } }"
    assert invitee.data(projects)["projects"] == []  # the caller is now remembered
    grant = (
        "mutation($u: ID!, $r: ID!, $p: ID!) { setProjectMembership(data: {userId: $u,"
        " roleId: $r, projectId: $p}) { id } }"
    )
    user_id = invitee.data("{ user { id } }")["user"]["id"]
    variables = {"u": user_id, "r": ROLE_IDS["Labeler"], "p": world.project}
    world.admin.data(grant, variables)
    assert [p["id"] for p in invitee.data(projects)["projects"]] == [world.project]
    world.admin.data(grant, {**variables, "r": ROLE_IDS["None"]})
    assert invitee.data(projects)["projects"] == []


def test_a_removed_user_and_a_revoked_key_stop_working(world: World, server: LocalServer) -> None:
    user = server.create_user("LABELER")
    api = Api(world.admin.endpoint, user.api_key, world.admin.client)
    api.data("{ user { id } }")
    world.admin.data(
        "mutation($id: ID!) { updateUser(where: {id: $id}, data: {deleted: true}) { id } }",
        {"id": user.user_id},
    )
    assert api.post("{ user { id } }").status_code == 401
    second = server.create_user("LABELER")
    key = next(k for k in server.list_keys(second.email))
    server.revoke_key(key.id)
    assert (
        Api(world.admin.endpoint, second.api_key, world.admin.client)
        .post("{ user { id } }")
        .status_code
        == 401
    )


def test_a_labeler_cannot_change_roles_or_invite(world: World) -> None:
    labeler = world.keys["LABELER"]
    me = labeler.data("{ user { id } organization { id } }")
    change = (
        "mutation($u: ID!, $r: ID!) { setOrganizationRole(data: {userId: $u, roleId: $r}) { id } }"
    )
    assert labeler.error_codes(change, {"u": me["user"]["id"], "r": ROLE_IDS["Admin"]}) == [
        "AUTHORIZATION_ERROR"
    ]
    invite = (
        "mutation($data: [CreateInviteInput!]) { createInvites(data: $data) { invite { id } } }"
    )
    item = {
        "inviterId": me["user"]["id"],
        "inviteeEmail": "friend@example.com",
        "organizationId": me["organization"]["id"],
        "organizationRoleId": ROLE_IDS["Labeler"],
        "projects": [],
    }
    assert labeler.error_codes(invite, {"data": [item]}) == ["AUTHORIZATION_ERROR"]
