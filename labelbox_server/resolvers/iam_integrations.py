"""`Query.iamIntegrations` and `Dataset.signer`.

The local server stores no delegated-access integrations (it cannot assume a
cloud role), so an organization has none and datasets have no signer.
"""

from __future__ import annotations

from typing import Any

from .context import Info
from .datasets import dataset_type
from .root import query


@query.field("iamIntegrations")
def resolve_iam_integrations(_root: Any, _info: Info) -> list[Any]:
    return []


@dataset_type.field("signer")
def resolve_signer(_dataset: Any, _info: Info) -> None:
    return None
