"""Vendor vetting: the facts a business checked about a vendor, and what its policy requires.

Pure data and checks: whether an approved vendor meets `vetting.require`,
when its review falls due, and a hash of its facts that each decision
records, so the log shows under which review a call was made.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, PositiveInt, field_validator


class VettingFacts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    dpa_signed: date | None = None  # the data-processing agreement, when signed
    retention_days: NonNegativeInt | None = None  # how long the vendor keeps what it is sent
    trains_on_customer_data: bool | None = None
    processing_regions: list[str] = Field(default_factory=list)  # e.g. [eu], [us, eu]
    certifications: list[str] = Field(default_factory=list)  # e.g. [iso27001, soc2]
    reviewed_by: str | None = None
    reviewed_on: date | None = None
    review_every_days: PositiveInt | None = None
    notes: str | None = None

    @field_validator("processing_regions", "certifications")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [item.strip().lower() for item in value]

    def next_review(self) -> date | None:
        if self.reviewed_on is None or self.review_every_days is None:
            return None
        return self.reviewed_on + timedelta(days=self.review_every_days)

    def overdue(self, today: date) -> bool:
        due = self.next_review()
        return due is not None and today > due

    def digest(self) -> str:
        """A short hash of these facts: the review a decision relied on."""
        material = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return "sha256:" + hashlib.sha256(material.encode()).hexdigest()[:16]


class OnOverdue(StrEnum):
    WARN = "warn"
    BLOCK = "block"


# What `vetting.require` may ask for; `region:<name>` as well.
REQUIREMENTS = ("dpa_signed", "no_training", "retention_stated", "reviewed", "certified")


class Vetting(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    require: list[str] = Field(default_factory=list)
    on_overdue: OnOverdue = OnOverdue.WARN

    @field_validator("require")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        for item in value:
            if item not in REQUIREMENTS and not (item.startswith("region:") and len(item) > 7):
                raise ValueError(
                    f"unknown requirement {item!r}; use {', '.join(REQUIREMENTS)} or region:<name>"
                )
        return value


def unmet(facts: VettingFacts | None, require: list[str]) -> list[str]:
    """The requirements `facts` does not meet, in plain words."""
    facts = facts or VettingFacts()
    missing = []
    for item in require:
        if item == "dpa_signed" and facts.dpa_signed is None:
            missing.append("no signed data-processing agreement (dpa_signed)")
        elif item == "no_training" and facts.trains_on_customer_data is not False:
            missing.append("not confirmed that it does not train on customer data")
        elif item == "retention_stated" and facts.retention_days is None:
            missing.append("no retention period stated (retention_days)")
        elif item == "reviewed" and facts.reviewed_on is None:
            missing.append("never reviewed (reviewed_on)")
        elif item == "certified" and not facts.certifications:
            missing.append("no certifications listed")
        elif item.startswith("region:"):
            region = item.split(":", 1)[1].lower()
            if not facts.processing_regions or set(facts.processing_regions) - {region}:
                missing.append(f"processing not confined to {region} (processing_regions)")
    return missing
