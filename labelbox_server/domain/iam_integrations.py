"""IAM integrations (delegated access): how Labelbox reaches a customer's bucket.

The local server cannot assume a cloud role, so it only records integrations (created by
its operator: `labelbox-server iam-integration create`, `LocalServer.create_iam_integration`),
lets datasets name one as their signer (`setSignerForDataset`), and validates a dataset by
its signer's `valid` flag. At most one integration is the organization's default.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db.models import Dataset, IAMIntegration
from ..errors import MalformedRequest
from . import clock, ids, store
from .context import Caller

PROVIDERS = ("AWS", "GCP")


def list_integrations(session: Session, caller: Caller) -> Sequence[IAMIntegration]:
    """The organization's integrations, oldest first."""
    stmt = store.scoped(caller, IAMIntegration).where(IAMIntegration.deleted.is_(False))
    return session.scalars(stmt.order_by(IAMIntegration.created_at, IAMIntegration.id)).all()


def create_integration(
    session: Session,
    caller: Caller,
    *,
    name: str,
    provider: str,
    role_arn: str | None = None,
    service_account_email_id: str | None = None,
    read_bucket: str | None = None,
    valid: bool = True,
    default: bool = False,
) -> IAMIntegration:
    """A new integration (AWS with `role_arn`, GCP with a service account and bucket); with
    `default`, the organization's default from now on."""
    provider = provider.upper()
    if provider not in PROVIDERS:
        raise MalformedRequest(f"provider: {provider!r} is not one of {', '.join(PROVIDERS)}")
    now = clock.now()
    if default:
        session.execute(
            update(IAMIntegration)
            .where(store.in_scope(caller, IAMIntegration))
            .values(is_org_default=False)
        )
    integration = IAMIntegration(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        name=name,
        provider=provider,
        role_arn=role_arn if provider == "AWS" else None,
        service_account_email_id=service_account_email_id if provider == "GCP" else None,
        read_bucket=read_bucket if provider == "GCP" else None,
        valid=valid,
        is_org_default=default,
        last_valid_at=now if valid else None,
        created_at=now,
        updated_at=now,
        deleted=False,
    )
    session.add(integration)
    session.flush()
    return integration


def set_signer(session: Session, caller: Caller, dataset_id: str, signer_id: str) -> Dataset:
    """Make an integration the dataset's signer."""
    dataset = store.get(session, caller, Dataset, dataset_id)
    signer = store.get(session, caller, IAMIntegration, signer_id, name="IAMIntegration")
    dataset.signer_id = signer.id
    dataset.updated_at = clock.now()
    session.flush()
    return dataset


def validate_dataset(
    session: Session, caller: Caller, dataset_id: str
) -> tuple[bool, list[dict[str, object]]]:
    """Whether the dataset's signer can sign (its `valid` flag), with the checks made."""
    dataset = store.get(session, caller, Dataset, dataset_id)
    signer = store.find(session, caller, IAMIntegration, dataset.signer_id)
    checks: list[dict[str, object]] = [{"name": "signer", "success": signer is not None}]
    if signer is not None:
        checks.append({"name": "integration valid", "success": signer.valid})
    return all(check["success"] for check in checks), checks
