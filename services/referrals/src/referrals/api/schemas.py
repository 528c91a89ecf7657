"""Request and response bodies of the referrals API (the Court's IT systems are clients: keep
these stable; add optional fields only)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from noncoop_shared.business_time import BusinessDate
from noncoop_shared.catalogue.common import (
    CourtDecision,
    CourtRequest,
    PersonConcerned,
    RequestedState,
)
from noncoop_shared.catalogue.referrals import ClosureReason, InformedAddressee, Urgency
from noncoop_shared.web.commands import CommandBody
from referrals.projections.case_view import CaseView


class CourtDecisionSubmission(CommandBody):
    """A Court decision regarding non-cooperation, as the Court's IT system submits it."""

    decision: CourtDecision
    requested_state: RequestedState
    court_request: CourtRequest | None = Field(
        default=None, description="The specific request for cooperation (S4; required by S5)."
    )
    persons_concerned: list[PersonConcerned] = Field(default_factory=list, max_length=100)
    security_council_resolution: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="S8: the Security Council resolution that binds a non-party State (the "
        "finding is then recorded for information only)",
        examples=["S/RES/1593 (2005)"],
    )


class CourtInformationSubmission(CommandBody):
    """S-info: a Court decision that informs the Assembly and/or the Security Council (e.g. of
    a visit of a person subject to a warrant) without referring non-cooperation."""

    reference: str = Field(min_length=1, max_length=200, examples=["ICC-02/05-01/09-266"])
    date: BusinessDate
    chamber: str = Field(min_length=1, max_length=200)
    addressees: list[InformedAddressee] = Field(min_length=1, max_length=2)
    subject: str = Field(min_length=1, max_length=2000)
    state_concerned: RequestedState | None = None
    court_request: CourtRequest | None = None
    persons_concerned: list[PersonConcerned] = Field(default_factory=list, max_length=100)
    related_case_id: str | None = Field(default=None, pattern=r"^[0-9a-f-]{36}$")


class CourtDecisionWithoutFindingSubmission(CommandBody):
    """S7b-no-finding: the Court decided on a 7(b) matter without a finding (or not to refer)."""

    reference: str = Field(min_length=1, max_length=200)
    date: BusinessDate
    chamber: str = Field(min_length=1, max_length=200)
    outcome: Literal["no_finding", "not_referred"] = "no_finding"
    summary: str = Field(default="", max_length=4000)


class UrgentIncidentReport(CommandBody):
    """A 7(b) report: a specific and serious incident, imminent or on-going (S7, S7fn4)."""

    requested_state: RequestedState
    court_request: CourtRequest | None = None
    persons_concerned: list[PersonConcerned] = Field(default_factory=list, max_length=100)
    urgency: Urgency | None = Field(default=None, description="imminent or ongoing (S7fn4)")
    urgency_reason: str | None = Field(default=None, max_length=4000)


class CourtReferralOfUrgentCase(CommandBody):
    """The Court refers a matter that was handled as 7(b) (S7b-to-7a)."""

    decision: CourtDecision
    requested_state_code: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


class DecisionChangeKind(StrEnum):
    AMENDED = "amended"
    REVERSED = "reversed"
    WITHDRAWN = "withdrawn"


class CourtDecisionChangeSubmission(CommandBody):
    kind: DecisionChangeKind
    decision_reference: str = Field(min_length=1, max_length=200)
    change_reference: str = Field(min_length=1, max_length=200)
    change_date: BusinessDate
    summary: str = Field(default="", max_length=4000)
    referred_to_security_council: bool | None = None


class ForwardingRecord(CommandBody):
    communication_reference: str = Field(
        min_length=1, max_length=200, description="e.g. the note verbale's reference"
    )


class PressReleaseRecord(CommandBody):
    reference: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=500)


class ClosureRecord(CommandBody):
    reason: ClosureReason
    note: str = Field(default="", max_length=4000)


class PersonalDataErasure(CommandBody):
    reason: str = Field(
        min_length=1,
        max_length=2000,
        description="why the personal data is erased (e.g. the reference of the request)",
    )


class RecordedEvent(BaseModel):
    id: str
    type: str
    classification: str


class CommandAccepted(BaseModel):
    case_id: str
    stream_version: int = Field(description="pass as consistent_with=<case_id>:<version>")
    events: list[RecordedEvent]


class CaseSummary(BaseModel):
    case_id: str
    requested_state_code: str | None
    requested_state_name: str | None
    scenario: str | None
    status: str | None
    opened_on: date | None
    updated_at: datetime | None
    version: int


class CaseList(BaseModel):
    items: list[CaseSummary]
    next_cursor: str | None = Field(description="pass as cursor= for the next page")
    consistent: bool = Field(
        description="false when consistent_with was given and the register had not caught up"
    )


Scenario = Literal["7a", "7b", "7b_continued_as_7a", "information_only", "court_information"]
Status = Literal["open", "closed", "information_only"]

__all__ = ["CaseView"]
