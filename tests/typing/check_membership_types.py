"""Static types of members, roles, invites, resource tags, IAM integrations and webhooks."""

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

import labelbox as lb
from labelbox.orm.managers import RelationshipManager, ToOneManager
from labelbox.pagination import PaginatedCollection
from labelbox.schema.iam_integration import IAMIntegrationSettings
from labelbox.schema.project_resource_tag import ProjectResourceTag
from labelbox.schema.role import OrgRole, ProjectRole


def check_roles_and_members(client: lb.Client, project: lb.Project) -> None:
    roles = client.get_roles()
    assert_type(roles, dict[str, lb.Role])
    role = roles["LABELER"]
    assert_type(role.name, str)
    organization = client.get_organization()
    invite = organization.invite_user("a@example.com", roles["NONE"], [ProjectRole(project, role)])
    assert_type(invite, lb.Invite)
    assert_type(invite.email, str)
    assert_type(invite.organization_role_name, str)
    assert_type(invite.created_at, datetime)
    assert_type(invite.project_roles, list[ProjectRole])
    assert_type(organization.invite_limit(), lb.InviteLimit)
    assert_type(organization.invite_limit().remaining, int)
    user = client.get_user()
    assert_type(user.org_role, ToOneManager[OrgRole])
    assert_type(user.org_role(), OrgRole | None)
    assert_type(user.projects, RelationshipManager[lb.Project])
    assert_type(user.update_org_role(role), None)
    assert_type(user.upsert_project_role(project, role), None)
    assert_type(user.remove_from_project(project), None)
    assert_type(organization.remove_user(user), None)
    organization.invite_user("a@example.com", "LABELER")  # type: ignore[arg-type]


def check_tags_and_integrations(client: lb.Client, project: lb.Project) -> None:
    organization = client.get_organization()
    tag = organization.create_resource_tag({"text": "t", "color": "ffffff"})
    assert_type(tag, lb.ResourceTag)
    assert_type(tag.text, str)
    assert_type(tag.color, str)
    assert_type(organization.get_resource_tags(), list[lb.ResourceTag])
    assert_type(project.update_project_resource_tags([tag.uid]), list[lb.ResourceTag])
    assert_type(project.get_resource_tags(), list[lb.ResourceTag])
    links = tag.project_resource_tag()
    assert_type(links, PaginatedCollection[ProjectResourceTag])
    assert_type(next(iter(links)).project_id, str)
    assert_type(tag.update(text="t2", color="000000"), None)
    integrations = organization.get_iam_integrations()
    assert_type(integrations, list[lb.IAMIntegration])
    assert_type(organization.get_default_iam_integration(), lb.IAMIntegration | None)
    integration = integrations[0]
    assert_type(integration.valid, bool)
    assert_type(integration.is_org_default, bool)
    assert_type(integration.last_valid_at, datetime | None)
    assert_type(integration.settings, IAMIntegrationSettings | None)
    dataset = client.create_dataset(name="d", iam_integration=integration)
    assert_type(dataset.iam_integration(), lb.IAMIntegration | None)


def check_webhooks(client: lb.Client, project: lb.Project) -> None:
    webhook = lb.Webhook.create(client, [lb.Webhook.Topic.LABEL_CREATED], "https://h", "s", project)
    assert_type(webhook, lb.Webhook)
    assert_type(webhook.url, str)
    assert_type(webhook.topics, list[lb.Webhook.Topic])
    assert_type(webhook.status, lb.Webhook.Status)
    assert_type(webhook.project(), lb.Project | None)
    assert_type(webhook.organization(), lb.Organization)
    assert_type(project.webhooks, RelationshipManager[lb.Webhook])
    assert_type(client.get_organization().webhooks, RelationshipManager[lb.Webhook])
    assert_type(webhook.update(status=lb.Webhook.Status.INACTIVE), None)
    assert_type(webhook.delete(), None)
    webhook.update(topics="LABEL_CREATED")  # type: ignore[arg-type]
    webhook.update(url=1)  # type: ignore[arg-type]
    lb.Webhook.create(client, "LABEL_CREATED", "https://h", "s", project)  # type: ignore[arg-type]
    webhook.update(topics=("LABEL_CREATED", lb.Webhook.Topic.REVIEW_CREATED))
