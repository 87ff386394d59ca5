"""Isolation cases of members, invites, resource tags, IAM integrations and webhooks (used by
`test_isolation_every_field`): the owner's objects, their snapshot, one case per field."""

from __future__ import annotations

from typing import Any

from labelbox_server import LocalServer

from . import sdk_documents as docs
from .conftest import Api
from .isolation_common import NOT_FOUND, Check, Owner, not_found

MEMBER_WEBHOOK = "createdAt status topics id updatedAt url project { id }"


def member_objects(
    api: Api, server: LocalServer, organization_id: str, project_id: str, dataset_id: str
) -> dict[str, str]:
    """A project-based member, a pending invite, a tag on the project, the dataset's
    signer, and a webhook of the project."""
    member = server.create_user(
        "NONE", organization_id=organization_id, projects={project_id: "LABELER"}
    )
    roles = {r["name"]: r["id"] for r in api.data("{ roles { id name } }")["roles"]}
    me = api.data(docs.GET_USER)["user"]["id"]
    invite = api.data(
        "mutation($data: [CreateInviteInput!]) { createInvites(data: $data) { invite { id } } }",
        {
            "data": [
                {
                    "inviterId": me,
                    "inviteeEmail": f"invitee-{organization_id}@example.com",
                    "organizationId": organization_id,
                    "organizationRoleId": roles["Labeler"],
                    "projects": [],
                }
            ]
        },
    )["createInvites"][0]["invite"]["id"]
    tag = api.data(
        'mutation { createResourceTag(input: {text: "owned", color: "ffffff"}) { id } }'
    )["createResourceTag"]["id"]
    api.data(
        "mutation($p: ID!, $t: [String!]) { project(where: {id: $p})"
        " { updateProjectResourceTags(input: {resourceTagIds: $t}) { id } } }",
        {"p": project_id, "t": [tag]},
    )
    signer = server.create_iam_integration("owned", organization_id=organization_id)
    api.data(
        "mutation($s: ID!, $d: ID!) { setSignerForDataset(data: {signerId: $s}, where: {id: $d})"
        " { id } }",
        {"s": signer, "d": dataset_id},
    )
    webhook = api.data(
        "mutation($p: ID!) { createWebhook(data: {project: {id: $p}, topics: {set: [LABEL_CREATED]},"
        ' url: "https://hooks.example.com/owned", secret: "owned"}) { id } }',
        {"p": project_id},
    )["createWebhook"]["id"]
    return {
        "member": member.user_id,
        "invite": invite,
        "tag": tag,
        "signer": signer,
        "webhook": webhook,
        "labeler_role": roles["Labeler"],
        "admin_role": roles["Admin"],
    }


def member_snapshot(owner: Owner) -> dict[str, Any]:
    api = owner.api
    return {
        "organization": api.data(
            "{ organization { webhooks { "
            + MEMBER_WEBHOOK
            + " } resourceTag { id text color } invites { nodes { id inviteeEmail } } } }"
        ),
        "project_members": api.data(
            "query($id: ID!) { project(where: {id: $id}) { resourceTags { id }"
            " members { id role { id } } webhooks { id url status topics } } }",
            {"id": owner["project"]},
        ),
        "member_role": api.data(
            "query($id: ID!) { user(where: {id: $id}) { orgRole { id } } }",
            {"id": owner["member"]},
        ),
        "signer": api.data(
            "query($id: ID!) { dataset(where: {id: $id}) { signer { id valid } } }",
            {"id": owner["dataset"]},
        ),
        "limit": api.data(
            "query($id: ID!) { invitesLimit(where: {id: $id}) { used limit remaining } }",
            {"id": owner["organization"]},
        ),
    }


def _check_invites(intruder: Api, owner: Owner) -> None:
    me = intruder.data(docs.GET_USER)["user"]["id"]
    item = {
        "inviterId": me,
        "inviteeEmail": "stolen@example.com",
        "organizationId": owner["organization"],
        "organizationRoleId": owner["labeler_role"],
        "projects": [{"projectId": owner["project"], "projectRoleId": owner["labeler_role"]}],
    }
    document = (
        "mutation($data: [CreateInviteInput!]) { createInvites(data: $data) { invite { id } } }"
    )
    assert intruder.error_codes(document, {"data": [item]}) == NOT_FOUND


