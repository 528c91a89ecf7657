"""``decide()``: what the formal response on a case records for a command, or why it refuses
(docs/architecture.md §4).

Pure: ``now`` is the business time the command carries, given by the application. What the case
register knows of the case (``case``), the calendar's sessions (``sessions``) and the Bureau's
meetings (``meetings``) are read by the application and passed in; this module chooses from them
the meeting and the session each rule names ("the next Bureau meeting" of P14c, "the next (or
on-going) session" of P14d, P14e and P14f), never the caller. Rules with an id are checked by
``rules.py``, the fit with the case and the formal response by ``guards.py``; this module only
composes them and builds the events and deadline changes. Everything is judged at ``now``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import assert_never

from bureau.domain import guards, rules
from bureau.domain.commands import (
    OMNIBUS_NOTING,
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
    open_letter_reply_kind,
)
from bureau.domain.facts import CaseFacts
from bureau.domain.state import FormalResponseState, OpenLetter
from bureau.domain.values import Meeting
from noncoop_shared.calendar import CalendarSession, DueSession, next_or_ongoing_session
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.bureau import (
    Announcement,
    EmergencyMeetingAnnounced,
    EmergencyMeetingConvened,
    EmergencyMeetingHeld,
    FacilitatorAppointed,
    FormalResponseOpened,
    FormalResponseStopped,
    NywgPublicMeetingRequested,
    OmnibusNotingOverdue,
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
from noncoop_shared.rules import Rule

__all__ = ["FormalResponseCommand", "decide", "end_of_day", "reply_overdue_at"]


def decide(
    state: FormalResponseState,
    command: FormalResponseCommand,
    *,
    case: CaseFacts | None,
    now: datetime,
    sessions: Sequence[CalendarSession] = (),
    meetings: Sequence[Meeting] = (),
) -> Decision:
    """The events and deadline changes ``command`` leads to on the formal response ``state``,
    judged at business time ``now`` against ``sessions`` (the calendar's parts) and ``meetings``
    (the Bureau's meetings) as currently scheduled.

    Raises a ``RuleViolationError`` subclass from ``rules.py`` when the procedures refuse it
    (P14d, P14e, P14f, P14g), ``NotFoundError`` when there is no formal response, no such case
    in the register or no such meeting, ``InvalidTransitionError`` when it does not fit the case
    or the formal response (stopped, a step done twice...), ``BusinessTimeOutOfBoundsError``
    when it is dated before the fact it follows. The commands of policies and of the scheduler
    never raise for the state they find: they decide nothing instead, so a redelivery is
    harmless.
    """
    match command:
        case OpenFormalResponse():
            return _open(state, case, sessions)
        case StopFormalResponse():
            return _stop(state, command, case)
        case MarkDeadlineOverdue():
            return _mark_deadline_overdue(state, command, case, sessions, now)
        case ConveneEmergencyMeeting():
            guards.require_in_progress(state, case, now)
            meeting = guards.require_meeting(meetings, command.meeting_id)
            guards.require_meeting_to_convene(state, meeting)
            return _record(
                EmergencyMeetingConvened(
                    case_id=state.case_id, meeting_id=meeting.meeting_id, meets_on=meeting.meets_on
                )
            )
        case RecordEmergencyMeetingHeld():
            guards.require_in_progress(state, case, now)
            unheld = [m for m in state.emergency_meetings if m.held_on is None]
            held = guards.pick_emergency_meeting(
                state, command.meeting_id, awaiting="not yet held", candidates=unheld
            )
            guards.require_meeting_to_hold(state, held, command.held_on, now)
            return _record(
                EmergencyMeetingHeld(
                    case_id=state.case_id,
                    meeting_id=held.meeting_id,
                    held_on=command.held_on,
                    decisions=list(command.decisions),
                )
            )
        case AnnounceEmergencyMeeting():
            guards.require_in_progress(state, case, now)
            awaiting = [
                m
                for m in state.emergency_meetings
                if command.announcement not in m.announced
                and (command.announcement is Announcement.CONVENING or m.held_on is not None)
            ]
            announced = guards.pick_emergency_meeting(
                state,
                command.meeting_id,
                awaiting=f"awaiting the announcement of its {command.announcement.value}",
                candidates=awaiting,
            )
            guards.require_announcement_to_make(state, announced, command.announcement, now)
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
        case InviteRequestedState():
            guards.require_in_progress(state, case, now)
            meeting = guards.require_meeting_to_invite_to(state, meetings, command.meeting_id, now)
            return _record(
                RequestedStateInvited(
                    case_id=state.case_id, meeting_id=meeting.meeting_id, meets_on=meeting.meets_on
                )
            )
        case RecordAttendance():
            guards.require_in_progress(state, case, now)
            invitation, held_on = guards.require_attendance_to_record(state, meetings, now)
            return _record(
                RequestedStateAttendanceRecorded(
                    case_id=state.case_id,
                    meeting_id=invitation.meeting_id,
                    attended=command.attended,
                    held_on=held_on,
                )
            )
        case RequestNywgPublicMeeting():
            return _request_nywg_public_meeting(state, case, sessions, meetings, now)
        case RecordOmnibusNoting():
            return _record_omnibus_noting(state, command, case, sessions, now)
        case RecordPlenaryDiscussion():
            facts = guards.require_in_progress(state, case, now)
            guards.require_no_plenary(state)
            decided_on = guards.decision_day(state, facts)
            due = rules.require_plenary_session(sessions, decided_on, command.session_id)
            _require_day_of(due, command.held_on)
            guards.require_not_before(
                "The plenary discussion",
                command.held_on,
                "the Court decision",
                decided_on,
                field="body.held_on",
            )
            guards.require_begun("The plenary discussion", command.held_on, now)
            return _record(
                PlenaryDiscussionRecorded(
                    case_id=state.case_id, session_id=due.session_id, held_on=command.held_on
                )
            )
        case AppointFacilitator():
            facts = guards.require_in_progress(state, case, now)
            guards.require_no_facilitator(state)
            due = rules.require_plenary_session(
                sessions, guards.decision_day(state, facts), command.session_id
            )
            return _record(
                FacilitatorAppointed(
                    case_id=state.case_id,
                    session_id=due.session_id,
                    facilitator=command.facilitator,
                )
            )
        case SendSecurityCouncilLetter():
            facts = guards.require_in_progress(state, case, now)
            guards.require_no_security_council_letter(state)
            cited = command.decision_reference or facts.court_decision_reference
            rules.require_security_council_seized(facts, cited)
            return _record(
                SecurityCouncilLetterSent(
                    case_id=state.case_id,
                    letter_reference=command.letter_reference,
                    decision_reference=cited,
                )
            )
        case _:
            assert_never(command)


def end_of_day(last_day: date) -> datetime:
    """The instant a day is over: the start (UTC) of the next day."""
    return datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=UTC)


def reply_overdue_at(reply_due_on: date) -> datetime:
    """P14b: the reply is overdue once its due day is over."""
    return end_of_day(reply_due_on)


def _require_day_of(due: DueSession, held_on: date) -> None:
    """P14f: the plenary discussion is held on a day of one of the session's parts."""
    if any(part.runs_on(held_on) for part in due.parts):
        return
    spans = ", ".join(f"{p.starts_on.isoformat()} to {p.ends_on.isoformat()}" for p in due.parts)
    raise rules.PlenarySessionError(
        f"Session {due.session_id} runs {spans}: a plenary discussion on {held_on.isoformat()} "
        "is not one of its meetings (annex II para 14(f))."
    )


def _open(
    state: FormalResponseState, case: CaseFacts | None, sessions: Sequence[CalendarSession]
) -> Decision:
    """P13: opened once, on a Court decision addressed to the Assembly that still stands on an
    open case. A redelivery, or a decision the register already says was reversed or withdrawn,
    or a closed case, decides nothing. P14e: when the calendar already holds the session after
    the decision, the noting is due by the end of it."""
    if state.opened:
        return Decision()
    facts = guards.require_case(state, case)
    if not facts.decision_in_force or facts.closed:
        return Decision()
    opened = FormalResponseOpened(
        case_id=state.case_id,
        court_decision_reference=facts.court_decision_reference,
        referred_to_security_council=facts.referred_to_security_council,
        requested_state_code=facts.requested_state_code,
        court_decision_date=facts.decision_date,
    )
    deadlines: list[DeadlineChange] = []
    due = next_or_ongoing_session(sessions, facts.decision_date) if facts.decision_date else None
    if due is not None:
        deadlines.append(DeadlineSet(OMNIBUS_NOTING, end_of_day(due.closes_on), Rule.P14E))
    return Decision(events=[PendingEvent(opened)], deadlines=deadlines)


def _stop(
    state: FormalResponseState, command: StopFormalResponse, case: CaseFacts | None
) -> Decision:
    """The Court reversed or withdrew its decision, or the case closed: the steps not done stop,
    once; no reply is awaited and no noting is due any more. Nothing recorded changes."""
    if not state.in_progress:
        return Decision()
    seized = case.referred_to_security_council if case is not None else None
    event = FormalResponseStopped(
        case_id=state.case_id,
        reason=command.reason,
        remaining_steps=state.remaining_steps(referred_to_security_council=seized),
    )
    deadlines: list[DeadlineChange] = [
        DeadlineSettled(open_letter_reply_kind(letter.reference))
        for letter in state.awaited_letters()
    ]
    if state.omnibus_session_id is None:
        deadlines.append(DeadlineSettled(OMNIBUS_NOTING))
    return Decision(events=[PendingEvent(event)], deadlines=deadlines)


def _send_open_letter(
    state: FormalResponseState, command: SendOpenLetter, case: CaseFacts | None, now: datetime
) -> Decision:
    """P14b: each letter asks for a reply by a day after it is sent; each reply is tracked
    until the end of its day, under the letter's own deadline."""
    guards.require_in_progress(state, case, now)
    guards.require_letter_to_send(state, command.letter_reference, command.reply_due_on, now)
    event = OpenLetterSent(
        case_id=state.case_id,
        letter_reference=command.letter_reference,
        reply_due_on=command.reply_due_on,
    )
    deadline = DeadlineSet(
        open_letter_reply_kind(command.letter_reference),
        reply_overdue_at(command.reply_due_on),
        Rule.P14B,
    )
    return Decision(events=[PendingEvent(event)], deadlines=[deadline])


def _record_open_letter_reply(
    state: FormalResponseState,
    command: RecordOpenLetterReply,
    case: CaseFacts | None,
    now: datetime,
) -> Decision:
    """P14b: the reply to one letter, once; late when received after its due date (also after
    it was flagged overdue: a late reply is still the State's views)."""
    guards.require_in_progress(state, case, now)
    letter = guards.require_reply_awaited(state, command.letter_reference, command.received_on, now)
    event = OpenLetterReplyReceived(
        case_id=state.case_id,
        letter_reference=letter.reference,
        received_on=command.received_on,
        summary=command.summary,
        late=command.received_on > letter.reply_due_on,
    )
    settled = DeadlineSettled(open_letter_reply_kind(letter.reference))
    return Decision(events=[PendingEvent(event)], deadlines=[settled])


def _request_nywg_public_meeting(
    state: FormalResponseState,
    case: CaseFacts | None,
    sessions: Sequence[CalendarSession],
    meetings: Sequence[Meeting],
    now: datetime,
) -> Decision:
    """P14d: after the Bureau meeting of (c) was held, measured from the day it was held
    against the next (or on-going) session on that day."""
    guards.require_in_progress(state, case, now)
    guards.require_no_nywg_request(state)
    invitation, held_on = guards.invited_meeting_held_on(state, meetings)
    held = rules.require_bureau_meeting_held(
        state.case_id, invitation.meeting_id, invitation.meets_on, held_on, guards.utc_day(now)
    )
    due = rules.require_session_far_enough(state.case_id, held, sessions)
    return _record(
        NywgPublicMeetingRequested(
            case_id=state.case_id,
            bureau_meeting_on=held,
            next_session_id=due.session_id,
            next_session_starts_on=due.opens_on,
            bureau_meeting_id=invitation.meeting_id,
            session_must_start_after=rules.nywg_limit(held),
        )
    )


def _record_omnibus_noting(
    state: FormalResponseState,
    command: RecordOmnibusNoting,
    case: CaseFacts | None,
    sessions: Sequence[CalendarSession],
    now: datetime,
) -> Decision:
    """P14e: noted once, at the next (or on-going) session after the Court decision's date
    (computed here, never the caller's nor the recording day's), not before that session
    opened; the noting's deadline is settled."""
    facts = guards.require_in_progress(state, case, now)
    guards.require_no_omnibus_noting(state)
    decided_on = guards.decision_day(state, facts)
    due = rules.require_noting_session(sessions, decided_on, command.session_id)
    guards.require_not_before(
        "The noting in the omnibus resolution",
        guards.utc_day(now),
        f"the opening of session {due.session_id}",
        due.opens_on,
    )
    event = OmnibusNotingRecorded(
        case_id=state.case_id, session_id=due.session_id, court_decision_date=decided_on
    )
    return Decision(events=[PendingEvent(event)], deadlines=[DeadlineSettled(OMNIBUS_NOTING)])


def _mark_deadline_overdue(
    state: FormalResponseState,
    command: MarkDeadlineOverdue,
    case: CaseFacts | None,
    sessions: Sequence[CalendarSession],
    now: datetime,
) -> Decision:
    """The overdue event, exactly once, at business time ``now`` (the due instant): only when
    the step was not fulfilled (at any business time), the response had not stopped by then,
    and the step's due instant has passed as the stream and the calendar say now. Anything else
    decides nothing, so the scheduler may fire the same deadline twice, or early."""
    guards.require_known_deadline(state, command.kind)
    if not state.opened or state.stopped_by(now):
        return Decision()
    if command.kind == OMNIBUS_NOTING:
        return _noting_overdue(state, case, sessions, now)
    letter = _letter_of_deadline(state, command.kind)
    if (
        letter is None
        or not letter.reply_awaited
        or letter.overdue
        or now < reply_overdue_at(letter.reply_due_on)
    ):
        return Decision()
    return _record(
        OpenLetterReplyOverdue(
            case_id=state.case_id,
            reply_due_on=letter.reply_due_on,
            letter_reference=letter.reference,
        )
    )


def _letter_of_deadline(state: FormalResponseState, kind: str) -> OpenLetter | None:
    """The letter a deadline tracks; the kind without a reference is the first letter's (set
    when a case had one letter only)."""
    if kind == OPEN_LETTER_REPLY:
        return state.open_letters[0] if state.open_letters else None
    return state.open_letter(kind.removeprefix(f"{OPEN_LETTER_REPLY}:"))


def _noting_overdue(
    state: FormalResponseState,
    case: CaseFacts | None,
    sessions: Sequence[CalendarSession],
    now: datetime,
) -> Decision:
    """P14e: the session after the decision closed (as the calendar says now) without the
    noting."""
    if state.omnibus_session_id is not None or state.omnibus_overdue:
        return Decision()
    decided_on = guards.decision_day(state, case) if case is not None else state.opened_on
    due = next_or_ongoing_session(sessions, decided_on) if decided_on is not None else None
    if due is None or now < end_of_day(due.closes_on):
        return Decision()
    return _record(
        OmnibusNotingOverdue(
            case_id=state.case_id, session_id=due.session_id, session_closed_on=due.closes_on
        )
    )


def _record(event: EventPayload) -> Decision:
    """A single event at its catalogue classification, with no deadline change."""
    return Decision(events=[PendingEvent(event)])
