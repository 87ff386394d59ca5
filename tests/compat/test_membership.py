"""The official SDK's membership, resource-tag, IAM and webhook flows against our server,
as its own test-suite runs them (fixtures `project_based_user`, `queries` included)."""

from __future__ import annotations

import subprocess
import uuid

import pytest
from server_process import Server

import labelbox
from labelbox import Dataset, Project, User, Webhook
from labelbox.schema.role import ProjectRole


def _cli(server: Server, *args: str) -> str:
    out = subprocess.run(
        [server.bin, *args, "--data-dir", str(server.data_dir)],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def test_roles_have_formatted_names_and_fixed_ids(client: labelbox.Client) -> None:
    roles = client.get_roles()
    assert roles["TEAM_MANAGER"].name == "TEAM_MANAGER"
    assert roles["ADMIN"].uid == "cjlvi91a41aab0714677xp87h"
    assert roles["NONE"].uid == "cjmb6xy80f5vz0780u3mw2rj4"


def test_webhook_create_update(project: Project) -> None:
    client = project.client
    url = "https:/" + uuid.uuid4().hex
    secret = uuid.uuid4().hex
    topics = [Webhook.LABEL_CREATED, Webhook.LABEL_DELETED]
    webhook = Webhook.create(client, topics, url, secret, project)
    assert webhook.project() == project
    assert webhook.organization() == client.get_organization()
    assert webhook.url == url
    assert webhook.topics == topics
    assert webhook.status == Webhook.ACTIVE
    assert list(project.webhooks()) == [webhook]
    assert webhook in set(client.get_organization().webhooks())
    webhook.update(status=Webhook.REVOKED, topics=[Webhook.LABEL_UPDATED])
    assert webhook.topics == [Webhook.LABEL_UPDATED]
    assert webhook.status == Webhook.REVOKED
    with pytest.raises(ValueError):
        webhook.update(status="invalid..")
    webhook.update(url="/".join([url, "/update"]))
    assert webhook.url == "/".join([url, "/update"])
    webhook.delete()
    assert webhook.status == Webhook.INACTIVE


def test_update_project_resource_tags(client: labelbox.Client, project: Project) -> None:
    organization = client.get_organization()
    text = "tag " + uuid.uuid4().hex[:6]
    tag = organization.create_resource_tag({"text": text, "color": "#ffffff"})
    assert tag.text == text and tag.color == "ffffff"
    assert tag.uid in [t.uid for t in organization.get_resource_tags()]
    updated = project.update_project_resource_tags([tag.uid])
    assert [t.uid for t in updated] == [tag.uid]
    deleted = client.execute(
        """mutation deleteResourceTagPyApi($tag_id: String!) {
            deleteResourceTag(input: {id: $tag_id}) {id}}""",
        {"tag_id": tag.uid},
    )
    assert deleted["deleteResourceTag"]["id"] == tag.uid
    assert project.update_project_resource_tags([]) == []


def test_project_invite_and_cancel(client: labelbox.Client) -> None:
    organization = client.get_organization()
    project_1 = client.create_project(name="invite 1")
    project_2 = client.create_project(name="invite 2")
    roles = client.get_roles()
    invite_limit = organization.invite_limit()
    assert invite_limit.remaining > 0
    organization.invite_user(
        f"none-{uuid.uuid4().hex[:6]}@labelbox.com",
        roles["NONE"],
        project_roles=[
            ProjectRole(project=project_1, role=roles["LABELER"]),
            ProjectRole(project=project_2, role=roles["REVIEWER"]),
        ],
    )
    result = client.execute(
        """query GetProjectInvitationsPyApi($from: ID, $first: PageSize, $projectId: ID!) {
        project(where: {id: $projectId}) {id
        invites(from: $from, first: $first) { nodes { createdAt inviteeEmail organizationRoleName id
        projectInvites { projectId projectRoleName } } nextCursor}}}""",
        {"projectId": project_1.uid, "from": None, "first": 100},
    )
    [node] = result["project"]["invites"]["nodes"]
    invite = labelbox.Invite(client, node)
    assert {(r.project.uid, r.role.uid) for r in invite.project_roles} == {
        (project_1.uid, roles["LABELER"].uid),
        (project_2.uid, roles["REVIEWER"].uid),
    }
    members = [m for m in project_1.members() if m.user().uid == client.get_user().uid]
    assert len(members) == 1 and members[0].role().name.upper() == roles["ADMIN"].name.upper()
    client.execute(
        """mutation CancelInvitePyApi($where: WhereUniqueIdInput!) {
            cancelInvite(where: $where) {id}}""",
        {"where": {"id": invite.uid}},
        experimental=True,
    )
    left = client.execute(
        """query GetOrgInvitationsPyApi($from: ID, $first: PageSize) {
            organization { id invites(from: $from, first: $first) {
                nodes { id createdAt organizationRoleName inviteeEmail } nextCursor }}}""",
        {"from": None, "first": 100},
        experimental=True,
    )
    assert invite.uid not in [n["id"] for n in left["organization"]["invites"]["nodes"]]


def test_project_based_user_management(client: labelbox.Client, project: Project) -> None:
    roles = client.get_roles()
    email = f"pb-{uuid.uuid4().hex[:6]}@labelbox.com"
    made = client.execute(
        'mutation MakeNewUserPyApi { addMembersToOrganization( data: { emails: ["EMAIL"], '
        'orgRoleId: "ROLE", projectRoles: [] } ) { newUserId } }'.replace("EMAIL", email).replace(
            "ROLE", roles["NONE"].uid
        )
    )
    user = client._get_single(User, made["addMembersToOrganization"][0]["newUserId"])
    assert user.email == email and user.org_role().name.upper() == "NONE"
    user.upsert_project_role(project, roles["LABELER"])
    assert [p.uid for p in user.projects()] == [project.uid]
    user.remove_from_project(project)
    assert list(user.projects()) == []
    user.update_org_role(roles["REVIEWER"])
    assert user.org_role().name == "Reviewer"
    with pytest.raises(ValueError):
        user.upsert_project_role(project, roles["LABELER"])
    client.get_organization().remove_user(user)
    assert user.uid not in [u.uid for u in client.get_organization().users()]


def test_iam_integrations(client: labelbox.Client, server: Server) -> None:
    organization = client.get_organization()
    plain = client.create_dataset(name="no delegated access", iam_integration=None)
    assert plain.iam_integration() is None
    name = "aws " + uuid.uuid4().hex[:6]
    _cli(server, "iam-integration", "create", "--name", name, "--role-arn", "arn:aws:iam::1:role/x")
    integration = next(i for i in organization.get_iam_integrations() if i.name == name)
    assert integration.provider == "AWS" and integration.valid
    assert integration.settings.role_arn == "arn:aws:iam::1:role/x"
    dataset: Dataset = client.create_dataset(name="signed", iam_integration=integration)
    assert dataset.iam_integration().uid == integration.uid


def test_a_labeler_is_refused(client: labelbox.Client, server: Server, project: Project) -> None:
    key = _cli(server, "create-user", "--role", "LABELER")
    labeler = labelbox.Client(api_key=key, endpoint=server.endpoint)
    theirs = labeler.get_project(project.uid)
    with pytest.raises(labelbox.exceptions.AuthorizationError):
        theirs.update(name="mine")
    with pytest.raises(labelbox.exceptions.AuthorizationError):
        labeler.create_dataset(name="nope")
    with pytest.raises(labelbox.exceptions.AuthorizationError):
        Webhook.create(labeler, [Webhook.LABEL_CREATED], "https://h.example.com", "s", theirs)
