"""Events of the referrals service: the case register (docs/procedures.md S4-S8, P13).

Every stream is ``case:<case id>``; the Kafka key is the case id. Default classifications follow
docs/procedures.md, Confidentiality: the Court's decision as published and the press release are
public; the forwarding to States Parties is for States Parties; an urgent 7(b) report is informal
and restricted; deadline tracking is the Bureau's. The deciding code may raise a classification
per event (never lower it), e.g. closing a case known only as 7(b) stays restricted.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.base import EventPayload, event, upcaster
from noncoop_shared.catalogue.common import (
    CourtDecision,
    CourtRequest,
    PersonConcerned,
    RequestedState,
)
from noncoop_shared.rules import Rule

SERVICE = "referrals"
CASE_STREAM_PREFIX = "case:"


def case_stream(case_id: str) -> str:
    return f"{CASE_STREAM_PREFIX}{case_id}"


class _CaseOpened(EventPayload):
    case_id: str
    requested_state: RequestedState
    court_request: CourtRequest
    persons_concerned: list[PersonConcerned] = Field(default_factory=list)


@event(
    service=SERVICE,
    name="court_decision_received",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P13,
)
class CourtDecisionReceived(_CaseOpened):
    """A Court decision referring non-cooperation to the Assembly opened a 7(a) case."""

    decision: CourtDecision
    forwarding_due_at: datetime = Field(description="P13-forward service level")
    press_release_due_at: datetime = Field(description="P13-press service level")


@event(
    service=SERVICE,
    name="court_finding_recorded_for_information",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P13,
)
class CourtFindingRecordedForInformationV1(_CaseOpened):
    """Version 1, read through ``_finding_v1_to_v2``: a finding about a requested State that
    was not addressed to the Assembly."""

    decision: CourtDecision
    why_no_procedure: Literal["referred_to_security_council_only", "not_referred"]


WhyNoProcedure = Literal[
    "referred_to_security_council_only", "not_referred", "not_a_requested_state"
]


@event(
    service=SERVICE,
    name="court_finding_recorded_for_information",
    version=2,
    classification=Classification.PUBLIC,
    rule=Rule.P13,
)
class CourtFindingRecordedForInformation(_CaseOpened):
    """A Court finding recorded for information only: no procedure, no deadline, in the public
    register (P13; S8). Either it is not addressed to the Assembly, or it concerns a State that
    is not a requested State (S4), e.g. a non-party State bound by a Security Council
    resolution; the Bureau report has a section on such States (S8).

    v2 adds ``not_a_requested_state`` to ``why_no_procedure`` (a new value is breaking for a
    v1 reader) and the two Security Council fields."""

    decision: CourtDecision
    why_no_procedure: WhyNoProcedure
    bound_by_security_council_resolution: bool = Field(
        default=False,
        description="S8: the State is a non-party State bound by a Security Council resolution",
    )
    security_council_resolution: str | None = Field(
        default=None,
        max_length=200,
        description="the resolution that binds the State, e.g. S/RES/1593 (2005)",
        examples=["S/RES/1593 (2005)"],
    )


@upcaster("noncoop.referrals.court_finding_recorded_for_information", from_version=1)
def _finding_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    # v1 only recorded findings about requested States: the new fields keep their defaults.
    return dict(data)


class InformedAddressee(StrEnum):
    """Whom a Court decision informs (S-info)."""

    ASSEMBLY = "assembly"
    SECURITY_COUNCIL = "security_council"


@event(
    service=SERVICE,
    name="court_information_recorded",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.S_INFO,
)
class CourtInformationRecorded(EventPayload):
    """S-info: a Court decision that informs the Assembly and/or the Security Council (e.g. of
    a visit of a person subject to a warrant) without referring non-cooperation. Recorded for
    information only, with its addressees: it opens no procedure (P13 needs a referral)."""

    case_id: str
    reference: str = Field(min_length=1, max_length=200, examples=["ICC-02/05-01/09-266"])
    date: dt.date
    chamber: str = Field(min_length=1, max_length=200)
    addressees: list[InformedAddressee] = Field(min_length=1, max_length=2)
    subject: str = Field(
        min_length=1,
        max_length=2000,
        description="what the Court informs of, e.g. a visit of a person subject to a warrant",
    )
    state_concerned: RequestedState | None = Field(
        default=None, description="the State the decision is about, whatever its status"
    )
    court_request: CourtRequest | None = None
    persons_concerned: list[PersonConcerned] = Field(default_factory=list)
    related_case_id: str | None = Field(
        default=None, max_length=64, description="a case of the register it relates to"
    )


class Urgency(StrEnum):
    IMMINENT = "imminent"
    ONGOING = "ongoing"


@event(
    service=SERVICE,
    name="urgent_incident_reported",
    version=1,
    classification=Classification.RESTRICTED,
    rule=Rule.S7,
)
class UrgentIncidentReported(_CaseOpened):
    """A specific and serious incident of non-cooperation, imminent or on-going (7(b), S7fn4)."""

    urgency: Urgency
    urgency_reason: str = Field(min_length=1, max_length=4000)


@event(
    service=SERVICE,
    name="case_continued_under_court_referral",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.S7B_TO_7A,
)
class CaseContinuedUnderCourtReferral(EventPayload):
    """The Court referred a matter handled as 7(b): the same case continues under 7(a)."""

    case_id: str
    decision: CourtDecision
    forwarding_due_at: datetime
    press_release_due_at: datetime
    requested_state: RequestedState | None = Field(
        default=None,
        description="the case's requested State, so the register and reports name it for a "
        "continued case (absent on events recorded before it was added)",
    )


@event(
    service=SERVICE,
    name="court_decided_without_finding",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.S7B_NO_FINDING,
)
class CourtDecidedWithoutFinding(EventPayload):
    """S7b-no-finding: the Court decided on a matter handled as 7(b) and made no finding of
    non-cooperation, or decided not to refer it. The 7(b) case stays open until it is closed
    citing this decision (``CaseClosed.court_decision_reference``). Restricted while the case
    is known only as 7(b) (the deciding code raises it)."""

    case_id: str
    reference: str = Field(min_length=1, max_length=200)
    date: dt.date
    chamber: str = Field(min_length=1, max_length=200)
    outcome: Literal["no_finding", "not_referred"]
    summary: str = Field(default="", max_length=4000)


class _CourtDecisionChange(EventPayload):
    case_id: str
    decision_reference: str = Field(description="the decision that is changed")
    change_reference: str = Field(min_length=1, max_length=200, description="e.g. appeal judgment")
    change_date: date
    summary: str = Field(default="", max_length=4000)
    procedure_effect: Literal["continues", "ends"] = Field(
        description="what follows for the procedure: the remaining steps continue, or stop"
    )


@event(
    service=SERVICE,
    name="court_decision_amended",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P13,
)
class CourtDecisionAmended(_CourtDecisionChange):
    referred_to_security_council: bool | None = Field(
        default=None, description="set when the amendment changes the Security Council referral"
    )


@event(
    service=SERVICE,
    name="court_decision_reversed",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P13,
)
class CourtDecisionReversed(_CourtDecisionChange):
    pass


@event(
    service=SERVICE,
    name="court_decision_withdrawn",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P13,
)
class CourtDecisionWithdrawn(_CourtDecisionChange):
    pass


@event(
    service=SERVICE,
    name="decision_forwarded_to_states_parties",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P13_FORWARD,
)
class DecisionForwardedToStatesParties(EventPayload):
    case_id: str
    communication_reference: str = Field(min_length=1, max_length=200)
    due_at: datetime
    late: bool = Field(description="forwarded after the service level had passed")


@event(
    service=SERVICE,
    name="decision_forwarding_overdue",
    version=1,
    classification=Classification.BUREAU,
    rule=Rule.P13_FORWARD,
)
class DecisionForwardingOverdue(EventPayload):
    case_id: str
    due_at: datetime


@event(
    service=SERVICE,
    name="press_release_issued",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P13_PRESS,
)
class PressReleaseIssued(EventPayload):
    case_id: str
    reference: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=500)
    due_at: datetime
    late: bool


@event(
    service=SERVICE,
    name="press_release_overdue",
    version=1,
    classification=Classification.BUREAU,
    rule=Rule.P13_PRESS,
)
class PressReleaseOverdue(EventPayload):
    case_id: str
    due_at: datetime


class ClosureReason(StrEnum):
    COOPERATION_OBTAINED = "cooperation_obtained"
    DECISION_REVERSED = "decision_reversed"
    DECISION_WITHDRAWN = "decision_withdrawn"
    COURT_MADE_NO_FINDING = "court_made_no_finding"
    """S7b-no-finding: a 7(b) case closed citing the Court's decision without a finding."""
    OTHER = "other"


