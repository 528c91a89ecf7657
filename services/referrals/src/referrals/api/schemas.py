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
from noncoop_shared.web.examples import (
    CASE_ID,
    COURT_REQUEST,
    DECIDED_AT,
    DECISION,
    EVENT_ID,
    PERSON,
    REQUESTED_STATE,
    with_examples,
)
from referrals.projections.case_view import CaseView


class CourtDecisionSubmission(CommandBody):
    """A Court decision regarding non-cooperation, as the Court's IT system submits it."""

    model_config = with_examples(
        {
            "decision": DECISION,
            "requested_state": REQUESTED_STATE,
            "court_request": COURT_REQUEST,
            "persons_concerned": [PERSON],
            "occurred_at": DECIDED_AT,
        }
    )

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

    model_config = with_examples(
        {
            "reference": "ICC-02/05-01/09-266",
            "date": "2016-07-11",
            "chamber": "Pre-Trial Chamber II",
            "addressees": ["assembly", "security_council"],
            "subject": "The visit of a person subject to a warrant of arrest to a State Party",
            "state_concerned": {
                "name": "Republic of Djibouti",
                "code": "DJI",
                "status": "state_party",
            },
            "court_request": COURT_REQUEST,
            "persons_concerned": [PERSON],
        }
    )

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

    model_config = with_examples(
        {
            "reference": "ICC-02/05-01/09-320",
            "date": "2018-03-02",
            "chamber": "Pre-Trial Chamber II",
            "outcome": "no_finding",
            "summary": "No finding: the person did not enter the territory of the State.",
        }
    )

    reference: str = Field(min_length=1, max_length=200)
    date: BusinessDate
    chamber: str = Field(min_length=1, max_length=200)
    outcome: Literal["no_finding", "not_referred"] = "no_finding"
    summary: str = Field(default="", max_length=4000)


class UrgentIncidentReport(CommandBody):
    """A 7(b) report: a specific and serious incident, imminent or on-going (S7, S7fn4)."""

    model_config = with_examples(
        {
            "requested_state": REQUESTED_STATE,
            "court_request": COURT_REQUEST,
            "persons_concerned": [PERSON],
            "urgency": "imminent",
            "urgency_reason": "The person is expected in Amman on 29 March 2017 for the Arab "
            "League summit.",
            "occurred_at": "2017-03-20T09:00:00Z",
        }
    )

    requested_state: RequestedState
    court_request: CourtRequest | None = None
    persons_concerned: list[PersonConcerned] = Field(default_factory=list, max_length=100)
    urgency: Urgency | None = Field(default=None, description="imminent or ongoing (S7fn4)")
    urgency_reason: str | None = Field(default=None, max_length=4000)


class CourtReferralOfUrgentCase(CommandBody):
    """The Court refers a matter that was handled as 7(b) (S7b-to-7a)."""

    model_config = with_examples({"decision": DECISION, "requested_state_code": "JOR"})

    decision: CourtDecision
    requested_state_code: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


class DecisionChangeKind(StrEnum):
    AMENDED = "amended"
    REVERSED = "reversed"
    WITHDRAWN = "withdrawn"


class CourtDecisionChangeSubmission(CommandBody):
    model_config = with_examples(
        {
            "kind": "reversed",
            "decision_reference": "ICC-02/05-01/09-309",
            "change_reference": "ICC-02/05-01/09-397",
            "change_date": "2019-05-06",
            "summary": "The Appeals Chamber reversed the referral of Jordan's non-compliance to "
            "the Assembly and the Security Council.",
            "referred_to_security_council": False,
        }
    )

    kind: DecisionChangeKind
    decision_reference: str = Field(min_length=1, max_length=200)
    change_reference: str = Field(min_length=1, max_length=200)
    change_date: BusinessDate
    summary: str = Field(default="", max_length=4000)
    referred_to_security_council: bool | None = None


class ForwardingRecord(CommandBody):
    model_config = with_examples({"communication_reference": "ICC-ASP/16/SP/78"})

    communication_reference: str = Field(
        min_length=1, max_length=200, description="e.g. the note verbale's reference"
    )


class PressReleaseRecord(CommandBody):
    model_config = with_examples(
        {
            "reference": "ICC-ASP-20171213-PR1351",
            "title": "President of the Assembly reacts to the Court's finding of non-compliance",
        }
    )

    reference: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=500)


class ClosureRecord(CommandBody):
    model_config = with_examples(
        {"reason": "decision_reversed", "note": "Appeals Chamber judgment ICC-02/05-01/09-397"}
    )

    reason: ClosureReason
    note: str = Field(default="", max_length=4000)


class PersonalDataErasure(CommandBody):
    model_config = with_examples({"reason": "Registry request ICC-RR-2026-114"})

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
    model_config = with_examples(
        {
            "case_id": CASE_ID,
            "stream_version": 1,
            "events": [
                {
                    "id": EVENT_ID,
                    "type": "noncoop.referrals.court_decision_received.v1",
                    "classification": "public",
                }
            ],
        }
    )

    case_id: str
    stream_version: int = Field(description="pass as consistent_with=<case_id>:<version>")
    events: list[RecordedEvent]


class CaseSummary(BaseModel):
    model_config = with_examples(
        {
            "case_id": CASE_ID,
            "requested_state_code": "JOR",
            "requested_state_name": "Hashemite Kingdom of Jordan",
            "scenario": "7a",
            "status": "open",
            "opened_on": "2017-12-11",
            "updated_at": "2017-12-12T10:02:11Z",
            "version": 3,
        }
    )

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
