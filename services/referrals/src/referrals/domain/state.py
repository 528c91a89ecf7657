"""The state of one case, folded from the events of its ``case`` stream (DESIGN.md §4).

``fold`` replays the stream from its first event; ``evolve`` applies one event. Both are pure:
the business time of each event (``occurred_at``) comes with it, because the time a step was done
is what the service levels of P13-forward and P13-press are measured against.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.base import EventPayload, meta_of
from noncoop_shared.catalogue.common import (
    CourtDecision,
    CourtRequest,
    PersonConcerned,
    RequestedState,
)
from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    CaseContinuedUnderCourtReferral,
    CasePersonalDataErased,
    ClosureReason,
    CourtDecisionAmended,
    CourtDecisionReceived,
    CourtDecisionReversed,
    CourtDecisionWithdrawn,
    CourtFindingRecordedForInformation,
    DecisionForwardedToStatesParties,
    DecisionForwardingOverdue,
    PressReleaseIssued,
    PressReleaseOverdue,
    Urgency,
    UrgentIncidentReported,
)


class Scenario(StrEnum):
    """How the case came to the Assembly (S7)."""

    COURT_REFERRAL = "7a"
    URGENT_INCIDENT = "7b"
    URGENT_CONTINUED_UNDER_REFERRAL = "7b_continued_as_7a"
    INFORMATION_ONLY = "information_only"

    @property
    def referred(self) -> bool:
        """The Court referred the matter to the Assembly: the formal procedure applies (P13)."""
        return self in (Scenario.COURT_REFERRAL, Scenario.URGENT_CONTINUED_UNDER_REFERRAL)


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    INFORMATION_ONLY = "information_only"


class DecisionStatus(StrEnum):
    IN_FORCE = "in_force"
    AMENDED = "amended"
    REVERSED = "reversed"
    WITHDRAWN = "withdrawn"


class DeadlineKind(StrEnum):
    """The deadlines this service sets; the scheduler hands the value back when one passes."""

    FORWARDING = "forwarding"
    PRESS_RELEASE = "press_release"


@dataclass(frozen=True)
class TrackedStep:
    """A step of P13 with a service level: when it is due, when it was done, whether it was
    flagged overdue. ``due_at`` is ``None`` while nothing has been referred."""

    due_at: datetime | None = None
    done_at: datetime | None = None
    reference: str | None = None
    overdue: bool = False

    @property
    def late(self) -> bool:
        return self.due_at is not None and self.done_at is not None and self.done_at > self.due_at


@dataclass(frozen=True)
class UrgentIncident:
    """The 7(b) report; it stays on the case when the case continues under 7(a) (S7b-to-7a)."""

    urgency: Urgency
    reason: str
    reported_at: datetime


@dataclass(frozen=True)
class CaseState:
    """What the register knows of one case. ``exists`` is False before its first event."""

    exists: bool = False
    case_id: str = ""
    scenario: Scenario | None = None
    status: CaseStatus | None = None
    requested_state: RequestedState | None = None
    court_request: CourtRequest | None = None
    persons_concerned: tuple[PersonConcerned, ...] = ()
    decision: CourtDecision | None = None
    decision_status: DecisionStatus | None = None
    procedure_active: bool = False
    """False for a record for information, after a reversal or withdrawal, and after closure."""
    forwarding: TrackedStep = field(default_factory=TrackedStep)
    press_release: TrackedStep = field(default_factory=TrackedStep)
    urgent_incident: UrgentIncident | None = None
    opened_at: datetime | None = None
    referred_at: datetime | None = None
    closed_at: datetime | None = None
    closure_reason: ClosureReason | None = None
    personal_data_erased_at: datetime | None = None
    visibility: Classification = Classification.RESTRICTED
    """The least restrictive classification among the events that made the case known: a case
    known only through a 7(b) report stays restricted, a Court referral makes it public. Before
    any event nothing is known, hence restricted."""
    version: int = 0

    def step(self, kind: DeadlineKind) -> TrackedStep:
        return self.forwarding if kind == DeadlineKind.FORWARDING else self.press_release

    def awaiting(self, kind: DeadlineKind) -> datetime | None:
        """When the step is due, if it is awaited: due, not done, and the procedure that wants
        it still running; ``None`` otherwise."""
        step = self.step(kind)
        if not self.procedure_active or step.done_at is not None:
            return None
        return step.due_at

    def awaited(self) -> list[DeadlineKind]:
        return [kind for kind in DeadlineKind if self.awaiting(kind) is not None]


def fold(events: Iterable[tuple[EventPayload, datetime]]) -> CaseState:
    """The state after the events of one case stream, in stream order, with their business time."""
    state = CaseState()
    for payload, occurred_at in events:
        state = evolve(state, payload, occurred_at)
    return state


def evolve(state: CaseState, payload: EventPayload, occurred_at: datetime) -> CaseState:
    """The state after one more event of the stream."""
    state = replace(state, version=state.version + 1)
    match payload:
        case CourtDecisionReceived():
            opened = _opened(state, payload, occurred_at)
            return _referred(
                replace(opened, scenario=Scenario.COURT_REFERRAL, status=CaseStatus.OPEN),
                payload,
                occurred_at,
            )
        case CourtFindingRecordedForInformation():
            return replace(
                _opened(state, payload, occurred_at),
                scenario=Scenario.INFORMATION_ONLY,
                status=CaseStatus.INFORMATION_ONLY,
                decision=payload.decision,
                decision_status=DecisionStatus.IN_FORCE,
                procedure_active=False,
            )
        case UrgentIncidentReported():
            return replace(
                _opened(state, payload, occurred_at),
                scenario=Scenario.URGENT_INCIDENT,
                status=CaseStatus.OPEN,
                procedure_active=True,
                urgent_incident=UrgentIncident(
                    payload.urgency, payload.urgency_reason, occurred_at
                ),
            )
        case CaseContinuedUnderCourtReferral():
            # The 7(b) facts (requested State, request, urgent incident) stay as they were.
            continued = replace(
                state,
                scenario=Scenario.URGENT_CONTINUED_UNDER_REFERRAL,
                visibility=_least_restrictive(state.visibility, payload),
            )
            return _referred(continued, payload, occurred_at)
        case CourtDecisionAmended():
            decision = state.decision
            if decision is not None and payload.referred_to_security_council is not None:
                decision = decision.model_copy(
                    update={"referred_to_security_council": payload.referred_to_security_council}
                )
            return replace(state, decision=decision, decision_status=DecisionStatus.AMENDED)
        case CourtDecisionReversed() | CourtDecisionWithdrawn():
            return replace(
                state,
                decision_status=(
                    DecisionStatus.REVERSED
                    if isinstance(payload, CourtDecisionReversed)
                    else DecisionStatus.WITHDRAWN
                ),
                procedure_active=state.procedure_active and payload.procedure_effect == "continues",
            )
        case DecisionForwardedToStatesParties():
            return replace(
                state,
                forwarding=replace(
                    state.forwarding, done_at=occurred_at, reference=payload.communication_reference
                ),
            )
        case PressReleaseIssued():
            return replace(
                state,
                press_release=replace(
                    state.press_release, done_at=occurred_at, reference=payload.reference
                ),
            )
        case DecisionForwardingOverdue():
            return replace(state, forwarding=replace(state.forwarding, overdue=True))
        case PressReleaseOverdue():
            return replace(state, press_release=replace(state.press_release, overdue=True))
        case CaseClosed():
            return replace(
                state,
                status=CaseStatus.CLOSED,
                procedure_active=False,
                closed_at=occurred_at,
                closure_reason=payload.reason,
            )
        case CasePersonalDataErased():
            return replace(state, personal_data_erased_at=occurred_at)
        case _:
            raise TypeError(f"{type(payload).__name__} is not an event of a case stream")


def _opened(
    state: CaseState,
    payload: CourtDecisionReceived | CourtFindingRecordedForInformation | UrgentIncidentReported,
    occurred_at: datetime,
) -> CaseState:
    return replace(
        state,
        exists=True,
        case_id=payload.case_id,
        requested_state=payload.requested_state,
        court_request=payload.court_request,
        persons_concerned=tuple(payload.persons_concerned),
        opened_at=occurred_at,
        visibility=_least_restrictive(state.visibility, payload),
    )


def _referred(
    state: CaseState,
    payload: CourtDecisionReceived | CaseContinuedUnderCourtReferral,
    occurred_at: datetime,
) -> CaseState:
    """What a referral to the Assembly sets, whether it opens the case or continues a 7(b)."""
    return replace(
        state,
        decision=payload.decision,
        decision_status=DecisionStatus.IN_FORCE,
        procedure_active=True,
        referred_at=occurred_at,
        forwarding=TrackedStep(due_at=payload.forwarding_due_at),
        press_release=TrackedStep(due_at=payload.press_release_due_at),
    )


def _least_restrictive(current: Classification, payload: EventPayload) -> Classification:
    # The fold sees payloads only, so an event counts at its catalogue classification; decide()
    # never raises the classification of the events that make a case known.
    return min(current, meta_of(payload).classification)
