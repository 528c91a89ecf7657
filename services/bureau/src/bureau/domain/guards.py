"""Refusals that are not hard rules of the procedures: the command does not fit the case or the
formal response as it stands.

They raise ``NotFoundError`` (no formal response, no such case in the register) or
``InvalidTransitionError`` (stopped, a step recorded twice, a reply before its letter...), each
with a sentence naming the case, the dates and the references involved. The hard rules (P14d,
P14g) live in ``rules.py``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bureau.domain.commands import OPEN_LETTER_REPLY
from bureau.domain.facts import CaseFacts
from bureau.domain.state import EmergencyMeeting, FormalResponseState, Invitation, OpenLetter
from bureau.domain.values import Meeting, Session
from bureau.domain.wording import day, moment, stop_phrase
from noncoop_shared.catalogue.bureau import Announcement
from noncoop_shared.errors import InvalidTransitionError, NotFoundError

_EARLIEST_TIME_ZONE = timedelta(hours=14)
"""UTC+14: a date has begun somewhere on Earth once UTC is 14 hours short of it."""


def utc_day(now: datetime) -> date:
    """The business day of ``now``, in UTC: the day deadlines are counted in."""
    return now.astimezone(UTC).date()


def require_begun(what: str, on: date, now: datetime) -> None:
    """Something that happened is dated on a day that has begun somewhere at ``now``."""
    if on > (now.astimezone(UTC) + _EARLIEST_TIME_ZONE).date():
        raise InvalidTransitionError(
            f"{what} is dated {day(on)}, a day that had not yet begun anywhere at {moment(now)}; "
            "record it once it has happened."
        )


def require_case(state: FormalResponseState, case: CaseFacts | None) -> CaseFacts:
    """The formal response acts only on a case the case register holds (404 for the caller)."""
    if case is None:
        raise NotFoundError(
            f"No case {state.case_id} is registered; the formal response acts only on a case "
            "that the case register holds."
        )
    return case


def require_opened(state: FormalResponseState) -> None:
    """A formal response exists once a Court decision addressed to the Assembly opened it."""
    if not state.opened:
        raise NotFoundError(
            f"There is no formal response on case {state.case_id}: it opens only on a decision "
            "of the Court addressed to the Assembly (annex II para 13)."
        )


def require_in_progress(state: FormalResponseState, case: CaseFacts | None) -> CaseFacts:
    """The formal response is open, not stopped, and the Court's decision still stands on an
    open case (the register may say so before the stop reaches this stream)."""
    require_opened(state)
    if state.stopped is not None:
        when = f" on {moment(state.stopped_at)}" if state.stopped_at else ""
        raise InvalidTransitionError(
            f"The formal response on case {state.case_id} stopped{when}: "
            f"{stop_phrase(state.stopped)}. No further step is recorded on it."
        )
    facts = require_case(state, case)
    if not facts.decision_in_force:
        raise InvalidTransitionError(
            f"The Court's decision {facts.court_decision_reference} on {facts.name} was "
            f"{facts.decision_status.value}; the formal response records no further step."
        )
    if facts.closed:
        raise InvalidTransitionError(
            f"Case {facts.case_id} ({facts.requested_state_code}) is closed; the formal response "
            "records no further step."
        )
    return facts


# --- (a) ----------------------------------------------------------------------------------------


def require_meeting_to_convene(state: FormalResponseState, meeting: Meeting) -> None:
    """P14a: one emergency meeting per case, and it is scheduled as an emergency meeting."""
    convened = state.emergency_meeting
    if convened is not None:
        raise InvalidTransitionError(
            f"An emergency Bureau meeting ({convened.meeting_id}, {day(convened.meets_on)}) was "
            f"already convened on case {state.case_id}; it is convened once (annex II para 14(a))."
        )
    if not meeting.emergency:
        raise InvalidTransitionError(
            f"Bureau meeting {meeting.meeting_id} of {day(meeting.meets_on)} is not scheduled as "
            "an emergency meeting; para 14(a) calls for an emergency meeting convened at short "
            "notice."
        )


def require_convened(state: FormalResponseState) -> EmergencyMeeting:
    if state.emergency_meeting is None:
        raise InvalidTransitionError(
            f"No emergency Bureau meeting was convened on case {state.case_id} "
            "(annex II para 14(a)); convene it first."
        )
    return state.emergency_meeting


def require_meeting_to_hold(
    state: FormalResponseState, held_on: date, now: datetime
) -> EmergencyMeeting:
    """P14a: the convened meeting is held once, on a day that has begun."""
    meeting = require_convened(state)
    if meeting.held_on is not None:
        raise InvalidTransitionError(
            f"The emergency Bureau meeting {meeting.meeting_id} on case {state.case_id} was "
            f"already held on {day(meeting.held_on)}."
        )
    require_begun(f"The emergency Bureau meeting {meeting.meeting_id}", held_on, now)
    return meeting


def require_announcement_to_make(
    state: FormalResponseState, announcement: Announcement
) -> EmergencyMeeting:
    """P14a: the convening is announced once convened, the decisions once held; each once."""
    meeting = require_convened(state)
    if announcement is Announcement.DECISIONS and meeting.held_on is None:
        raise InvalidTransitionError(
            f"The emergency Bureau meeting {meeting.meeting_id} on case {state.case_id} has not "
            "been held: its decisions are announced once it has decided (annex II para 14(a))."
        )
    if announcement in meeting.announced:
        raise InvalidTransitionError(
            f"The {announcement.value} of the emergency Bureau meeting {meeting.meeting_id} on "
            f"case {state.case_id} was already announced to the States Parties."
        )
    return meeting


# --- (b) ----------------------------------------------------------------------------------------


def require_letter_to_send(state: FormalResponseState, reply_due_on: date, now: datetime) -> None:
    """P14b: one open letter per case, asking for a reply by a day after the day it is sent."""
    letter = state.open_letter
    if letter is not None:
        raise InvalidTransitionError(
            f"The open letter {letter.reference} to the requested State on case "
            f"{state.case_id} was already sent on {day(letter.sent_on)}; it is sent once."
        )
    today = utc_day(now)
    if reply_due_on <= today:
        raise InvalidTransitionError(
            f"The open letter asks for the requested State's views by {day(reply_due_on)}, "
            f"which is not after the day it is sent ({day(today)}); give a due date in the "
            "future (annex II para 14(b): 'within a specified time')."
        )


def require_reply_awaited(
    state: FormalResponseState, received_on: date, now: datetime
) -> OpenLetter:
    """P14b: a reply follows the letter, once, and is dated between the letter and today."""
    letter = state.open_letter
    if letter is None:
        raise InvalidTransitionError(
            f"No open letter was sent to the requested State on case {state.case_id}: there is "
            "no reply to record (annex II para 14(b))."
        )
    if letter.reply_received_on is not None:
        raise InvalidTransitionError(
            f"The requested State's reply to the open letter {letter.reference} on case "
            f"{state.case_id} was already recorded, received on {day(letter.reply_received_on)}."
        )
    if received_on < letter.sent_on:
        raise InvalidTransitionError(
            f"A reply received on {day(received_on)} cannot answer the open letter "
            f"{letter.reference}, sent on {day(letter.sent_on)}."
        )
    require_begun("The reply to the open letter", received_on, now)
    return letter


# --- (c) and (d) --------------------------------------------------------------------------------


def require_invitation_to_send(state: FormalResponseState, meeting: Meeting) -> None:
    """P14c: the requested State is invited once, to a Bureau meeting not yet held."""
    invited = state.invitation
    if invited is not None:
        raise InvalidTransitionError(
            f"The requested State on case {state.case_id} was already invited to the Bureau "
            f"meeting {invited.meeting_id} of {day(invited.meets_on)} (annex II para 14(c))."
        )
    if meeting.held_on is not None:
        raise InvalidTransitionError(
            f"Bureau meeting {meeting.meeting_id} was already held on {day(meeting.held_on)}; "
            "the requested State is invited to the next Bureau meeting (annex II para 14(c))."
        )


def require_invited(state: FormalResponseState) -> Invitation:
    if state.invitation is None:
        raise InvalidTransitionError(
            f"The requested State on case {state.case_id} was not invited to a Bureau meeting "
            "(annex II para 14(c)); invite it first."
        )
    return state.invitation


def require_attendance_to_record(state: FormalResponseState) -> Invitation:
    invitation = require_invited(state)
    if invitation.attended is not None:
        said = "attended" if invitation.attended else "did not attend"
        raise InvalidTransitionError(
            f"It is already recorded that the requested State {said} the Bureau meeting "
            f"{invitation.meeting_id} on case {state.case_id}."
        )
    return invitation


def require_nywg_request_to_make(
    state: FormalResponseState, next_session: Session | None
) -> tuple[Invitation, Session]:
    """P14d's preconditions: not requested before, the Bureau meeting of (c) known, and a next
    session scheduled to measure against. The three-month rule itself is in ``rules.py``."""
    requested = state.nywg_request
    if requested is not None:
        raise InvalidTransitionError(
            f"A public meeting of the New York Working Group was already requested on case "
            f"{state.case_id} (Bureau meeting of {day(requested.bureau_meeting_on)})."
        )
    if state.invitation is None:
        raise InvalidTransitionError(
            f"The requested State on case {state.case_id} has not been invited to a Bureau "
            "meeting (annex II para 14(c)); a public meeting of the New York Working Group is "
            "requested only after that meeting (P14d)."
        )
    if next_session is None:
        raise InvalidTransitionError(
            f"No next Assembly session is scheduled, so it cannot be said whether it starts "
            f"more than three calendar months after the Bureau meeting of "
            f"{day(state.invitation.meets_on)} (P14d); schedule the session first."
        )
    return state.invitation, next_session


# --- (e), (f), (g) ------------------------------------------------------------------------------


def require_omnibus_noting_to_record(
    state: FormalResponseState, session: Session | None
) -> Session:
    """P14e: noted once, in the omnibus resolution of the next or on-going session."""
    if state.omnibus_session_id is not None:
        raise InvalidTransitionError(
            f"The Court's decision on case {state.case_id} was already noted in the omnibus "
            f"resolution of session {state.omnibus_session_id}."
        )
    if session is None:
        raise InvalidTransitionError(
            "No Assembly session is on-going or scheduled: the Court's decision is noted in the "
            "omnibus resolution of the next (or on-going) session (annex II para 14(e))."
        )
    return session


def require_plenary_to_record(state: FormalResponseState, session: Session, held_on: date) -> None:
    """P14f: the plenary discussion is recorded once, on a day of the session."""
    if state.plenary is not None:
        raise InvalidTransitionError(
            f"The plenary discussion on case {state.case_id} was already recorded (session "
            f"{state.plenary.session_id}, {day(state.plenary.held_on)})."
        )
    if not session.ongoing_on(held_on):
        raise InvalidTransitionError(
            f"Session {session.session_id} runs from {day(session.starts_on)} to "
            f"{day(session.ends_on)}: a plenary discussion on {day(held_on)} is not one of its "
            "meetings."
        )


def require_no_facilitator(state: FormalResponseState) -> None:
    if state.facilitator is not None:
        raise InvalidTransitionError(
            f"A facilitator was already appointed on case {state.case_id} for session "
            f"{state.facilitator.session_id} (annex II para 14(f))."
        )


def require_no_security_council_letter(state: FormalResponseState) -> None:
    if state.security_council_letter is not None:
        raise InvalidTransitionError(
            f"The President already wrote to the President of the Security Council on case "
            f"{state.case_id} ({state.security_council_letter})."
        )


def require_known_deadline(state: FormalResponseState, kind: str) -> None:
    """The scheduler fires only the deadlines this service set."""
    if kind != OPEN_LETTER_REPLY:
        raise InvalidTransitionError(
            f"The formal response on case {state.case_id} has no deadline {kind!r}; it tracks "
            f"{OPEN_LETTER_REPLY!r}."
        )
