"""`Query.iamIntegrations`, `Mutation.setSignerForDataset/validateDataset`, `Dataset.signer`
and the `IAMIntegration` type (its `settings` by provider)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType, UnionType

from ..db.models import Dataset, IAMIntegration
from ..domain import access, iam_integrations, store
from .access import requires
from .context import Info, request_context
from .datasets import dataset_type
from .root import mutation, query

integration_type = ObjectType("IAMIntegration")
settings_type = UnionType("IAMIntegrationSettings")


@query.field("iamIntegrations")
@requires(access.READ_CATALOG)
def resolve_iam_integrations(_root: Any, info: Info) -> Sequence[IAMIntegration]:
    ctx = request_context(info)
    return iam_integrations.list_integrations(ctx.session, ctx.caller)


@mutation.field("setSignerForDataset")
@requires(access.EDIT_CATALOG)
def resolve_set_signer(
    _root: Any, info: Info, data: dict[str, Any], where: dict[str, Any]
) -> Dataset:
    ctx = request_context(info)
    return iam_integrations.set_signer(ctx.session, ctx.caller, where["id"], data["signer_id"])


@mutation.field("validateDataset")
@requires(access.EDIT_CATALOG)
def resolve_validate_dataset(_root: Any, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    valid, checks = iam_integrations.validate_dataset(ctx.session, ctx.caller, where["id"])
    return {"valid": valid, "checks": checks}


@dataset_type.field("signer")
def resolve_signer(dataset: Dataset, info: Info) -> IAMIntegration | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, IAMIntegration, dataset.signer_id)


@integration_type.field("settings")
def resolve_settings(integration: IAMIntegration, _info: Info) -> dict[str, Any]:
    if integration.provider == "GCP":
        return {
            "__typename": "GcpIamIntegrationSettings",
            "service_account_email_id": integration.service_account_email_id,
            "read_bucket": integration.read_bucket,
        }
    return {"__typename": "AwsIamIntegrationSettings", "role_arn": integration.role_arn}


@settings_type.type_resolver
def resolve_settings_type(settings: dict[str, Any], *_: Any) -> str:
    return str(settings["__typename"])
