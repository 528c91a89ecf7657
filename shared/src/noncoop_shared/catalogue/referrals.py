"""Events of the referrals service: the case register (docs/procedures.md S4-S8, P13).

Every stream is ``case:<case id>``; the Kafka key is the case id. Default classifications follow
docs/procedures.md, Confidentiality: the Court's decision as published and the press release are
public; the forwarding to States Parties is for States Parties; an urgent 7(b) report is informal
and restricted; deadline tracking is the Bureau's. The deciding code may raise a classification
per event (never lower it), e.g. closing a case known only as 7(b) stays restricted.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.base import EventPayload, event
from noncoop_shared.catalogue.common import (
    CourtDecision,
    CourtRequest,
    PersonConcerned,
    RequestedState,
)

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
    rule="P13",
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
    rule="P13",
)
class CourtFindingRecordedForInformation(_CaseOpened):
    """A Court finding not addressed to the Assembly: it appears in reports, opens no procedure."""

    decision: CourtDecision
    why_no_procedure: Literal["referred_to_security_council_only", "not_referred"]


class Urgency(StrEnum):
    IMMINENT = "imminent"
    ONGOING = "ongoing"


@event(
    service=SERVICE,
    name="urgent_incident_reported",
    version=1,
    classification=Classification.RESTRICTED,
    rule="S7",
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
    rule="S7b-to-7a",
)
class CaseContinuedUnderCourtReferral(EventPayload):
    """The Court referred a matter handled as 7(b): the same case continues under 7(a)."""

    case_id: str
    decision: CourtDecision
    forwarding_due_at: datetime
    press_release_due_at: datetime


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
    rule="P13",
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
    rule="P13",
)
class CourtDecisionReversed(_CourtDecisionChange):
    pass


@event(
    service=SERVICE,
    name="court_decision_withdrawn",
    version=1,
    classification=Classification.PUBLIC,
    rule="P13",
)
class CourtDecisionWithdrawn(_CourtDecisionChange):
    pass


@event(
    service=SERVICE,
    name="decision_forwarded_to_states_parties",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule="P13-forward",
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
    rule="P13-forward",
)
class DecisionForwardingOverdue(EventPayload):
    case_id: str
    due_at: datetime


@event(
    service=SERVICE,
    name="press_release_issued",
    version=1,
    classification=Classification.PUBLIC,
    rule="P13-press",
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
    rule="P13-press",
)
class PressReleaseOverdue(EventPayload):
    case_id: str
    due_at: datetime


class ClosureReason(StrEnum):
    COOPERATION_OBTAINED = "cooperation_obtained"
    DECISION_REVERSED = "decision_reversed"
    DECISION_WITHDRAWN = "decision_withdrawn"
    OTHER = "other"


@event(service=SERVICE, name="case_closed", version=1, classification=Classification.PUBLIC)
class CaseClosed(EventPayload):
    case_id: str
    reason: ClosureReason
    note: str = Field(default="", max_length=4000)


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
