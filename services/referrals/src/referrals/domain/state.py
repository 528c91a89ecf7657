"""The state of one case, folded from the events of its ``case`` stream (docs/architecture.md §4).

``fold`` replays the stream; ``evolve`` applies one event. Both are pure: the business time of
each event (``occurred_at``) comes with it, because the rules are judged in business time (rule
Time): the service levels of P13-forward and P13-press are measured against it, and a command is
decided against the state *as it stood at its business time* (``CaseState.at``), so a fact
recorded first but dated later (a closure entered before the forwarding that preceded it) does
not refuse it. ``fold`` therefore applies the events in business-time order (the opening event
first, then by ``occurred_at``, ties in stream order), whatever order they arrived in.
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
    CourtDecidedWithoutFinding,
    CourtDecisionAmended,
    CourtDecisionReceived,
    CourtDecisionReversed,
    CourtDecisionWithdrawn,
    CourtFindingRecordedForInformation,
    CourtInformationRecorded,
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
    COURT_INFORMATION = "court_information"
    """S-info: a Court decision that only informs the Assembly and/or the Security Council."""

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
class NoFinding:
    """S7b-no-finding: the Court decided on the 7(b) matter without a finding (or not to refer)."""

    reference: str
    outcome: str
    recorded_at: datetime


Fact = tuple[EventPayload, datetime]
"""One event of the stream with its business time."""

_OPENINGS = (
    CourtDecisionReceived,
    CourtFindingRecordedForInformation,
    CourtInformationRecorded,
    UrgentIncidentReported,
)


_NOT_STEPS = (CasePersonalDataErased, DecisionForwardingOverdue, PressReleaseOverdue, CaseClosed)


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
    no_finding: NoFinding | None = None
    procedure_ended_at: datetime | None = None
    """Business time the procedure ended (reversal, withdrawal, closure), if it did."""
    visibility: Classification = Classification.RESTRICTED
    """The least restrictive classification among the events that made the case known: a case
    known only through a 7(b) report stays restricted, a Court referral makes it public. Before
    any event nothing is known, hence restricted."""
    version: int = 0
    facts: tuple[Fact, ...] = field(default=(), repr=False)
    """Every event folded so far, with its business time: ``at`` refolds a prefix in time."""

    def at(self, moment: datetime) -> CaseState:
        """The case as it stood at business time ``moment``: the fold of the facts dated at or
        before it (rule Time). Its ``version`` counts those facts only."""
        return fold(fact for fact in self.facts if fact[1] <= moment)

    @property
    def last_fact_on_open_case_at(self) -> datetime | None:
        """The latest business time of a fact that happened on the open case (a closure is not
        dated before it). Erasures and overdue flags are records about the case, not steps."""
        times = [at for payload, at in self.facts if not isinstance(payload, _NOT_STEPS)]
        return max(times, default=None)

    def last_decision_change(
        self,
    ) -> (
        tuple[CourtDecisionAmended | CourtDecisionReversed | CourtDecisionWithdrawn, datetime]
        | None
    ):
        """The Court's change of its decision with the latest business time, and that time (the
        Court's own records: public, so naming them discloses nothing)."""
        changes = [
            (payload, at)
            for payload, at in self.facts
            if isinstance(
                payload, CourtDecisionAmended | CourtDecisionReversed | CourtDecisionWithdrawn
            )
        ]
        return max(changes, key=lambda change: change[1], default=None)

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


def fold(events: Iterable[Fact]) -> CaseState:
    """The state after the events of one case stream, in business-time order (the opening
    first; events of one business time in stream order)."""
    facts = list(events)
    ordered = sorted(facts, key=lambda fact: (not isinstance(fact[0], _OPENINGS), fact[1]))
    state = CaseState()
    for payload, occurred_at in ordered:
        state = evolve(state, payload, occurred_at)
    return state


def evolve(state: CaseState, payload: EventPayload, occurred_at: datetime) -> CaseState:
    """The state after one more event of the stream."""
    state = replace(state, version=state.version + 1, facts=(*state.facts, (payload, occurred_at)))
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
        case CourtInformationRecorded():
            return replace(
                state,
                exists=True,
                case_id=payload.case_id,
                scenario=Scenario.COURT_INFORMATION,
                status=CaseStatus.INFORMATION_ONLY,
                requested_state=payload.state_concerned,
                court_request=payload.court_request,
                persons_concerned=tuple(payload.persons_concerned),
                opened_at=occurred_at,
                procedure_active=False,
                visibility=_least_restrictive(state.visibility, payload),
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
                procedure_ended_at=state.procedure_ended_at or occurred_at,
            )
        case CourtDecidedWithoutFinding():
            return replace(
                state, no_finding=NoFinding(payload.reference, payload.outcome, occurred_at)
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
                procedure_ended_at=state.procedure_ended_at or occurred_at,
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