def _check_add_members(intruder: Api, owner: Owner) -> None:
    document = (
        'mutation($p: ID!, $r: ID!) { addMembersToOrganization(data: {emails: ["x@example.com"],'
        " orgRoleId: $r, projectRoles: [{projectId: $p, roleId: $r}]}) { newUserId } }"
    )
    assert intruder.error_codes(document, {"p": owner["project"], "r": owner["labeler_role"]}) == (
        NOT_FOUND
    )


def _check_create_tag(intruder: Api, owner: Owner) -> None:
    created = intruder.data(
        'mutation { createResourceTag(input: {text: "owned", color: "#000000"}) { id } }'
    )["createResourceTag"]
    assert created["id"] != owner["tag"]


MEMBER_CASES: dict[str, Check] = {
    "Query.webhook": not_found(
        "query($id: ID!) { webhook(where: {id: $id}) { id url } }", lambda o: {"id": o["webhook"]}
    ),
    "Query.invitesLimit": not_found(
        "query($id: ID!) { invitesLimit(where: {id: $id}) { used } }",
        lambda o: {"id": o["organization"]},
    ),
    "Query.resourceTag": not_found(
        "query($id: ID!) { resourceTag(where: {id: $id}) { id projectResourceTag { projectId } } }",
        lambda o: {"id": o["tag"]},
    ),
    "Mutation.createInvites": _check_invites,
    "Mutation.cancelInvite": not_found(
        "mutation($where: WhereUniqueIdInput!) { cancelInvite(where: $where) { id } }",
        lambda o: {"where": {"id": o["invite"]}},
    ),
    "Mutation.addMembersToOrganization": _check_add_members,
    "Mutation.setOrganizationRole": not_found(
        "mutation($u: ID!, $r: ID!) { setOrganizationRole(data: {userId: $u, roleId: $r}) { id } }",
        lambda o: {"u": o["member"], "r": o["admin_role"]},
    ),
    "Mutation.setProjectMembership": not_found(
        "mutation($u: ID!, $r: ID!, $p: ID!) { setProjectMembership(data: {userId: $u,"
        " roleId: $r, projectId: $p}) { id } }",
        lambda o: {"u": o["member"], "r": o["admin_role"], "p": o["project"]},
    ),
    "Mutation.updateUser": not_found(
        "mutation($id: ID!) { updateUser(where: {id: $id}, data: {deleted: true}) { id } }",
        lambda o: {"id": o["member"]},
    ),
    "Mutation.createResourceTag": _check_create_tag,
    "Mutation.updateResourceTag": not_found(
        'mutation($id: ID!) { updateResourceTag(where: {id: $id}, data: {text: "stolen",'
        ' color: "000000"}) { id } }',
        lambda o: {"id": o["tag"]},
    ),
    "Mutation.deleteResourceTag": not_found(
        "mutation($id: String!) { deleteResourceTag(input: {id: $id}) { id } }",
        lambda o: {"id": o["tag"]},
    ),
    "Mutation.setSignerForDataset": not_found(
        "mutation($s: ID!, $d: ID!) { setSignerForDataset(data: {signerId: $s}, where: {id: $d})"
        " { id } }",
        lambda o: {"s": o["signer"], "d": o["dataset"]},
    ),
    "Mutation.validateDataset": not_found(
        "mutation($id: ID!) { validateDataset(where: {id: $id}) { valid } }",
        lambda o: {"id": o["dataset"]},
    ),
    "Mutation.createWebhook": not_found(
        "mutation($p: ID!) { createWebhook(data: {project: {id: $p}, topics: {set: [LABEL_CREATED]},"
        ' url: "https://stolen.example.com", secret: "x"}) { id } }',
        lambda o: {"p": o["project"]},
    ),
    "Mutation.updateWebhook": not_found(
        'mutation($id: ID!) { updateWebhook(where: {id: $id}, data: {url: "https://stolen.example.com",'
        " status: INACTIVE}) { id } }",
        lambda o: {"id": o["webhook"]},
    ),
}
