"""``decide()``: what the case register records for a command, or why it refuses (DESIGN.md §4).

Pure: ``now`` is the business time the command carries, given by the application, and every
deadline is computed from it with the configured ``ServiceLevels`` (P13-forward, P13-press).
Hard rules are checked by ``rules.py``, state transitions by ``guards.py``; this module only
composes them and builds the events and deadline changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import assert_never

from noncoop_shared.catalogue.base import EventPayload, meta_of
from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    CaseContinuedUnderCourtReferral,
    CasePersonalDataErased,
    CourtDecisionAmended,
    CourtDecisionReceived,
    CourtDecisionReversed,
    CourtDecisionWithdrawn,
    CourtFindingRecordedForInformation,
    DecisionForwardedToStatesParties,
    DecisionForwardingOverdue,
    PressReleaseIssued,
    PressReleaseOverdue,
    UrgentIncidentReported,
)
from noncoop_shared.decisions import (
    DeadlineChange,
    DeadlineSet,
    DeadlineSettled,
    Decision,
    PendingEvent,
)
from referrals.domain import guards, rules
from referrals.domain.commands import (
    CaseCommand,
    CloseCase,
    ContinueUnderCourtReferral,
    DecisionChangeKind,
    ErasePersonalData,
    MarkDeadlineOverdue,
    RecordCourtDecisionChange,
    RecordCourtFindingForInformation,
    RecordForwarding,
    RecordPressRelease,
    RegisterCourtReferral,
    ReportUrgentIncident,
)
from referrals.domain.state import CaseState, DeadlineKind

__all__ = ["CaseCommand", "ServiceLevels", "decide"]


@dataclass(frozen=True)
class ServiceLevels:
    """How long after a referral reaches the Assembly each P13 step is due (settings).

    Para 13 says "without delay" for forwarding; one day is the default service level.
    """

    forwarding: timedelta = timedelta(days=1)
    press_release: timedelta = timedelta(days=1)

    def __post_init__(self) -> None:
        if self.forwarding < timedelta(0) or self.press_release < timedelta(0):
            raise ValueError("service levels are durations from the referral: not negative")


def decide(
    state: CaseState, command: CaseCommand, now: datetime, levels: ServiceLevels
) -> Decision:
    """The events and deadline changes ``command`` leads to on the case ``state``.

    Raises a ``RuleViolationError`` subclass from ``rules.py`` when the procedures refuse it,
    ``InvalidTransitionError`` when it does not fit the case, ``NotFoundError`` when the case
    does not exist (for every command but the three that open a case).
    """
    match command:
        case RegisterCourtReferral():
            return _register_court_referral(state, command, now, levels)
        case RecordCourtFindingForInformation():
            return _record_court_finding_for_information(state, command)
        case ReportUrgentIncident():
            return _report_urgent_incident(state, command)
        case ContinueUnderCourtReferral():
            return _continue_under_court_referral(state, command, now, levels)
        case RecordCourtDecisionChange():
            return _record_court_decision_change(state, command)
        case RecordForwarding():
            return _record_forwarding(state, command, now)
        case RecordPressRelease():
            return _record_press_release(state, command, now)
        case CloseCase():
            return _close_case(state, command)
        case ErasePersonalData():
            return _erase_personal_data(state, command)
        case MarkDeadlineOverdue():
            return _mark_deadline_overdue(state, command, now)
        case _:
            assert_never(command)


def _register_court_referral(
    state: CaseState, command: RegisterCourtReferral, now: datetime, levels: ServiceLevels
) -> Decision:
    """S4, S5, S8 on the requested State and request; P13: a decision addressed to the Assembly."""
    guards.require_new(state, command.case_id)
    request = rules.require_in_scope(command.requested_state, command.court_request)
    rules.require_addressed_to_assembly(command.decision)
    rules.require_legal_basis_fits(command.decision, command.requested_state)
    event = CourtDecisionReceived(
        case_id=command.case_id,
        requested_state=command.requested_state,
        court_request=request,
        persons_concerned=list(command.persons_concerned),
        decision=command.decision,
        forwarding_due_at=now + levels.forwarding,
        press_release_due_at=now + levels.press_release,
    )
    return _referral(event)


def _record_court_finding_for_information(
    state: CaseState, command: RecordCourtFindingForInformation
) -> Decision:
    """A finding not addressed to the Assembly (P13): recorded for reports, with no deadline."""
    guards.require_new(state, command.case_id)
    request = rules.require_in_scope(command.requested_state, command.court_request)
    rules.require_not_addressed_to_assembly(command.decision)
    rules.require_legal_basis_fits(command.decision, command.requested_state)
    event = CourtFindingRecordedForInformation(
        case_id=command.case_id,
        requested_state=command.requested_state,
        court_request=request,
        persons_concerned=list(command.persons_concerned),
        decision=command.decision,
        why_no_procedure=(
            "referred_to_security_council_only"
            if command.decision.referred_to_security_council
            else "not_referred"
        ),
    )
    return Decision(events=[PendingEvent(event)])


def _report_urgent_incident(state: CaseState, command: ReportUrgentIncident) -> Decision:
    """A 7(b) case (S7): in scope (S4, S8, S5) and urgent (S7fn4). It is restricted, and sets no
    deadline: the formal steps of P13 wait for a Court referral."""
    guards.require_new(state, command.case_id)
    request = rules.require_in_scope(command.requested_state, command.court_request)
    urgency, reason = rules.require_urgency_stated(
        command.requested_state, command.urgency, command.urgency_reason
    )
    event = UrgentIncidentReported(
        case_id=command.case_id,
        requested_state=command.requested_state,
        court_request=request,
        persons_concerned=list(command.persons_concerned),
        urgency=urgency,
        urgency_reason=reason,
    )
    return Decision(events=[PendingEvent(event)])


def _continue_under_court_referral(
    state: CaseState, command: ContinueUnderCourtReferral, now: datetime, levels: ServiceLevels
) -> Decision:
    """S7b-to-7a: the Court referred the matter of a 7(b) case; the same case goes on as 7(a),
    on a decision addressed to the Assembly (P13) about the case's requested State (S4)."""
    guards.require_urgent_incident(state)
    rules.require_addressed_to_assembly(command.decision)
    if state.requested_state is not None:
        rules.require_same_requested_state(
            state.case_id, state.requested_state, command.requested_state_code, command.decision
        )
        rules.require_legal_basis_fits(command.decision, state.requested_state)
    event = CaseContinuedUnderCourtReferral(
        case_id=state.case_id,
        decision=command.decision,
        forwarding_due_at=now + levels.forwarding,
        press_release_due_at=now + levels.press_release,
    )
    return _referral(event)