@event(service=SERVICE, name="case_closed", version=1, classification=Classification.PUBLIC)
class CaseClosedV1(EventPayload):
    """Version 1, read through ``_closed_v1_to_v2``."""

    case_id: str
    reason: Literal["cooperation_obtained", "decision_reversed", "decision_withdrawn", "other"]
    note: str = Field(default="", max_length=4000)


@event(service=SERVICE, name="case_closed", version=2, classification=Classification.PUBLIC)
class CaseClosed(EventPayload):
    """The case's procedure ended. v2 adds the reason ``court_made_no_finding`` (a new value
    is breaking for a v1 reader) and the Court decision the closure cites."""

    case_id: str
    reason: ClosureReason
    note: str = Field(default="", max_length=4000)
    court_decision_reference: str | None = Field(
        default=None,
        max_length=200,
        description="the Court decision the closure cites (S7b-no-finding)",
    )


@upcaster("noncoop.referrals.case_closed", from_version=1)
def _closed_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    return dict(data)


@event(
    service=SERVICE,
    name="case_personal_data_erased",
    version=1,
    classification=Classification.RESTRICTED,
)
class CasePersonalDataErased(EventPayload):
    """The case's data key was deleted (crypto-shredding, ADR 0011): the personal data of every
    event of the case, whichever service recorded it, is unreadable from now on; hashes, the
    chain and checkpoints are untouched. Who and when are the envelope's actor and time."""

    case_id: str
    reason: str = Field(min_length=1, max_length=2000, description="why, e.g. the request's ref")
