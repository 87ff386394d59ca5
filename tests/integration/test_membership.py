"""Our SDK against the local server: roles, members and invites, resource tags, IAM
integrations, webhooks (delivered to a loopback receiver and verified), access control and
rate limits."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest

import labelbox as lb
from labelbox import exceptions
from labelbox.schema.iam_integration import AwsIamIntegrationSettings, GcpIamIntegrationSettings
from labelbox.schema.project_resource_tag import ProjectResourceTag
from labelbox.schema.role import ProjectRole
from labelbox.schema.webhook import Webhook
from labelbox_server import LocalServer

from .labeling import annotation, import_labels, set_up

ROLE_IDS = {
    "ADMIN": "cjlvi91a41aab0714677xp87h",
    "TEAM_MANAGER": "cjlvi919q1aa80714b7z3xuku",
    "REVIEWER": "cjlvi919b1aa50714k75euii5",
    "LABELER": "cjlvi914y1aa20714372uvzjv",
    "NONE": "cjmb6xy80f5vz0780u3mw2rj4",
}


@pytest.fixture(scope="module")
def fresh(labelbox_server: LocalServer) -> Iterator[lb.Client]:
    """The admin of an organization of its own (lists hold only what the tests made)."""
    key = labelbox_server.new_organization(name=f"members {uuid.uuid4().hex[:6]}")
    with lb.Client(api_key=key, endpoint=labelbox_server.endpoint) as client:
        yield client


def test_roles_are_global_with_formatted_names(client: lb.Client) -> None:
    roles = client.get_roles()
    assert {key: role.uid for key, role in roles.items()} == ROLE_IDS
    assert all(role.name == key for key, role in roles.items())
    assert isinstance(roles["TEAM_MANAGER"], lb.Role)


def test_invites_members_and_project_roles(fresh: lb.Client, labelbox_server: LocalServer) -> None:
    organization = fresh.get_organization()
    roles = fresh.get_roles()
    one = fresh.create_project(name="one")
    two = fresh.create_project(name="two")
    limit = organization.invite_limit()
    assert isinstance(limit, lb.InviteLimit) and limit.remaining == limit.limit - limit.used
    email = f"pb-{uuid.uuid4().hex[:6]}@example.com"
    invite = organization.invite_user(
        email,
        roles["NONE"],
        project_roles=[ProjectRole(one, roles["LABELER"]), ProjectRole(two, roles["REVIEWER"])],
    )
    assert isinstance(invite, lb.Invite)
    assert invite.email == email and invite.organization_role_name == "None"
    assert {(r.project.uid, r.role.uid) for r in invite.project_roles} == {
        (one.uid, roles["LABELER"].uid),
        (two.uid, roles["REVIEWER"].uid),
    }
    assert organization.invite_limit().used == limit.used + 1
    with pytest.raises(ValueError, match="Project roles cannot be set"):
        organization.invite_user(
            "x@example.com", roles["LABELER"], [ProjectRole(one, roles["LABELER"])]
        )
    with pytest.raises(exceptions.InvalidInputError, match="email"):
        organization.invite_user("not an email", roles["LABELER"])
    with pytest.raises(exceptions.LabelboxError, match="Unable to send invite"):
        organization.invite_user(fresh.get_user().email, roles["LABELER"])

    accepted = labelbox_server.accept_invite(email)
    member = next(u for u in organization.users() if u.uid == accepted.user_id)
    org_role = member.org_role()
    assert isinstance(org_role, lb.schema.role.OrgRole) and org_role.name == "None"
    assert {p.uid for p in member.projects()} == {one.uid, two.uid}
    member.remove_from_project(two)
    assert {p.uid for p in member.projects()} == {one.uid}
    member.upsert_project_role(two, roles["TEAM_MANAGER"])
    members = {m.user().uid: m.role().name for m in two.members()}
    assert members[member.uid] == "Team Manager"
    member.update_org_role(roles["LABELER"])
    assert member.org_role() is not None and member.org_role().name == "Labeler"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="not project based"):
        member.upsert_project_role(one, roles["REVIEWER"])
    organization.remove_user(member)
    assert member.uid not in {u.uid for u in organization.users()}


def test_resource_tags(fresh: lb.Client) -> None:
    organization = fresh.get_organization()
    project = fresh.create_project(name="tagged")
    tag = organization.create_resource_tag({"text": "tag-1", "color": "#ffffff"})
    assert isinstance(tag, lb.ResourceTag) and (tag.text, tag.color) == ("tag-1", "ffffff")
    other = organization.create_resource_tag({"text": "tag-2", "color": "000000"})
    assert [t.uid for t in organization.get_resource_tags()] == [tag.uid, other.uid]
    assert [t.uid for t in project.update_project_resource_tags([other.uid])] == [other.uid]
    assert [t.text for t in project.get_resource_tags()] == ["tag-2"]
    with pytest.raises(ValueError, match="'text' and 'color'"):
        organization.create_resource_tag({"text": "no color"})
    with pytest.raises(exceptions.ResourceConflict):
        organization.create_resource_tag({"text": "tag-1", "color": "ffffff"})


def test_a_tag_lists_the_projects_that_carry_it(
    fresh: lb.Client, labelbox_server: LocalServer
) -> None:
    organization = fresh.get_organization()
    tag = organization.create_resource_tag({"text": "shared-tag", "color": "00ff00"})
    untagged = organization.create_resource_tag({"text": "unused-tag", "color": "0000ff"})
    first, second = fresh.create_project(name="first"), fresh.create_project(name="second")
    fresh.create_project(name="not tagged")
    assert list(tag.project_resource_tag()) == []
    first.update_project_resource_tags([tag.uid])
    second.update_project_resource_tags([untagged.uid, tag.uid])
    links = list(tag.project_resource_tag())
    assert all(isinstance(link, ProjectResourceTag) for link in links)
    assert [(link.project_id, link.resource_tag_id) for link in links] == [
        (first.uid, tag.uid),
        (second.uid, tag.uid),
    ]
    assert len({link.uid for link in links}) == 2
    assert [link.project_id for link in untagged.project_resource_tag()] == [second.uid]
    first.update_project_resource_tags([])
    assert [link.project_id for link in tag.project_resource_tag()] == [second.uid]
    second.delete()
    assert list(tag.project_resource_tag()) == []

    outsider_key = labelbox_server.new_organization(name=f"outsider {uuid.uuid4().hex[:6]}")
    with lb.Client(api_key=outsider_key, endpoint=labelbox_server.endpoint) as outsider:
        stolen = lb.ResourceTag(outsider, {"id": untagged.uid, "text": "x", "color": "000000"})
        with pytest.raises(exceptions.ResourceNotFoundError):
            list(stolen.project_resource_tag())
        with pytest.raises(exceptions.ResourceNotFoundError):
            stolen.update(text="stolen")
    mine = {t.uid: t.text for t in organization.get_resource_tags()}
    assert (mine[tag.uid], mine[untagged.uid]) == ("shared-tag", "unused-tag")


def test_a_tag_is_updated_in_place(fresh: lb.Client) -> None:
    organization = fresh.get_organization()
    tag = organization.create_resource_tag({"text": "before", "color": "111111"})
    organization.create_resource_tag({"text": "taken", "color": "222222"})
    tag.update(text="after", color="#abcdef")
    assert (tag.text, tag.color) == ("after", "abcdef")
    tag.update(color="333333")
    assert (tag.text, tag.color) == ("after", "333333")
    with pytest.raises(exceptions.ResourceConflict):
        tag.update(text="taken")
    with pytest.raises(exceptions.MalformedQueryException, match="color"):
        tag.update(color="not a color")
    stored = next(t for t in organization.get_resource_tags() if t.uid == tag.uid)
    assert (stored.text, stored.color) == ("after", "333333")


def test_iam_integrations_and_dataset_signers(
    fresh: lb.Client, labelbox_server: LocalServer
) -> None:
    organization = fresh.get_organization()
    assert organization.get_default_iam_integration() is None
    assert fresh.create_dataset(name="no signer").iam_integration() is None
    org_id = organization.uid
    labelbox_server.create_iam_integration(
        "aws", "AWS", role_arn="arn:aws:iam::1:role/r", default=True, organization_id=org_id
    )
    labelbox_server.create_iam_integration(
        "gcp",
        "GCP",
        service_account_email_id="sa@x.iam.gserviceaccount.com",
        read_bucket="gs://b",
        organization_id=org_id,
    )
    labelbox_server.create_iam_integration("broken", "AWS", valid=False, organization_id=org_id)
    found = {i.name: i for i in organization.get_iam_integrations()}
    assert found["aws"].settings == AwsIamIntegrationSettings(role_arn="arn:aws:iam::1:role/r")
    assert found["gcp"].settings == GcpIamIntegrationSettings(
        service_account_email_id="sa@x.iam.gserviceaccount.com", read_bucket="gs://b"
    )
    default = organization.get_default_iam_integration()
    assert default is not None and default.name == "aws" and default.provider == "AWS"
    signed = fresh.create_dataset(name="default signer")
    assert signed.iam_integration() is not None and signed.iam_integration().uid == default.uid  # type: ignore[union-attr]
    gcp = fresh.create_dataset(name="gcp", iam_integration=found["gcp"])
    assert gcp.iam_integration().name == "gcp"  # type: ignore[union-attr]
    assert fresh.create_dataset(name="none", iam_integration=None).iam_integration() is None
    with pytest.raises(ValueError, match="not valid"):
        fresh.create_dataset(name="broken", iam_integration=found["broken"])
    with pytest.raises(exceptions.InvalidInputError, match="iam_integration"):
        fresh.create_dataset(name="wrong", iam_integration="gcp")
    assert "broken" not in {d.name for d in fresh.get_datasets()}


def test_webhooks_are_created_updated_and_deleted(fresh: lb.Client) -> None:
    project = fresh.create_project(name="hooks")
    url = "https:/" + uuid.uuid4().hex
    topics = [Webhook.LABEL_CREATED, Webhook.LABEL_DELETED]
    webhook = Webhook.create(fresh, topics, url, "secret", project)
    assert webhook.project() == project
    assert webhook.organization() == fresh.get_organization()
    assert webhook.created_by() == fresh.get_user()
    assert (webhook.url, webhook.topics, webhook.status) == (url, topics, Webhook.ACTIVE)
    assert list(project.webhooks()) == [webhook]
    assert webhook in set(fresh.get_organization().webhooks())
    webhook.update(status=Webhook.REVOKED, topics=[Webhook.Topic.LABEL_UPDATED])
    assert (webhook.topics, webhook.status) == ([Webhook.LABEL_UPDATED], Webhook.REVOKED)
    webhook.update(url=url + "/update")
    assert webhook.url == url + "/update"
    organization_wide = Webhook.create(fresh, [Webhook.REVIEW_CREATED], url, "secret", None)
    assert organization_wide.project() is None
    organization_wide.delete()
    assert organization_wide.status == Webhook.INACTIVE
    statuses = {item.value for item in Webhook.Status}
    with pytest.raises(ValueError) as error:
        webhook.update(status="invalid..")
    assert str(error.value) == (
        f"Value `invalid..` does not exist in supported values. Expected one of {statuses}"
    )
    with pytest.raises(TypeError, match="Topics must be List"):
        Webhook.create(fresh, "LABEL_CREATED", url, "secret", project)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="secret"):
        Webhook.create(fresh, topics, url, "", project)
    with pytest.raises(ValueError, match="url"):
        Webhook.create(fresh, topics, "ftp://x.example.com", "secret", project)
    assert list(project.webhooks()) == [webhook]


def test_a_webhook_receives_signed_label_events(client: lb.Client) -> None:
    from server.webhook_receiver import WebhookReceiver  # tests/server

    receiver = WebhookReceiver()
    try:
        setup = set_up(client, ["https://x.example/a.jpg"])
        Webhook.create(client, [Webhook.LABEL_CREATED], receiver.url, "s3cret", setup.project)
        row = setup.rows[0]
        import_labels(
            client, setup.project, [annotation(row, name="point", point={"x": 1, "y": 2})]
        )
        [request] = receiver.wait_for(1)
        assert request.signed_with("s3cret") and request.topic == "LABEL_CREATED"
        assert request.json["dataRow"]["id"] == row.uid
    finally:
        receiver.close()


def test_roles_are_enforced_with_authorization_errors(
    client: lb.Client, labelbox_server: LocalServer
) -> None:
    project = client.create_project(name="enforced")
    labeler = labelbox_server.clients(lb.Client, "LABELER")["LABELER"]
    with labeler:
        theirs = labeler.get_project(project.uid)
        with pytest.raises(exceptions.AuthorizationError, match="TEAM_MANAGER"):
            theirs.update(name="mine")
        with pytest.raises(exceptions.AuthorizationError):
            theirs.delete()
        with pytest.raises(exceptions.AuthorizationError):
            labeler.create_dataset(name="nope")
        with pytest.raises(exceptions.AuthorizationError):
            Webhook.create(labeler, [Webhook.LABEL_CREATED], "https://h.example.com", "s", theirs)
        with pytest.raises(exceptions.AuthorizationError):
            labeler.get_organization().invite_user("a@example.com", labeler.get_roles()["LABELER"])
        me = labeler.get_user()
        with pytest.raises(exceptions.AuthorizationError):
            me.update_org_role(labeler.get_roles()["ADMIN"])
    assert client.get_project(project.uid).name == "enforced"


def test_our_sdk_waits_out_a_rate_limit() -> None:
    with LocalServer(serve_args=["--rate-limit", "60"]) as server:
        with lb.Client(api_key=server.api_key, endpoint=server.endpoint) as client:
            started = time.monotonic()
            for _ in range(62):  # a full bucket of 60, then refused until one refills
                client.get_user()
            elapsed = time.monotonic() - started
        assert elapsed >= 0.9  # the 61st waited for Retry-After (1 s) before succeeding
