"""``decide()``: what the good offices on a case record for a command, or why they refuse
(docs/architecture.md §4).

Pure: ``now`` is the business time the command carries, given by the application, and every
deadline is computed from it with the configured ``ServiceLevels`` (P18-notify, Res. 35). What
the case register knows of the case (``case``) and the regional groups with a focal point on the
roster (``roster_regions``) are read by the application and passed in. Hard rules are checked by
``rules.py``, the fit with the case and the good offices by ``guards.py``; this module only
composes them and builds the events and deadline changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import assert_never

from good_offices.domain import guards, rules, travel
from good_offices.domain.commands import (
    ActivateByBureauDecision,
    ActivateOnOwnInitiative,
    CancelTravel,
    Conclude,
    ConfirmTravel,
    ContinueUnder7a,
    DecideGoodOfficesRemainActive,
    GiveArticle97Reminder,
    GoodOfficesCommand,
    MarkDeadlineOverdue,
    NoteCaseClosed,
    RecordAssistanceEngagement,
    RecordBureauNotification,
    RecordContact,
    RecordCourtConsultation,
    RecordSecretariatAssistance,
    RecordTravelInformation,
    RecordVerification,
    RequestAssistance,
    ShareTravelInformationWithCourt,
    SubmitReportToBureau,
)
from good_offices.domain.facts import CaseFacts
from good_offices.domain.state import BUREAU_NOTIFICATION, GoodOfficesState
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.good_offices import (
    ActivationBasis,
    Article97ReminderGiven,
    AssistanceEngagementRecorded,
    AssistanceRequested,
    BureauDecidedOnGoodOffices,
    BureauGoodOfficesDecision,
    BureauNotificationOverdue,
    BureauNotifiedOfActivation,
    ContactRecorded,
    CourtConsulted,
    GoodOfficesActivated,
    GoodOfficesConcluded,
    GoodOfficesContinuedUnder7a,
    Outcome,
    ReportToBureauSubmitted,
    SecretariatAssistanceRecorded,
    TriggerInformationVerified,
)
from noncoop_shared.decisions import (
    DeadlineChange,
    DeadlineSet,
    DeadlineSettled,
    Decision,
    PendingEvent,
)
from noncoop_shared.errors import BusinessTimeOutOfBoundsError
from noncoop_shared.rules import Rule

__all__ = ["GoodOfficesCommand", "ServiceLevels", "decide"]


@dataclass(frozen=True)
class ServiceLevels:
    """How long after the activation the Bureau's notification is due, and after travel
    information is received that it is due with the Court (settings).

    Para 18 says "immediately" and Res. 35 "promptly"; 24 hours is the default service level.
    """

    bureau_notification: timedelta = timedelta(hours=24)
    travel_sharing: timedelta = timedelta(hours=24)

    def __post_init__(self) -> None:
        if self.bureau_notification < timedelta(0) or self.travel_sharing < timedelta(0):
            raise ValueError("service levels are durations from the event: not negative")


def decide(
    state: GoodOfficesState,
    command: GoodOfficesCommand,
    *,
    case: CaseFacts | None,
    roster_regions: frozenset[RegionalGroup],
    now: datetime,
    levels: ServiceLevels,
    roster_focal_points: Mapping[str, RegionalGroup] | None = None,
) -> Decision:
    """The events and deadline changes ``command`` leads to on the good offices ``state``.

    ``now`` is the command's business time: the case, the good offices and the roster
    (``roster_regions``, ``roster_focal_points``: who serves for which group that day) are
    judged as they stood then, whatever was recorded since.

    Raises a ``RuleViolationError`` subclass from ``rules.py`` when the procedures refuse it,
    ``NotFoundError`` when the case register holds no such case, ``BusinessTimeOutOfBoundsError``
    when it is dated before the fact it follows, ``InvalidTransitionError`` when it does not fit
    the case or the good offices. The commands of policies and of the scheduler never raise for
    the state they find: they decide nothing instead, so a redelivery is harmless.
    """
    match command:
        case ActivateOnOwnInitiative():
            return _activate_on_own_initiative(state, command, case, now, levels)
        case ActivateByBureauDecision():
            return _activate_by_bureau_decision(state, command, case, now)
        case DecideGoodOfficesRemainActive():
            return _decide_remain_active(state, command, case, now)
        case RecordBureauNotification():
            return _record_bureau_notification(state, command, case, now)
        case RecordContact():
            guards.require_active(state, case, now)
            return _record(
                ContactRecorded(
                    case_id=state.case_id,
                    counterpart_kind=command.counterpart_kind,
                    counterpart=command.counterpart,
                    summary=command.summary,
                )
            )
        case RecordCourtConsultation():
            guards.require_active(state, case, now)
            return _record(CourtConsulted(case_id=state.case_id, summary=command.summary))
        case GiveArticle97Reminder():
            guards.require_active(state, case, now)
            return _record(Article97ReminderGiven(case_id=state.case_id, summary=command.summary))
        case RequestAssistance():
            return _request_assistance(
                state, command, case, now, roster_regions, roster_focal_points or {}
            )
        case RecordAssistanceEngagement():
            guards.require_active(state, case, now)
            guards.require_assisting(
                state, command.region, command.focal_point_id, command.bureau_member, now
            )
            return _record(
                AssistanceEngagementRecorded(
                    case_id=state.case_id,
                    region=command.region,
                    summary=command.summary,
                    focal_point_id=command.focal_point_id,
                    bureau_member=command.bureau_member,
                )
            )
        case RecordVerification():
            facts = guards.require_active(state, case, now)
            guards.require_verification_to_do(state, facts, now)
            return _record(
                TriggerInformationVerified(
                    case_id=state.case_id, outcome=command.outcome, summary=command.summary
                )
            )
        case RecordSecretariatAssistance():
            guards.require_active(state, case, now)
            return _record(
                SecretariatAssistanceRecorded(case_id=state.case_id, summary=command.summary)
            )
        case SubmitReportToBureau():
            return _submit_report_to_bureau(state, command, now)
        case Conclude():
            return _conclude(state, command, case, now)
        case RecordTravelInformation() | ConfirmTravel() | CancelTravel():
            # Res. 35: no active good offices needed, and a closed case still takes it.
            guards.require_registered(state, case)
            return _travel(state, command, now, levels)
        case ShareTravelInformationWithCourt():
            return _travel(state, command, now, levels)
        case ContinueUnder7a():
            return _continue_under_7a(state, now)
        case NoteCaseClosed():
            return _note_case_closed(state, now)
        case MarkDeadlineOverdue():
            return _mark_deadline_overdue(state, command, now)
        case _:
            assert_never(command)


def _activate_on_own_initiative(
    state: GoodOfficesState,
    command: ActivateOnOwnInitiative,
    case: CaseFacts | None,
    now: datetime,
    levels: ServiceLevels,
) -> Decision:
    """P18-own-7b in a 7(b) case, P18-own-7a in a 7(a) case: the Court consulted, and in 7(a)
    the opportunity to arrest and surrender assessed as likely to pass before the Bureau meets."""
    facts = guards.require_open_case(state, case, now)
    guards.require_inactive(state, now)
    basis = rules.own_initiative_basis(facts)
    if basis is ActivationBasis.OWN_INITIATIVE_7A:
        rules.require_arrest_and_surrender(facts)
    consulted_on = rules.require_court_consulted(facts, basis, command.court_consulted_on, now)
    assessment = (
        rules.require_opportunity_assessed(facts, command.opportunity_assessment)
        if basis is ActivationBasis.OWN_INITIATIVE_7A
        else (command.opportunity_assessment or "").strip() or None
    )
    event = GoodOfficesActivated(
        case_id=state.case_id,
        basis=basis,
        court_consulted_on=consulted_on,
        opportunity_assessment=assessment,
        bureau_notification_due_at=now + levels.bureau_notification,
    )
    return _activated(event)


def _activate_by_bureau_decision(
    state: GoodOfficesState,
    command: ActivateByBureauDecision,
    case: CaseFacts | None,
    now: datetime,
) -> Decision:
    """P19: otherwise the President becomes active as decided by the Bureau. The Bureau's
    decision is its own ``bureau`` record; the activation stays ``restricted``."""
    facts = guards.require_open_case(state, case, now)
    guards.require_inactive(state, now)
    reference = rules.require_bureau_decision(facts, command.bureau_decision_reference)
    decision = BureauDecidedOnGoodOffices(
        case_id=state.case_id,
        decision=BureauGoodOfficesDecision.ACTIVATE,
        bureau_decision_reference=reference,
    )
    event = GoodOfficesActivated(
        case_id=state.case_id,
        basis=ActivationBasis.BUREAU_DECISION,
        bureau_decision_reference=reference,
    )
    activated = _activated(event)
    return Decision(events=[PendingEvent(decision), *activated.events])


def _decide_remain_active(
    state: GoodOfficesState,
    command: DecideGoodOfficesRemainActive,
    case: CaseFacts | None,
    now: datetime,
) -> Decision:
    """P19: the Bureau decided that the good offices remain active (after an own-initiative
    start, or when the 7(b) case continued as 7(a)); a ``bureau`` record."""
    facts = guards.require_active(state, case, now)
    reference = rules.require_bureau_decision(facts, command.bureau_decision_reference)
    rules.require_remain_decision_fits(state, facts, now)
    return _record(
        BureauDecidedOnGoodOffices(
            case_id=state.case_id,
            decision=BureauGoodOfficesDecision.REMAIN_ACTIVE,
            bureau_decision_reference=reference,
        )
    )


def _activated(event: GoodOfficesActivated) -> Decision:
    """The President became active: the event says under which rule. P18-notify runs only on
    the President's own initiative: when the Bureau decided (P19), the Bureau already knows.
    The notification is due from the activation's business time."""
    due = event.bureau_notification_due_at
    return Decision(
        events=[PendingEvent(event, rule=rules.ACTIVATION_RULES[event.basis])],
        deadlines=[] if due is None else [DeadlineSet(BUREAU_NOTIFICATION, due, Rule.P18_NOTIFY)],
    )


