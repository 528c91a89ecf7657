"""``decide()``: what the case register records for a command, or why it refuses
(docs/architecture.md §4).

Pure: ``now`` is the business time the command carries, given by the application, and every
deadline is computed from it with the configured ``ServiceLevels`` (P13-forward, P13-press).
Hard rules are checked by ``rules.py``, state transitions by ``guards.py``, business time bounds
by ``times.py``; the commands that open a case live in ``opening.py``. This module composes
them and builds the events and deadline changes.

Rule Time: a command that follows the opening is judged against the case as it stood at its
business time (``state.at(now)``, called ``past`` below); what is recorded once (a forwarding,
a closure) is looked up in the whole ``state``, whatever business time it carries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, assert_never

from noncoop_shared.catalogue.base import EventPayload, meta_of
from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    CaseContinuedUnderCourtReferral,
    CasePersonalDataErased,
    ClosureReason,
    CourtDecidedWithoutFinding,
    CourtDecisionAmended,
    CourtDecisionReversed,
    CourtDecisionWithdrawn,
    DecisionForwardedToStatesParties,
    DecisionForwardingOverdue,
    PressReleaseIssued,
    PressReleaseOverdue,
)
from noncoop_shared.decisions import (
    DeadlineChange,
    DeadlineSettled,
    Decision,
    PendingEvent,
)
from referrals.domain import guards, opening, rules, times
from referrals.domain.commands import (
    CaseCommand,
    CloseCase,
    ContinueUnderCourtReferral,
    DecisionChangeKind,
    ErasePersonalData,
    MarkDeadlineOverdue,
    RecordCourtDecisionChange,
    RecordCourtDecisionWithoutFinding,
    RecordCourtFindingForInformation,
    RecordCourtInformation,
    RecordForwarding,
    RecordPressRelease,
    RegisterCourtReferral,
    ReportUrgentIncident,
)
from referrals.domain.opening import ServiceLevels
from referrals.domain.state import CaseState, DeadlineKind

__all__ = ["CaseCommand", "ServiceLevels", "decide"]


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
            return opening.register_court_referral(state, command, now, levels)
        case RecordCourtFindingForInformation():
            return opening.record_court_finding_for_information(state, command, now)
        case RecordCourtInformation():
            return opening.record_court_information(state, command, now)
        case ReportUrgentIncident():
            return opening.report_urgent_incident(state, command, now)
        case ContinueUnderCourtReferral():
            return _continue_under_court_referral(state, command, now, levels)
        case RecordCourtDecisionWithoutFinding():
            return _record_court_decision_without_finding(state, command, now)
        case RecordCourtDecisionChange():
            return _record_court_decision_change(state, command, now)
        case RecordForwarding():
            return _record_forwarding(state, command, now)
        case RecordPressRelease():
            return _record_press_release(state, command, now)
        case CloseCase():
            return _close_case(state, command, now)
        case ErasePersonalData():
            return _erase_personal_data(state, command)
        case MarkDeadlineOverdue():
            return _mark_deadline_overdue(state, command, now)
        case _:
            assert_never(command)


def _continue_under_court_referral(
    state: CaseState, command: ContinueUnderCourtReferral, now: datetime, levels: ServiceLevels
) -> Decision:
    """S7b-to-7a: the Court referred the matter of a 7(b) case; the same case goes on as 7(a),
    on a decision addressed to the Assembly (P13) about the case's requested State (S4). The
    event names that State, so the register and reports name it for a continued case."""
    guards.require_case(state)
    # Once only, whatever the date: judged before rule Time, so that a Court reading the case
    # from its referral on gets one answer for every date (ADR 0023), not a Time refusal below
    # the hidden 7(b) report and another one above it.
    guards.require_handled_as_urgent_incident(state)
    _require_not_before_opening(state, now, what="the urgent incident was reported")
    times.require_date_in_bounds(
        command.decision.date, now, field="body.decision.date", what="Court's decision"
    )
    guards.require_urgent_incident(state, state.at(now))
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
        requested_state=state.requested_state,
    )
    return opening.referral(event)


def _record_court_decision_without_finding(
    state: CaseState, command: RecordCourtDecisionWithoutFinding, now: datetime
) -> Decision:
    """S7b-no-finding: recorded on the 7(b) case, which stays open until closed citing it. It
    sets no deadline and is no wider than the case (restricted while known only as 7(b))."""
    past = _following(state, now)
    times.require_date_in_bounds(command.date, now, field="body.date", what="Court's decision")
    guards.require_undecided_urgent_incident(state, past)
    outcome: Literal["no_finding", "not_referred"] = (
        "not_referred" if command.outcome == "not_referred" else "no_finding"
    )
    event = CourtDecidedWithoutFinding(
        case_id=state.case_id,
        reference=command.reference,
        date=command.date,
        chamber=command.chamber,
        outcome=outcome,
        summary=command.summary,
    )
    return Decision(events=[_no_wider_than_case(state, event)])


def _following(state: CaseState, now: datetime) -> CaseState:
    """A command on an existing case, not dated before it opened (rule Time): the case as it
    stood at ``now``."""
    guards.require_case(state)
    _require_not_before_opening(state, now, what="the case was opened")
    return state.at(now)


def _require_not_before_opening(state: CaseState, now: datetime, *, what: str) -> None:
    """Rule Time: ``now`` is not before the case opened (``what`` names the opening).

    The refusal names only what every caller who gets this far may read (ADR 0023). A 7(b)
    case continued as 7(a) is read by the Court from its referral on: its 7(b) report is
    restricted, so the refusal names the referral. That is true as well: the report came
    first, so a record dated before it is dated before the referral too."""
    if state.opened_at is None or now >= state.opened_at:
        return
    if state.urgent_incident is not None and state.referred_at is not None:
        times.require_not_before(
            now, state.referred_at, what="the Court's decision reached the Assembly"
        )
    times.require_not_before(now, state.opened_at, what=what)


_CHANGE_NAMES = {
    CourtDecisionAmended: "amendment",
    CourtDecisionReversed: "reversal",
    CourtDecisionWithdrawn: "withdrawal",
}


def _record_court_decision_change(
    state: CaseState, command: RecordCourtDecisionChange, now: datetime
) -> Decision:
    """An amendment leaves the procedure running; a reversal or a withdrawal ends it, and with it
    the P13 deadlines still awaited. Judged on the decision as it stood at ``now``."""
    _following(state, now)
    # A change follows the decision it changes: on a 7(b) case continued as 7(a), the referral.
    times.require_not_before(
        now, state.referred_at, what="the Court's decision reached the Assembly"
    )
    past = state.at(now)
    times.require_date_in_bounds(
        command.change_date, now, field="body.change_date", what="Court's change"
    )
    guards.require_changeable_decision(past, command)
    if command.kind is not DecisionChangeKind.AMENDED and (last := state.last_decision_change()):
        # An ending is not dated before a change of the decision already recorded: that change
        # needed the decision in force, so in the order of their dates it would have been
        # refused. Two Court records that contradict each other are told apart, not both kept.
        changed, changed_at = last
        times.require_not_before(
            now,
            changed_at,
            what=f"the Court's {_CHANGE_NAMES[type(changed)]} {changed.change_reference} of"
            f" decision {changed.decision_reference}, already recorded, which needed the"
            " decision in force",
        )
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
    """P13-forward: done once; late when done after its due time; not before the decision
    reached the Assembly (rule Time)."""
    due_at = _step_to_do(state, DeadlineKind.FORWARDING, now)
    event = DecisionForwardedToStatesParties(
        case_id=state.case_id,
        communication_reference=command.communication_reference,
        due_at=due_at,
        late=now > due_at,
    )
    return Decision(
        events=[PendingEvent(event)],
        deadlines=_settle_if_awaited(state, DeadlineKind.FORWARDING),
    )


def _record_press_release(state: CaseState, command: RecordPressRelease, now: datetime) -> Decision:
    """P13-press: done once; late when done after its due time; not before the decision
    reached the Assembly (rule Time)."""
    due_at = _step_to_do(state, DeadlineKind.PRESS_RELEASE, now)
    event = PressReleaseIssued(
        case_id=state.case_id,
        reference=command.reference,
        title=command.title,
        due_at=due_at,
        late=now > due_at,
    )
    return Decision(
        events=[PendingEvent(event)],
        deadlines=_settle_if_awaited(state, DeadlineKind.PRESS_RELEASE),
    )


def _step_to_do(state: CaseState, kind: DeadlineKind, now: datetime) -> datetime:
    """A P13 step is dated no earlier than the receipt of the Court's decision (and its date)."""
    past = _following(state, now)
    times.require_not_before(
        now, state.referred_at, what="the Court's decision reached the Assembly"
    )
    if state.decision is not None:
        times.require_not_before_date(
            now, state.decision.date, what=f"the Court's decision {state.decision.reference}"
        )
    return guards.require_step_to_do(state, past, kind)


