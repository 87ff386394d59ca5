"""`IAMIntegration`: delegated access to a customer's bucket (AWS role or GCP service
account), and its settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from labelbox._generated.entities import IAMIntegrationBase

if TYPE_CHECKING:
    from pydantic import BaseModel

    from labelbox.client import Client


@dataclass
class AwsIamIntegrationSettings:
    """The AWS role Labelbox assumes."""

    role_arn: str | None


@dataclass
class GcpIamIntegrationSettings:
    """The GCP service account Labelbox uses, and the bucket it reads."""

    service_account_email_id: str | None
    read_bucket: str | None


IAMIntegrationSettings = AwsIamIntegrationSettings | GcpIamIntegrationSettings


class IAMIntegration(IAMIntegrationBase):
    """An integration of the organization (`organization.get_iam_integrations()`):
    `name`, `provider`, `valid`, `is_org_default`, `last_valid_at`, and `settings` (an
    `AwsIamIntegrationSettings` or `GcpIamIntegrationSettings`, or None). Give one to
    `client.create_dataset(iam_integration=...)` to make it the dataset's signer."""

    _DEFAULT = "DEFAULT"

    def __init__(self, client: Client, field_values: BaseModel | Mapping[str, Any]) -> None:
        super().__init__(client, field_values)
        raw = (
            field_values.get("settings")
            if isinstance(field_values, Mapping)
            else getattr(field_values, "settings", None)
        )
        self.settings: IAMIntegrationSettings | None = _settings(raw)


def _settings(raw: Any) -> IAMIntegrationSettings | None:
    if raw is None:
        return None
    values = raw if isinstance(raw, Mapping) else raw.model_dump(by_alias=True)
    kind = values.get("__typename") or values.get("typename")
    if kind == "AwsIamIntegrationSettings":
        return AwsIamIntegrationSettings(role_arn=values.get("roleArn"))
    if kind == "GcpIamIntegrationSettings":
        return GcpIamIntegrationSettings(
            service_account_email_id=values.get("serviceAccountEmailId"),
            read_bucket=values.get("readBucket"),
        )
    return None