def _referral(event: CourtDecisionReceived | CaseContinuedUnderCourtReferral) -> Decision:
    """A referral reached the Assembly: P13-forward and P13-press start to run."""
    return Decision(
        events=[PendingEvent(event)],
        deadlines=[
            DeadlineSet(DeadlineKind.FORWARDING.value, event.forwarding_due_at, "P13-forward"),
            DeadlineSet(DeadlineKind.PRESS_RELEASE.value, event.press_release_due_at, "P13-press"),
        ],
    )


def _record_court_decision_change(state: CaseState, command: RecordCourtDecisionChange) -> Decision:
    """An amendment leaves the procedure running; a reversal or a withdrawal ends it, and with it
    the P13 deadlines still awaited."""
    guards.require_changeable_decision(state, command)
    if command.kind is DecisionChangeKind.AMENDED:
        amended = CourtDecisionAmended(
            case_id=state.case_id,
            decision_reference=command.decision_reference,
            change_reference=command.change_reference,
            change_date=command.change_date,
            summary=command.summary,
            procedure_effect="continues",
            referred_to_security_council=command.referred_to_security_council,
        )
        return Decision(events=[PendingEvent(amended)])
    ending: type[CourtDecisionReversed | CourtDecisionWithdrawn] = (
        CourtDecisionReversed
        if command.kind is DecisionChangeKind.REVERSED
        else CourtDecisionWithdrawn
    )
    event = ending(
        case_id=state.case_id,
        decision_reference=command.decision_reference,
        change_reference=command.change_reference,
        change_date=command.change_date,
        summary=command.summary,
        procedure_effect="ends",
    )
    return Decision(events=[PendingEvent(event)], deadlines=_settle_awaited(state))


