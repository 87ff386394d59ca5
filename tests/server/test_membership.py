"""Members, invites, resource tags, IAM integrations and rate limits over raw HTTP, with the
official SDK's documents."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, update

from labelbox_server import LocalServer
from labelbox_server.db.models import Organization

from . import sdk_documents as docs
from .conftest import Api

CREATE_INVITES = (
    "mutation createInvitesPyApi($data: [CreateInviteInput!]){\n"
    "            createInvites(data: $data){  invite { id createdAt organizationRoleName"
    " inviteeEmail inviter { createdAt email intercomHash isExternalUser isViewer nickname name"
    " picture id updatedAt } }}}"
)
PROJECT_INVITES = (
    "query GetProjectInvitationsPyApi($from: ID, $first: PageSize, $projectId: ID!) {\n"
    "    project(where: {id: $projectId}) {id\n"
    "    invites(from: $from, first: $first) { nodes { createdAt inviteeEmail"
    " organizationRoleName id\n    projectInvites { projectId projectRoleName } } nextCursor}}}"
)
ORG_INVITES = (
    "query GetOrgInvitationsPyApi($from: ID, $first: PageSize) {\n"
    "            organization { id invites(from: $from, first: $first) {\n"
    "                nodes { id createdAt organizationRoleName inviteeEmail } nextCursor }}}"
)
CANCEL_INVITE = (
    "mutation CancelInvitePyApi($where: WhereUniqueIdInput!) {\n"
    "            cancelInvite(where: $where) {id}}"
)
INVITES_LIMIT = (
    "query InvitesLimitPyApi($organizationId: ID!) {\n"
    "            invitesLimit(where: {id: $organizationId}) { used limit remaining }\n        }"
)
CREATE_TAG = (
    "mutation CreateResourceTagPyApi($text:String!,$color:String!) {\n"
    "            createResourceTag(input:{text:$text,color:$color}) {color text id}}"
)
ORG_TAGS = "query GetOrganizationResourceTagsPyApi{organization{resourceTag{color text id}}}"
UPDATE_PROJECT_TAGS = (
    "mutation UpdateProjectResourceTagsPyApi($projectId:ID!,$resourceTagIds:[String!]) {\n"
    "            project(where:{id:$projectId}){\n"
    "            updateProjectResourceTags(input:{resourceTagIds:$resourceTagIds}){color text id}}}"
)
DELETE_TAG = (
    "mutation deleteResourceTagPyApi($tag_id: String!) {\n"
    "            deleteResourceTag(input: {id: $tag_id}) {id}}"
)
ALL_INTEGRATIONS = (
    "query getAllIntegrationsPyApi { iamIntegrations {\n"
    "            createdAt isOrgDefault lastValidAt name provider id updatedAt valid\n"
    "            settings {\n            __typename\n"
    "            ... on AwsIamIntegrationSettings {roleArn}\n"
    "            ... on GcpIamIntegrationSettings {serviceAccountEmailId readBucket}\n"
    "            }\n\n          } } "
)
SET_SIGNER = (
    "mutation setSignerForDatasetPyApi($signerId: ID!, $datasetId: ID!) {\n"
    "                    setSignerForDataset(data: { signerId: $signerId}, where: {id:"
    " $datasetId}){id}}"
)
VALIDATE = (
    "mutation validateDatasetPyApi($id: ID!){validateDataset(where: {id : $id}){\n"
    "                    valid checks{name, success}}}"
)
SET_ORG_ROLE = (
    "mutation SetOrganizationRolePyApi($userId: ID!, $roleId: ID!) {"
    " setOrganizationRole(data: {userId: $userId, roleId: $roleId}) { id name }}"
)
SET_MEMBERSHIP = (
    "mutation SetProjectMembershipPyApi($userId: ID!, $roleId: ID!, $projectId: ID!) {\n"
    "                setProjectMembership(data: {userId: $userId, roleId: $roleId,"
    " projectId: $projectId}) {id}}"
)
DELETE_MEMBER = (
    "mutation DeleteMemberPyApi($userId: ID!) {\n"
    "            updateUser(where: {id: $userId}, data: {deleted: true}) { id deleted }\n        }"
)


def _roles(api: Api) -> dict[str, str]:
    return {
        r["name"].upper().replace(" ", "_"): r["id"]
        for r in api.data("{ roles { id name } }")["roles"]
    }


def _project(api: Api, name: str) -> str:
    created: str = api.data(
        "mutation($n: String!) { createProject(data: {name: $n}) { id } }", {"n": name}
    )["createProject"]["id"]
    return created


def _invite(api: Api, email: str, role: str, projects: Sequence[tuple[str, str]] = ()) -> Any:
    me = api.data(docs.GET_USER)["user"]["id"]
    organization = api.data(docs.GET_ORGANIZATION)["organization"]["id"]
    item = {
        "inviterId": me,
        "inviteeEmail": email,
        "organizationId": organization,
        "organizationRoleId": role,
        "projects": [{"projectId": p, "projectRoleId": r} for p, r in projects],
    }
    return api.post(CREATE_INVITES, {"data": [item]}).json()


def test_invites_with_project_roles_are_listed_accepted_and_cancelled(
    server: LocalServer, fresh_api: Api
) -> None:
    api = fresh_api
    roles = _roles(api)
    first, second = _project(api, "one"), _project(api, "two")
    organization = api.data(docs.GET_ORGANIZATION)["organization"]["id"]
    limit_before = api.data(INVITES_LIMIT, {"organizationId": organization})["invitesLimit"]
    email = f"invitee-{uuid.uuid4().hex[:8]}@example.com"
    body = _invite(
        api, email, roles["NONE"], [(first, roles["LABELER"]), (second, roles["REVIEWER"])]
    )
    invite = body["data"]["createInvites"][0]["invite"]
    assert invite["inviteeEmail"] == email and invite["organizationRoleName"] == "None"
    assert invite["inviter"]["id"] == api.data(docs.GET_USER)["user"]["id"]
    limit = api.data(INVITES_LIMIT, {"organizationId": organization})["invitesLimit"]
    assert limit["used"] == limit_before["used"] + 1
    assert limit["remaining"] == limit["limit"] - limit["used"]

    listed = api.data(PROJECT_INVITES, {"projectId": first, "first": 100})["project"]["invites"]
    assert [n["id"] for n in listed["nodes"]] == [invite["id"]]
    assert sorted(
        (p["projectId"], p["projectRoleName"]) for p in listed["nodes"][0]["projectInvites"]
    ) == sorted([(first, "Labeler"), (second, "Reviewer")])
    org = api.data(ORG_INVITES, {"first": 100})["organization"]["invites"]
    assert invite["id"] in [n["id"] for n in org["nodes"]]

    accepted = server.accept_invite(email)
    member = Api(api.endpoint, accepted.api_key, api.client)
    assert {p["id"] for p in member.data("{ projects { id } }")["projects"]} == {first, second}
    assert api.data(PROJECT_INVITES, {"projectId": first})["project"]["invites"]["nodes"] == []

    again = f"again-{uuid.uuid4().hex[:8]}@example.com"
    cancelled = _invite(api, again, roles["LABELER"])["data"]["createInvites"][0]["invite"]
    api.data(CANCEL_INVITE, {"where": {"id": cancelled["id"]}})
    assert cancelled["id"] not in [
        n["id"] for n in api.data(ORG_INVITES)["organization"]["invites"]["nodes"]
    ]


def test_bad_invites_name_the_field(fresh_api: Api, server: LocalServer) -> None:
    api = fresh_api
    roles = _roles(api)
    project = _project(api, "p")
    [error] = _invite(api, "not an email", roles["LABELER"])["errors"]
    assert error["extensions"]["code"] == "MALFORMED_REQUEST"
    assert "inviteeEmail" in error["message"]
    [error] = _invite(api, "x@example.com", roles["LABELER"], [(project, roles["LABELER"])])[
        "errors"
    ]
    assert error["extensions"]["code"] == "MALFORMED_REQUEST" and "projects" in error["message"]
    [error] = _invite(api, "x@example.com", "no-such-role")["errors"]
    assert error["extensions"]["code"] == "RESOURCE_NOT_FOUND"
    assert "organizationRoleId" in error["message"]
    me = api.data(docs.GET_USER)["user"]["email"]
    assert _invite(api, me, roles["LABELER"])["data"]["createInvites"] == [{"invite": None}]

    organization = api.data(docs.GET_ORGANIZATION)["organization"]["id"]
    engine = create_engine(server.database_url)
    with engine.begin() as connection:
        connection.execute(
            update(Organization).where(Organization.id == organization).values(invite_limit=2)
        )
    engine.dispose()
    assert "data" in _invite(api, "first@example.com", roles["LABELER"])
    [error] = _invite(api, "second@example.com", roles["LABELER"])["errors"]
    assert error["extensions"]["code"] == "OPERATION_NOT_ALLOWED"
    assert "Invite limit" in error["message"]
    limit = api.data(INVITES_LIMIT, {"organizationId": organization})["invitesLimit"]
    assert limit == {"used": 2, "limit": 2, "remaining": 0}


def test_members_roles_and_removal(fresh_api: Api) -> None:
    api = fresh_api
    roles = _roles(api)
    project = _project(api, "members")
    made = api.data(
        'mutation MakeNewUserPyApi { addMembersToOrganization( data: { emails: ["pb-'
        + uuid.uuid4().hex[:6]
        + '@example.com"], orgRoleId: "'
        + roles["NONE"]
        + '", projectRoles: [] } ) { newUserId } }'
    )["addMembersToOrganization"]
    user = made[0]["newUserId"]
    org_role = api.data(
        "query GetUserOrgRolePyApi($param_0: ID!){user(where: {id: $param_0}){orgRole{name id}}}",
        {"param_0": user},
    )
    assert org_role["user"]["orgRole"] == {"name": "None", "id": roles["NONE"]}
    api.data(SET_MEMBERSHIP, {"userId": user, "roleId": roles["REVIEWER"], "projectId": project})
    members = api.data(
        "query($id: ID!) { project(where: {id: $id}) { members { user { id } role { name }"
        " accessFrom } } }",
        {"id": project},
    )["project"]["members"]
    assert {(m["user"]["id"], m["role"]["name"], m["accessFrom"]) for m in members} >= {
        (user, "Reviewer", "PROJECT")
    }
    assert any(m["accessFrom"] == "ORGANIZATION" for m in members)  # the creator, an admin
    api.data(SET_MEMBERSHIP, {"userId": user, "roleId": roles["NONE"], "projectId": project})
    members = api.data(
        "query($id: ID!) { project(where: {id: $id}) { members { user { id } } } }", {"id": project}
    )["project"]["members"]
    assert user not in [m["user"]["id"] for m in members]

    api.data(SET_ORG_ROLE, {"userId": user, "roleId": roles["TEAM_MANAGER"]})
    errors = api.errors(
        SET_MEMBERSHIP, {"userId": user, "roleId": roles["LABELER"], "projectId": project}
    )
    assert (
        errors[0]["extensions"]["code"] == "MALFORMED_REQUEST" and "userId" in errors[0]["message"]
    )
    me = api.data(docs.GET_USER)["user"]["id"]
    assert api.error_codes(SET_ORG_ROLE, {"userId": me, "roleId": roles["LABELER"]}) == [
        "OPERATION_NOT_ALLOWED"
    ]
    assert api.error_codes(DELETE_MEMBER, {"userId": me}) == ["OPERATION_NOT_ALLOWED"]
    assert api.data(DELETE_MEMBER, {"userId": user})["updateUser"] == {"id": user, "deleted": True}
    users = api.data(docs.GET_ORGANIZATION_USERS)["organization"]["users"]
    assert user not in [u["id"] for u in users]


def test_resource_tags(fresh_api: Api) -> None:
    api = fresh_api
    project = _project(api, "tagged")
    tag = api.data(CREATE_TAG, {"text": "tag-1", "color": "#ffffff"})["createResourceTag"]
    assert tag["color"] == "ffffff" and tag["text"] == "tag-1"
    assert api.error_codes(CREATE_TAG, {"text": "tag-1", "color": "000000"}) == [
        "RESOURCE_CONFLICT"
    ]
    assert api.error_codes(CREATE_TAG, {"text": "tag-2", "color": "white"}) == ["MALFORMED_REQUEST"]
    other = api.data(CREATE_TAG, {"text": "tag-2", "color": "abc"})["createResourceTag"]
    assert api.data(ORG_TAGS)["organization"]["resourceTag"] == [tag, other]
    set_tags = api.data(UPDATE_PROJECT_TAGS, {"projectId": project, "resourceTagIds": [tag["id"]]})
    assert set_tags["project"]["updateProjectResourceTags"] == [tag]
    read = "query($id: ID!) { project(where: {id: $id}) { resourceTags { color text id } } }"
    assert api.data(read, {"id": project})["project"]["resourceTags"] == [tag]
    assert api.error_codes(
        UPDATE_PROJECT_TAGS, {"projectId": project, "resourceTagIds": ["nope"]}
    ) == ["RESOURCE_NOT_FOUND"]
    assert api.data(read, {"id": project})["project"]["resourceTags"] == [tag]
    api.data(DELETE_TAG, {"tag_id": tag["id"]})
    assert api.data(read, {"id": project})["project"]["resourceTags"] == []
    assert api.data(ORG_TAGS)["organization"]["resourceTag"] == [other]


def test_iam_integrations_and_signers(server: LocalServer, fresh_api: Api) -> None:
    api = fresh_api
    organization = api.data(docs.GET_ORGANIZATION)["organization"]["id"]
    assert api.data(ALL_INTEGRATIONS)["iamIntegrations"] == []
    aws = server.create_iam_integration(
        "aws", "AWS", role_arn="arn:aws:iam::1:role/x", default=True, organization_id=organization
    )
    gcp = server.create_iam_integration(
        "gcp",
        "GCP",
        service_account_email_id="sa@p.iam.gserviceaccount.com",
        read_bucket="gs://b",
        valid=False,
        organization_id=organization,
    )
    found = {i["id"]: i for i in api.data(ALL_INTEGRATIONS)["iamIntegrations"]}
    assert found[aws]["settings"] == {
        "__typename": "AwsIamIntegrationSettings",
        "roleArn": "arn:aws:iam::1:role/x",
    }
    assert found[gcp]["settings"]["__typename"] == "GcpIamIntegrationSettings"
    assert found[aws]["isOrgDefault"] and not found[gcp]["isOrgDefault"]
    assert found[aws]["valid"] and not found[gcp]["valid"]
    dataset_id = api.data('mutation { createDataset(data: {name: "signed"}) { id } }')[
        "createDataset"
    ]["id"]
    api.data(SET_SIGNER, {"signerId": aws, "datasetId": dataset_id})
    assert api.data(VALIDATE, {"id": dataset_id})["validateDataset"]["valid"] is True
    signer = "query($id: ID!) { dataset(where: {id: $id}) { signer { id name } } }"
    assert api.data(signer, {"id": dataset_id})["dataset"]["signer"] == {"id": aws, "name": "aws"}
    api.data(SET_SIGNER, {"signerId": gcp, "datasetId": dataset_id})
    assert api.data(VALIDATE, {"id": dataset_id})["validateDataset"]["valid"] is False


@pytest.fixture(scope="module")
def limited(new_database_url: Callable[[], str | None]) -> Iterator[LocalServer]:
    with LocalServer(database_url=new_database_url(), serve_args=["--rate-limit", "3"]) as local:
        yield local


def test_rate_limits_answer_429_with_retry_after(limited: LocalServer) -> None:
    http = httpx.Client(timeout=30)
    api = Api(limited.endpoint, limited.api_key, http)
    statuses = [api.post("{ user { id } }").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.post("{ user { id } }")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.json()["message"].startswith("You have exceeded")
    unlimited = limited.create_user("LABELER", rate_limit=0)
    free = Api(limited.endpoint, unlimited.api_key, http)
    assert {free.post("{ user { id } }").status_code for _ in range(10)} == {200}
    own = limited.create_user("LABELER", rate_limit=1)
    tight = Api(limited.endpoint, own.api_key, http)
    assert [tight.post("{ user { id } }").status_code for _ in range(2)] == [200, 429]