def _record_bureau_notification(
    state: GoodOfficesState,
    command: RecordBureauNotification,
    case: CaseFacts | None,
    now: datetime,
) -> Decision:
    """P18-notify: done once per activation; late when done after its due time."""
    due_at = guards.require_notification_to_do(state, case, now)
    event = BureauNotifiedOfActivation(
        case_id=state.case_id, means=command.means, due_at=due_at, late=now > due_at
    )
    # The deadline is still running unless a conclusion (dated later, recorded first) settled
    # it; it is the latest period's, so a notification dated in an earlier one leaves it be.
    running = state.in_current_period(now) and state.awaiting_notification() is not None
    settled: list[DeadlineChange] = [DeadlineSettled(BUREAU_NOTIFICATION)] if running else []
    return Decision(events=[PendingEvent(event)], deadlines=settled)


def _request_assistance(
    state: GoodOfficesState,
    command: RequestAssistance,
    case: CaseFacts | None,
    now: datetime,
    roster_regions: frozenset[RegionalGroup],
    roster_focal_points: Mapping[str, RegionalGroup],
) -> Decision:
    """P20: a focal point on the roster that day (its region, or itself by id), or a Bureau
    member, is asked to assist; a focal point asked is assigned to the case (P17-access)."""
    guards.require_active(state, case, now)
    guards.require_assistant(state, command, roster_regions, roster_focal_points)
    member = (command.bureau_member or "").strip() or None
    return _record(
        AssistanceRequested(
            case_id=state.case_id,
            assistant=command.assistant,
            region=command.region,
            bureau_member=member,
            summary=command.summary,
            focal_point_id=command.focal_point_id,
        )
    )