def _record_forwarding(state: CaseState, command: RecordForwarding, now: datetime) -> Decision:
    """P13-forward: done once; late when done after its due time."""
    due_at = guards.require_step_to_do(state, DeadlineKind.FORWARDING)
    event = DecisionForwardedToStatesParties(
        case_id=state.case_id,
        communication_reference=command.communication_reference,
        due_at=due_at,
        late=now > due_at,
    )
    return Decision(
        events=[PendingEvent(event)],
        deadlines=[DeadlineSettled(DeadlineKind.FORWARDING.value)],
    )


def _record_press_release(state: CaseState, command: RecordPressRelease, now: datetime) -> Decision:
    """P13-press: done once; late when done after its due time."""
    due_at = guards.require_step_to_do(state, DeadlineKind.PRESS_RELEASE)
    event = PressReleaseIssued(
        case_id=state.case_id,
        reference=command.reference,
        title=command.title,
        due_at=due_at,
        late=now > due_at,
    )
    return Decision(
        events=[PendingEvent(event)],
        deadlines=[DeadlineSettled(DeadlineKind.PRESS_RELEASE.value)],
    )


def _close_case(state: CaseState, command: CloseCase) -> Decision:
    """Closing ends the procedure and settles the deadlines still awaited.

    A record for information cannot be closed: it never had a procedure. The closure of a case
    known only through a 7(b) report is restricted like the report, so that closing never
    reveals the case.
    """
    guards.require_closable(state, command.reason)
    event = CaseClosed(case_id=state.case_id, reason=command.reason, note=command.note)
    return Decision(
        events=[_no_wider_than_case(state, event)],
        deadlines=_settle_awaited(state),
    )


def _erase_personal_data(state: CaseState, command: ErasePersonalData) -> Decision:
    """The record of an erasure, at any stage of a known case; repeating it records it again
    (the key is already gone, the request is still a fact)."""
    guards.require_case(state)
    event = CasePersonalDataErased(case_id=state.case_id, reason=command.reason)
    return Decision(events=[PendingEvent(event)])


def _mark_deadline_overdue(
    state: CaseState, command: MarkDeadlineOverdue, now: datetime
) -> Decision:
    """The overdue event, exactly once: only while the step is awaited, not yet flagged, and due.

    Anything else (done, already flagged, procedure ended, called early) decides nothing, so the
    scheduler may fire the same deadline twice.
    """
    kind = guards.require_deadline_kind(state, command.kind)
    due_at = state.awaiting(kind)
    if due_at is None or state.step(kind).overdue or now < due_at:
        return Decision()
    event: EventPayload = (
        DecisionForwardingOverdue(case_id=state.case_id, due_at=due_at)
        if kind is DeadlineKind.FORWARDING
        else PressReleaseOverdue(case_id=state.case_id, due_at=due_at)
    )
    return Decision(events=[PendingEvent(event)])


def _settle_awaited(state: CaseState) -> list[DeadlineChange]:
    return [DeadlineSettled(kind.value) for kind in state.awaited()]


def _no_wider_than_case(state: CaseState, payload: EventPayload) -> PendingEvent:
    """Classify an event at least as the case is known (a 7(b)-only case stays restricted)."""
    if state.visibility > meta_of(payload).classification:
        return PendingEvent(payload, classification=state.visibility)
    return PendingEvent(payload)
