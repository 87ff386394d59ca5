"""`ConsensusSettings`: how many labels a batch's data rows get."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel
from typing_extensions import TypedDict


class ConsensusSettingsDict(TypedDict):
    """Consensus settings as the API has them."""

    numberOfLabels: int
    coveragePercentage: float


class ConsensusSettings(BaseModel):
    """`coverage_percentage` (0 to 1) of a batch's data rows get `number_of_labels` labels.

    >>> ConsensusSettings(number_of_labels=3, coverage_percentage=0.1)
    """

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True)

    number_of_labels: int = Field(ge=1, strict=True)
    coverage_percentage: float = Field(ge=0, le=1)
