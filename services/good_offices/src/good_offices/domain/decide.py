"""``decide()``: what the good offices on a case record for a command, or why they refuse
(DESIGN.md §4).

Pure: ``now`` is the business time the command carries, given by the application, and every
deadline is computed from it with the configured ``ServiceLevels`` (P18-notify, Res. 35). What
the case register knows of the case (``case``) and the regional groups with a focal point on the
roster (``roster_regions``) are read by the application and passed in. Hard rules are checked by
``rules.py``, the fit with the case and the good offices by ``guards.py``; this module only
composes them and builds the events and deadline changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import assert_never

from good_offices.domain import guards, rules
from good_offices.domain.commands import (
    ActivateByBureauDecision,
    ActivateOnOwnInitiative,
    Conclude,
    ContinueUnder7a,
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
from good_offices.domain.state import BUREAU_NOTIFICATION, GoodOfficesState, travel_sharing_kind
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.good_offices import (
    ActivationBasis,
    Article97ReminderGiven,
    AssistanceEngagementRecorded,
    AssistanceRequested,
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
    TravelInformationRecorded,
    TravelInformationSharedWithCourt,
    TravelInformationSharingOverdue,
    TriggerInformationVerified,
)
from noncoop_shared.decisions import (
    DeadlineChange,
    DeadlineSet,
    DeadlineSettled,
    Decision,
    PendingEvent,
)

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
) -> Decision:
    """The events and deadline changes ``command`` leads to on the good offices ``state``.

    Raises a ``RuleViolationError`` subclass from ``rules.py`` when the procedures refuse it,
    ``NotFoundError`` when the case register holds no such case, ``InvalidTransitionError``
    when it does not fit the case or the good offices. The commands of policies and of the
    scheduler never raise for the state they find: they decide nothing instead, so a redelivery
    is harmless.
    """
    match command:
        case ActivateOnOwnInitiative():
            return _activate_on_own_initiative(state, command, case, now, levels)
        case ActivateByBureauDecision():
            return _activate_by_bureau_decision(state, command, case, now, levels)
        case RecordBureauNotification():
            return _record_bureau_notification(state, command, case, now)
        case RecordContact():
            guards.require_active(state, case)
            return _record(
                ContactRecorded(
                    case_id=state.case_id,
                    counterpart_kind=command.counterpart_kind,
                    counterpart=command.counterpart,
                    summary=command.summary,
                )
            )
        case RecordCourtConsultation():
            guards.require_active(state, case)
            return _record(CourtConsulted(case_id=state.case_id, summary=command.summary))
        case GiveArticle97Reminder():
            guards.require_active(state, case)
            return _record(Article97ReminderGiven(case_id=state.case_id, summary=command.summary))
        case RequestAssistance():
            return _request_assistance(state, command, case, roster_regions)
        case RecordAssistanceEngagement():
            guards.require_active(state, case)
            guards.require_assisting(state, command.region)
            return _record(
                AssistanceEngagementRecorded(
                    case_id=state.case_id, region=command.region, summary=command.summary
                )
            )
        case RecordVerification():
            guards.require_active(state, case)
            guards.require_verification_to_do(state)
            return _record(
                TriggerInformationVerified(
                    case_id=state.case_id, outcome=command.outcome, summary=command.summary
                )
            )
        case RecordSecretariatAssistance():
            guards.require_active(state, case)
            return _record(
                SecretariatAssistanceRecorded(case_id=state.case_id, summary=command.summary)
            )
        case SubmitReportToBureau():
            return _submit_report_to_bureau(state, command)
        case Conclude():
            return _conclude(state, command, case)
        case RecordTravelInformation():
            return _record_travel_information(state, command, case, now, levels)
        case ShareTravelInformationWithCourt():
            return _share_travel_information_with_court(state, command, now)
        case ContinueUnder7a():
            return _continue_under_7a(state)
        case NoteCaseClosed():
            return _note_case_closed(state)
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
    facts = guards.require_open_case(state, case)
    guards.require_inactive(state)
    basis = rules.own_initiative_basis(facts)
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
    levels: ServiceLevels,
) -> Decision:
    """P19: otherwise the President becomes active as decided by the Bureau."""
    facts = guards.require_open_case(state, case)
    guards.require_inactive(state)
    reference = rules.require_bureau_decision(facts, command.bureau_decision_reference)
    event = GoodOfficesActivated(
        case_id=state.case_id,
        basis=ActivationBasis.BUREAU_DECISION,
        bureau_decision_reference=reference,
    )
    return _activated(event)


def _activated(event: GoodOfficesActivated) -> Decision:
    """The President became active: the event says under which rule. P18-notify runs only on
    the President's own initiative: when the Bureau decided (P19), the Bureau already knows."""
    due = event.bureau_notification_due_at
    return Decision(
        events=[PendingEvent(event, rule=rules.ACTIVATION_RULES[event.basis])],
        deadlines=[] if due is None else [DeadlineSet(BUREAU_NOTIFICATION, due, "P18-notify")],
    )