def _close_case(state: CaseState, command: CloseCase, now: datetime) -> Decision:
    """Closing ends the procedure and settles the deadlines still awaited.

    A record for information cannot be closed: it never had a procedure. The closure of a case
    known only through a 7(b) report is restricted like the report, so that closing never
    reveals the case. A 7(b) case closed because the Court made no finding cites that decision
    (S7b-no-finding).
    """
    past = _following(state, now)
    times.require_not_before(
        now, state.last_fact_on_open_case_at, what="the last fact recorded on the open case"
    )
    guards.require_closable(state, past, command.reason)
    cited = (
        past.no_finding.reference
        if command.reason is ClosureReason.COURT_MADE_NO_FINDING and past.no_finding
        else None
    )
    event = CaseClosed(
        case_id=state.case_id,
        reason=command.reason,
        note=command.note,
        court_decision_reference=cited,
    )
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
    """The overdue event, exactly once: only while the step is awaited (not done at any business
    time, its procedure not ended), not yet flagged, and due by ``now`` (the scheduler passes
    the due instant, which is the overdue event's business time, rule Time).

    Anything else decides nothing, so the scheduler may fire the same deadline twice. A step
    done late, or a procedure ended after the due instant, is still overdue *on* the days in
    between: the read side derives that from business times, not from this record.
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


def _settle_if_awaited(state: CaseState, kind: DeadlineKind) -> list[DeadlineChange]:
    """The scheduler settles a deadline once: not again when the procedure ended (at a later
    business time, recorded first) and settled it already."""
    return [DeadlineSettled(kind.value)] if state.awaiting(kind) is not None else []


def _settle_awaited(state: CaseState) -> list[DeadlineChange]:
    return [DeadlineSettled(kind.value) for kind in state.awaited()]


def _no_wider_than_case(state: CaseState, payload: EventPayload) -> PendingEvent:
    """Classify an event at least as the case is known (a 7(b)-only case stays restricted)."""
    if state.visibility > meta_of(payload).classification:
        return PendingEvent(payload, classification=state.visibility)
    return PendingEvent(payload)