def _submit_report_to_bureau(
    state: GoodOfficesState, command: SubmitReportToBureau, now: datetime
) -> Decision:
    """P21: the President reports on the engagement, also once it is concluded (the report on
    it usually follows), and also after the case closed; not before the good offices began."""
    guards.require_activated(state)
    first = state.periods[0].activated_at if state.periods else None
    if first is not None and now < first:
        raise BusinessTimeOutOfBoundsError(
            f"This report to the Bureau on case {state.case_id} is dated before the good "
            "offices it reports on began."
        )
    return _record(
        ReportToBureauSubmitted(
            case_id=state.case_id,
            summary=command.summary,
            un_secretariat_information=command.un_secretariat_information,
        )
    )


def _conclude(
    state: GoodOfficesState, command: Conclude, case: CaseFacts | None, now: datetime
) -> Decision:
    """The good offices end; the Bureau's notification is no longer awaited. Travel information
    still has to reach the Court (Res. 35), so its deadlines run on."""
    guards.require_active(state, case, now)
    guards.require_outcome_fits(state, command.outcome, now)
    event = GoodOfficesConcluded(
        case_id=state.case_id, outcome=command.outcome, summary=command.summary
    )
    return Decision(events=[PendingEvent(event)], deadlines=_settle_notification(state, now))


