"""``decide()``: what the formal response on a case records for a command, or why it refuses
(DESIGN.md §4).

Pure: ``now`` is the business time the command carries, given by the application. What the case
register knows of the case (``case``) is read by the application and passed in; so are the
sessions and Bureau meetings, inside the commands. Hard rules are checked by ``rules.py``, the fit
with the case and the formal response by ``guards.py``; this module only composes them and builds
the events and deadline changes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import assert_never

from bureau.domain import guards, rules
from bureau.domain.commands import (
    OPEN_LETTER_REPLY,
    AnnounceEmergencyMeeting,
    AppointFacilitator,
    ConveneEmergencyMeeting,
    FormalResponseCommand,
    InviteRequestedState,
    MarkDeadlineOverdue,
    OpenFormalResponse,
    RecordAttendance,
    RecordEmergencyMeetingHeld,
    RecordOmnibusNoting,
    RecordOpenLetterReply,
    RecordPlenaryDiscussion,
    RequestNywgPublicMeeting,
    SendOpenLetter,
    SendSecurityCouncilLetter,
    StopFormalResponse,
)
from bureau.domain.facts import CaseFacts
from bureau.domain.state import FormalResponseState
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.bureau import (
    EmergencyMeetingAnnounced,
    EmergencyMeetingConvened,
    EmergencyMeetingHeld,
    FacilitatorAppointed,
    FormalResponseOpened,
    FormalResponseStopped,
    NywgPublicMeetingRequested,
    OmnibusNotingRecorded,
    OpenLetterReplyOverdue,
    OpenLetterReplyReceived,
    OpenLetterSent,
    PlenaryDiscussionRecorded,
    RequestedStateAttendanceRecorded,
    RequestedStateInvited,
    SecurityCouncilLetterSent,
)
from noncoop_shared.decisions import (
    DeadlineChange,
    DeadlineSet,
    DeadlineSettled,
    Decision,
    PendingEvent,
)

__all__ = ["FormalResponseCommand", "decide", "reply_overdue_at"]


def decide(
    state: FormalResponseState,
    command: FormalResponseCommand,
    *,
    case: CaseFacts | None,
    now: datetime,
) -> Decision:
    """The events and deadline changes ``command`` leads to on the formal response ``state``.

    Raises a ``RuleViolationError`` subclass from ``rules.py`` when the procedures refuse it
    (P14d, P14g), ``NotFoundError`` when there is no formal response or no such case in the
    register, ``InvalidTransitionError`` when it does not fit the case or the formal response
    (stopped, a step done twice...). The commands of policies and of the scheduler never raise
    for the state they find: they decide nothing instead, so a redelivery is harmless.
    """
    match command:
        case OpenFormalResponse():
            return _open(state, case)
        case StopFormalResponse():
            return _stop(state, command, case)
        case MarkDeadlineOverdue():
            return _mark_deadline_overdue(state, command, now)
        case ConveneEmergencyMeeting(meeting=meeting):
            guards.require_in_progress(state, case)
            guards.require_meeting_to_convene(state, meeting)
            return _record(
                EmergencyMeetingConvened(
                    case_id=state.case_id, meeting_id=meeting.meeting_id, meets_on=meeting.meets_on
                )
            )
        case RecordEmergencyMeetingHeld():
            guards.require_in_progress(state, case)
            held = guards.require_meeting_to_hold(state, command.held_on, now)
            return _record(
                EmergencyMeetingHeld(
                    case_id=state.case_id,
                    meeting_id=held.meeting_id,
                    held_on=command.held_on,
                    decisions=list(command.decisions),
                )
            )
        case AnnounceEmergencyMeeting():
            guards.require_in_progress(state, case)
            announced = guards.require_announcement_to_make(state, command.announcement)
            return _record(
                EmergencyMeetingAnnounced(
                    case_id=state.case_id,
                    meeting_id=announced.meeting_id,
                    announcement=command.announcement,
                    text=command.text,
                )
            )
        case SendOpenLetter():
            return _send_open_letter(state, command, case, now)
        case RecordOpenLetterReply():
            return _record_open_letter_reply(state, command, case, now)
        case InviteRequestedState(meeting=meeting):
            guards.require_in_progress(state, case)
            guards.require_invitation_to_send(state, meeting)
            return _record(
                RequestedStateInvited(
                    case_id=state.case_id, meeting_id=meeting.meeting_id, meets_on=meeting.meets_on
                )
            )
        case RecordAttendance():
            guards.require_in_progress(state, case)
            invitation = guards.require_attendance_to_record(state)
            return _record(
                RequestedStateAttendanceRecorded(
                    case_id=state.case_id,
                    meeting_id=invitation.meeting_id,
                    attended=command.attended,
                )
            )
        case RequestNywgPublicMeeting():
            return _request_nywg_public_meeting(state, command, case)
        case RecordOmnibusNoting():
            guards.require_in_progress(state, case)
            session = guards.require_omnibus_noting_to_record(state, command.session)
            return _record(
                OmnibusNotingRecorded(case_id=state.case_id, session_id=session.session_id)
            )
        case RecordPlenaryDiscussion():
            guards.require_in_progress(state, case)
            guards.require_plenary_to_record(state, command.session, command.held_on)
            guards.require_begun("The plenary discussion", command.held_on, now)
            return _record(
                PlenaryDiscussionRecorded(
                    case_id=state.case_id,
                    session_id=command.session.session_id,
                    held_on=command.held_on,
                )
            )
        case AppointFacilitator():
            guards.require_in_progress(state, case)
            guards.require_no_facilitator(state)
            return _record(
                FacilitatorAppointed(
                    case_id=state.case_id,
                    session_id=command.session.session_id,
                    facilitator=command.facilitator,
                )
            )
        case SendSecurityCouncilLetter():
            facts = guards.require_in_progress(state, case)
            guards.require_no_security_council_letter(state)
            rules.require_security_council_seized(facts)
            return _record(
                SecurityCouncilLetterSent(
                    case_id=state.case_id, letter_reference=command.letter_reference
                )
            )
        case _:
            assert_never(command)


def reply_overdue_at(reply_due_on: date) -> datetime:
    """P14b: the reply is overdue once its due day is over, at the start (UTC) of the next day."""
    return datetime.combine(reply_due_on + timedelta(days=1), time(0), tzinfo=UTC)


def _open(state: FormalResponseState, case: CaseFacts | None) -> Decision:
    """P13: opened once, on a Court decision addressed to the Assembly that still stands on an
    open case. A redelivery, or a decision the register already says was reversed or withdrawn,
    or a closed case, decides nothing."""
    if state.opened:
        return Decision()
    facts = guards.require_case(state, case)
    if not facts.decision_in_force or facts.closed:
        return Decision()
    return _record(
        FormalResponseOpened(
            case_id=state.case_id,
            court_decision_reference=facts.court_decision_reference,
            referred_to_security_council=facts.referred_to_security_council,
            requested_state_code=facts.requested_state_code,
        )
    )


def _stop(
    state: FormalResponseState, command: StopFormalResponse, case: CaseFacts | None
) -> Decision:
    """The Court reversed or withdrew its decision, or the case closed: the steps not done stop,
    once, and the reply to the open letter is no longer awaited. Nothing recorded changes."""
    if not state.in_progress:
        return Decision()
    seized = case.referred_to_security_council if case is not None else None
    event = FormalResponseStopped(
        case_id=state.case_id,
        reason=command.reason,
        remaining_steps=state.remaining_steps(referred_to_security_council=seized),
    )
    deadlines: list[DeadlineChange] = (
        [DeadlineSettled(OPEN_LETTER_REPLY)] if state.reply_awaited() else []
    )
    return Decision(events=[PendingEvent(event)], deadlines=deadlines)


def _send_open_letter(
    state: FormalResponseState, command: SendOpenLetter, case: CaseFacts | None, now: datetime
) -> Decision:
    """P14b: the letter asks for a reply by a day after it is sent; the reply is tracked until
    the end of that day."""
    guards.require_in_progress(state, case)
    guards.require_letter_to_send(state, command.reply_due_on, now)
    event = OpenLetterSent(
        case_id=state.case_id,
        letter_reference=command.letter_reference,
        reply_due_on=command.reply_due_on,
    )
    deadline = DeadlineSet(OPEN_LETTER_REPLY, reply_overdue_at(command.reply_due_on), "P14b")
    return Decision(events=[PendingEvent(event)], deadlines=[deadline])


def _record_open_letter_reply(
    state: FormalResponseState,
    command: RecordOpenLetterReply,
    case: CaseFacts | None,
    now: datetime,
) -> Decision:
    """P14b: the reply, once; late when received after its due date (also after it was flagged
    overdue: a late reply is still the State's views)."""
    guards.require_in_progress(state, case)
    letter = guards.require_reply_awaited(state, command.received_on, now)
    event = OpenLetterReplyReceived(
        case_id=state.case_id,
        received_on=command.received_on,
        summary=command.summary,
        late=command.received_on > letter.reply_due_on,
    )
    return Decision(events=[PendingEvent(event)], deadlines=[DeadlineSettled(OPEN_LETTER_REPLY)])


def _request_nywg_public_meeting(
    state: FormalResponseState, command: RequestNywgPublicMeeting, case: CaseFacts | None
) -> Decision:
    """P14d: measured against the Bureau meeting of (c) and the next session as scheduled now."""
    guards.require_in_progress(state, case)
    invitation, session = guards.require_nywg_request_to_make(state, command.next_session)
    rules.require_session_far_enough(state.case_id, invitation.meets_on, session)
    return _record(
        NywgPublicMeetingRequested(
            case_id=state.case_id,
            bureau_meeting_on=invitation.meets_on,
            next_session_id=session.session_id,
            next_session_starts_on=session.starts_on,
        )
    )


def _mark_deadline_overdue(
    state: FormalResponseState, command: MarkDeadlineOverdue, now: datetime
) -> Decision:
    """The overdue event, exactly once: only while the reply is awaited on a formal response in
    progress, not yet flagged, and its due day is over. Anything else decides nothing, so the
    scheduler may fire the same deadline twice, or early."""
    guards.require_known_deadline(state, command.kind)
    letter = state.open_letter
    if (
        not state.in_progress
        or letter is None
        or not letter.reply_awaited
        or letter.overdue
        or guards.utc_day(now) <= letter.reply_due_on
    ):
        return Decision()
    return _record(OpenLetterReplyOverdue(case_id=state.case_id, reply_due_on=letter.reply_due_on))


def _record(event: EventPayload) -> Decision:
    """A single event at its catalogue classification, with no deadline change."""
    return Decision(events=[PendingEvent(event)])