def _record_bureau_notification(
    state: GoodOfficesState,
    command: RecordBureauNotification,
    case: CaseFacts | None,
    now: datetime,
) -> Decision:
    """P18-notify: done once per activation; late when done after its due time."""
    due_at = guards.require_notification_to_do(state, case)
    event = BureauNotifiedOfActivation(
        case_id=state.case_id, means=command.means, due_at=due_at, late=now > due_at
    )
    return Decision(events=[PendingEvent(event)], deadlines=[DeadlineSettled(BUREAU_NOTIFICATION)])


def _request_assistance(
    state: GoodOfficesState,
    command: RequestAssistance,
    case: CaseFacts | None,
    roster_regions: frozenset[RegionalGroup],
) -> Decision:
    """P20: a focal point on the roster, or a Bureau member, is asked to assist; a focal point
    asked is assigned to the case (it reads the case's restricted records)."""
    guards.require_active(state, case)
    guards.require_assistant(state, command, roster_regions)
    member = (command.bureau_member or "").strip() or None
    return _record(
        AssistanceRequested(
            case_id=state.case_id,
            assistant=command.assistant,
            region=command.region,
            bureau_member=member,
            summary=command.summary,
        )
    )


def _submit_report_to_bureau(state: GoodOfficesState, command: SubmitReportToBureau) -> Decision:
    """P21: the President reports on the engagement, also once it is concluded (the report on
    it usually follows), and also after the case closed."""
    guards.require_activated(state)
    return _record(
        ReportToBureauSubmitted(
            case_id=state.case_id,
            summary=command.summary,
            un_secretariat_information=command.un_secretariat_information,
        )
    )


def _conclude(state: GoodOfficesState, command: Conclude, case: CaseFacts | None) -> Decision:
    """The good offices end; the Bureau's notification is no longer awaited. Travel information
    still has to reach the Court (Res. 35), so its deadlines run on."""
    guards.require_active(state, case)
    guards.require_outcome_fits(state, command.outcome)
    event = GoodOfficesConcluded(
        case_id=state.case_id, outcome=command.outcome, summary=command.summary
    )
    return Decision(events=[PendingEvent(event)], deadlines=_settle_notification(state))


def _record_travel_information(
    state: GoodOfficesState,
    command: RecordTravelInformation,
    case: CaseFacts | None,
    now: datetime,
    levels: ServiceLevels,
) -> Decision:
    """Res. 35: travel information on an open case, whether or not the President is active, is
    shared with the Court promptly."""
    guards.require_open_case(state, case)
    guards.require_new_travel(state, command)
    event = TravelInformationRecorded(
        case_id=state.case_id,
        travel_id=command.travel_id,
        person=command.person,
        destination_state=command.destination_state,
        travel_from=command.travel_from,
        travel_to=command.travel_to,
        status=command.status,
        details=command.details,
        share_due_at=now + levels.travel_sharing,
    )
    return Decision(
        events=[PendingEvent(event)],
        deadlines=[DeadlineSet(travel_sharing_kind(event.travel_id), event.share_due_at, "Res35")],
    )


def _share_travel_information_with_court(
    state: GoodOfficesState, command: ShareTravelInformationWithCourt, now: datetime
) -> Decision:
    """Res. 35: shared once; late when shared after its due time."""
    record = guards.require_travel_to_share(state, command.travel_id)
    event = TravelInformationSharedWithCourt(
        case_id=state.case_id,
        travel_id=record.travel_id,
        channel=command.channel,
        due_at=record.due_at,
        late=now > record.due_at,
    )
    return Decision(
        events=[PendingEvent(event)],
        deadlines=[DeadlineSettled(travel_sharing_kind(record.travel_id))],
    )


def _continue_under_7a(state: GoodOfficesState) -> Decision:
    """S7b-to-7a: active good offices go on under 7(a), recorded once; anything else (never
    activated, concluded, already continued) decides nothing."""
    if not state.active or state.continued_under_7a:
        return Decision()
    return _record(GoodOfficesContinuedUnder7a(case_id=state.case_id))


def _note_case_closed(state: GoodOfficesState) -> Decision:
    """The register closed the case: active good offices conclude, once. Travel information
    still has to reach the Court (Res. 35), so its deadlines run on."""
    if not state.active:
        return Decision()
    event = GoodOfficesConcluded(case_id=state.case_id, outcome=Outcome.CASE_CLOSED)
    return Decision(events=[PendingEvent(event)], deadlines=_settle_notification(state))


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
    record = guards.require_travel_deadline(state, command.kind)
    if record.shared_at is not None or record.overdue or now < record.due_at:
        return Decision()
    event = TravelInformationSharingOverdue(
        case_id=state.case_id, travel_id=record.travel_id, due_at=record.due_at
    )
    return _record(event)


def _settle_notification(state: GoodOfficesState) -> list[DeadlineChange]:
    if state.awaiting_notification() is None:
        return []
    return [DeadlineSettled(BUREAU_NOTIFICATION)]


def _record(event: EventPayload) -> Decision:
    """A single event at its catalogue classification, with no deadline change."""
    return Decision(events=[PendingEvent(event)])