def _travel(
    state: GoodOfficesState,
    command: travel.TravelCommand,
    now: datetime,
    levels: ServiceLevels,
) -> Decision:
    """Res. 35 on a case: the same decisions as on no case, with the case named."""
    return travel.decide_travel(
        state.travel,
        command,
        case_id=state.case_id,
        now=now,
        sharing_level=levels.travel_sharing,
    )


def _continue_under_7a(state: GoodOfficesState, now: datetime) -> Decision:
    """S7b-to-7a: good offices active at the continuation's business time go on under 7(a),
    recorded once; anything else (not active then, already continued) decides nothing. From
    then on the Bureau's decision that they remain active is expected (P19)."""
    if state.period_on(now) is None or state.continued_under_7a:
        return Decision()
    return _record(GoodOfficesContinuedUnder7a(case_id=state.case_id))


def _note_case_closed(state: GoodOfficesState, now: datetime) -> Decision:
    """The register closed the case (at business time ``now``): good offices active then
    conclude, once. Judged at ``now`` (Time): good offices the President concluded at a later
    business time, recorded first, were still active then, and the closure is their conclusion
    (the earlier stands, ``state._concluded``). Travel information still has to reach the Court
    (Res. 35), so its deadlines run on."""
    if state.period_on(now) is None:
        return Decision()
    event = GoodOfficesConcluded(case_id=state.case_id, outcome=Outcome.CASE_CLOSED)
    return Decision(events=[PendingEvent(event)], deadlines=_settle_notification(state, now))


def _mark_deadline_overdue(
    state: GoodOfficesState, command: MarkDeadlineOverdue, now: datetime
) -> Decision:
    """The overdue event, exactly once: only while the step is awaited, not yet flagged, and due.

    Anything else (done, already flagged, good offices concluded, called early) decides nothing,
    so the scheduler may fire the same deadline twice.
    """
    event: EventPayload
    if command.kind == BUREAU_NOTIFICATION:
        due_at = state.awaiting_notification()
        if due_at is None or state.bureau_notification.overdue or now < due_at:
            return Decision()
        event = BureauNotificationOverdue(case_id=state.case_id, due_at=due_at)
        return _record(event)
    return travel.mark_sharing_overdue(state.travel, command.kind, case_id=state.case_id, now=now)


def _settle_notification(state: GoodOfficesState, now: datetime) -> list[DeadlineChange]:
    """A conclusion at ``now`` ends the notification's deadline, when it ends the latest period
    (one dated in an earlier period, entered late, leaves the current period's running)."""
    if state.awaiting_notification() is None or not state.in_current_period(now):
        return []
    return [DeadlineSettled(BUREAU_NOTIFICATION)]


def _record(event: EventPayload) -> Decision:
    """A single event at its catalogue classification, with no deadline change."""
    return Decision(events=[PendingEvent(event)])
