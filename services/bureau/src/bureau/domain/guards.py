"""Refusals that are not rules with their own id: the command does not fit the case or the
formal response as it stood at the command's business time.

They raise ``NotFoundError`` (no formal response, no such case or meeting), ``InvalidTransition
Error`` (stopped, a step recorded twice...) or ``BusinessTimeOutOfBoundsError`` (a step dated
before the fact it follows: a reply before its letter, a held day before the meeting was
convened, anything before the Court decision that opened the response), each with a sentence
naming the case, the dates and the references involved. Every guard judges in business time
(ADR 0015): a fact dated after the command does not refuse it, whatever the order of arrival.
The rules with an id (P14d, P14e, P14f, P14g) live in ``rules.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from bureau.domain.commands import OMNIBUS_NOTING, OPEN_LETTER_REPLY
from bureau.domain.facts import CaseFacts
from bureau.domain.meetings import next_meeting_after
from bureau.domain.state import EmergencyMeeting, FormalResponseState, Invitation, OpenLetter
from bureau.domain.values import Meeting
from bureau.domain.wording import day, moment, stop_phrase
from noncoop_shared.catalogue.bureau import Announcement
from noncoop_shared.errors import (
    BusinessTimeOutOfBoundsError,
    InvalidTransitionError,
    NotFoundError,
)

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


def require_not_before(
    what: str, on: date, fact: str, fact_on: date, *, field: str = "body.occurred_at"
) -> None:
    """Time: a step is not dated before the fact it follows."""
    if on < fact_on:
        raise BusinessTimeOutOfBoundsError(
            f"{what} is dated {day(on)}, before {fact} ({day(fact_on)}) it follows.", field=field
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


def decision_day(state: FormalResponseState, case: CaseFacts) -> date:
    """The Court decision's date: the first day a step can be dated, and the day P14e and P14f
    count "the next (or on-going) session" from."""
    return state.court_decision_date or case.decision_date or state.opened_on or date.min


def require_in_progress(
    state: FormalResponseState, case: CaseFacts | None, now: datetime
) -> CaseFacts:
    """At business time ``now``: the formal response had opened and not stopped, the Court's
    decision stood and the case was open; ``now`` is not before the Court decision. A stop,
    reversal or closure dated after ``now`` does not refuse the step, even if recorded first.
    The case's facts as they stood at ``now``."""
    require_opened(state)
    if state.stopped is not None and state.stopped_by(now):
        when = f" on {moment(state.stopped_at)}" if state.stopped_at else ""
        raise InvalidTransitionError(
            f"The formal response on case {state.case_id} stopped{when}: "
            f"{stop_phrase(state.stopped)}. No step dated {moment(now)} is recorded on it."
        )
    facts = require_case(state, case).as_of(now)
    if not facts.decision_in_force:
        raise InvalidTransitionError(
            f"On {moment(now)} the Court's decision {facts.court_decision_reference} on "
            f"{facts.name} was {facts.decision_status.value}; the formal response records no "
            "step dated after that."
        )
    if facts.closed:
        raise InvalidTransitionError(
            f"On {moment(now)} case {facts.case_id} ({facts.requested_state_code}) was closed; "
            "the formal response records no step dated after that."
        )
    require_not_before(
        "The step",
        utc_day(now),
        f"the Court decision {facts.court_decision_reference}",
        decision_day(state, facts),
    )
    return facts


def require_meeting(meetings: Sequence[Meeting], meeting_id: str) -> Meeting:
    found = next((m for m in meetings if m.meeting_id == meeting_id), None)
    if found is None:
        raise NotFoundError(f"No Bureau meeting {meeting_id} is scheduled.")
    return found


# --- (a) ----------------------------------------------------------------------------------------


def require_meeting_to_convene(state: FormalResponseState, meeting: Meeting) -> None:
    """P14a: an emergency meeting is convened once on a case (several meetings may be), and it
    is scheduled as an emergency meeting."""
    if state.emergency_meeting(meeting.meeting_id) is not None:
        raise InvalidTransitionError(
            f"The emergency Bureau meeting {meeting.meeting_id} ({day(meeting.meets_on)}) was "
            f"already convened on case {state.case_id}."
        )
    if not meeting.emergency:
        raise InvalidTransitionError(
            f"Bureau meeting {meeting.meeting_id} of {day(meeting.meets_on)} is not scheduled as "
            "an emergency meeting; para 14(a) calls for an emergency meeting convened at short "
            "notice."
        )


def pick_emergency_meeting(
    state: FormalResponseState,
    meeting_id: str | None,
    *,
    awaiting: str,
    candidates: Sequence[EmergencyMeeting],
) -> EmergencyMeeting:
    """The emergency meeting a command is about: the one named, else the only candidate."""
    if meeting_id is not None:
        named = state.emergency_meeting(meeting_id)
        if named is None:
            raise InvalidTransitionError(
                f"No emergency Bureau meeting {meeting_id} was convened on case {state.case_id} "
                "(annex II para 14(a)); convene it first."
            )
        return named
    if not state.emergency_meetings:
        raise InvalidTransitionError(
            f"No emergency Bureau meeting was convened on case {state.case_id} "
            "(annex II para 14(a)); convene it first."
        )
    if len(candidates) != 1:
        ids = ", ".join(m.meeting_id for m in candidates) or "none"
        raise InvalidTransitionError(
            f"Name the emergency Bureau meeting on case {state.case_id} {awaiting} "
            f"(meeting_id); the meetings {awaiting} are: {ids}."
        )
    return candidates[0]


def require_meeting_to_hold(
    state: FormalResponseState, meeting: EmergencyMeeting, held_on: date, now: datetime
) -> None:
    """P14a: the convened meeting is held once, not before it was convened, on a day begun."""
    if meeting.held_on is not None:
        raise InvalidTransitionError(
            f"The emergency Bureau meeting {meeting.meeting_id} on case {state.case_id} was "
            f"already held on {day(meeting.held_on)}."
        )
    require_not_before(
        f"The emergency Bureau meeting {meeting.meeting_id}",
        held_on,
        "the day it was convened",
        meeting.convened_on,
        field="body.held_on",
    )
    require_begun(f"The emergency Bureau meeting {meeting.meeting_id}", held_on, now)


def require_announcement_to_make(
    state: FormalResponseState, meeting: EmergencyMeeting, announcement: Announcement, now: datetime
) -> None:
    """P14a: the convening is announced once convened, the decisions once held; each once, and
    not dated before what it announces."""
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
    if announcement is Announcement.DECISIONS and meeting.held_on is not None:
        require_not_before(
            "The announcement of the decisions", utc_day(now), "the meeting", meeting.held_on
        )
    require_not_before(
        "The announcement", utc_day(now), "the convening of the meeting", meeting.convened_on
    )


# --- (b) ----------------------------------------------------------------------------------------


def require_letter_to_send(
    state: FormalResponseState, reference: str, reply_due_on: date, now: datetime
) -> None:
    """P14b: each letter once (by its reference), asking for a reply by a day after it is
    sent."""
    sent = state.open_letter(reference)
    if sent is not None:
        raise InvalidTransitionError(
            f"The open letter {reference} to the requested State on case {state.case_id} was "
            f"already sent on {day(sent.sent_on)}; a further letter has its own reference."
        )
    today = utc_day(now)
    if reply_due_on <= today:
        raise InvalidTransitionError(
            f"The open letter asks for the requested State's views by {day(reply_due_on)}, "
            f"which is not after the day it is sent ({day(today)}); give a due date after it "
            "(annex II para 14(b): 'within a specified time')."
        )


def require_reply_awaited(
    state: FormalResponseState, reference: str | None, received_on: date, now: datetime
) -> OpenLetter:
    """P14b: a reply follows its letter, once, and is dated between the letter and today."""
    letter = _pick_letter(state, reference)
    if letter.reply_received_on is not None:
        raise InvalidTransitionError(
            f"The requested State's reply to the open letter {letter.reference} on case "
            f"{state.case_id} was already recorded, received on {day(letter.reply_received_on)}."
        )
    require_not_before(
        f"The reply to the open letter {letter.reference}",
        received_on,
        "the letter",
        letter.sent_on,
        field="body.received_on",
    )
    require_not_before(
        f"The record of the reply to {letter.reference}", utc_day(now), "the letter", letter.sent_on
    )
    require_begun("The reply to the open letter", received_on, now)
    return letter


def _pick_letter(state: FormalResponseState, reference: str | None) -> OpenLetter:
    if not state.open_letters:
        raise InvalidTransitionError(
            f"No open letter was sent to the requested State on case {state.case_id}: there is "
            "no reply to record (annex II para 14(b))."
        )
    if reference is not None:
        letter = state.open_letter(reference)
        if letter is None:
            raise InvalidTransitionError(
                f"No open letter {reference} was sent to the requested State on case "
                f"{state.case_id}."
            )
        return letter
    awaited = state.awaited_letters()
    if len(awaited) != 1:
        refs = ", ".join(x.reference for x in awaited) or "none"
        raise InvalidTransitionError(
            f"Name the open letter the reply answers (letter_reference); on case "
            f"{state.case_id} the letters awaiting a reply are: {refs}."
        )
    return awaited[0]


# --- (c) ----------------------------------------------------------------------------------------


def require_meeting_to_invite_to(
    state: FormalResponseState, meetings: Sequence[Meeting], meeting_id: str | None, now: datetime
) -> Meeting:
    """P14c: the requested State is invited once, to the next Bureau meeting after the day of
    the invitation (or the meeting named, if not held before that day)."""
    invited = state.invitation
    if invited is not None:
        raise InvalidTransitionError(
            f"The requested State on case {state.case_id} was already invited to the Bureau "
            f"meeting {invited.meeting_id} of {day(invited.meets_on)} (annex II para 14(c))."
        )
    today = utc_day(now)
    if meeting_id is None:
        upcoming = next_meeting_after(meetings, today)
        if upcoming is None:
            raise InvalidTransitionError(
                f"No Bureau meeting is scheduled after {day(today)}: the requested State is "
                "invited to the next Bureau meeting (annex II para 14(c)); schedule it first."
            )
        return upcoming
    meeting = require_meeting(meetings, meeting_id)
    if meeting.held_on is not None and meeting.held_on < today:
        raise InvalidTransitionError(
            f"Bureau meeting {meeting.meeting_id} was held on {day(meeting.held_on)}, before the "
            f"invitation of {day(today)}; the requested State is invited to the next Bureau "
            "meeting (annex II para 14(c))."
        )
    return meeting


def require_attendance_to_record(
    state: FormalResponseState, meetings: Sequence[Meeting], now: datetime
) -> tuple[Invitation, date]:
    """P14c: the invited meeting has been held (by the command's business day, not before the
    invitation) and the attendance is recorded once; the invitation and the held day."""
    invitation = state.invitation
    if invitation is None:
        raise InvalidTransitionError(
            f"The requested State on case {state.case_id} was not invited to a Bureau meeting "
            "(annex II para 14(c)); invite it first."
        )
    if invitation.attended is not None:
        said = "attended" if invitation.attended else "did not attend"
        raise InvalidTransitionError(
            f"It is already recorded that the requested State {said} the Bureau meeting "
            f"{invitation.meeting_id} on case {state.case_id}."
        )
    held_on = require_meeting(meetings, invitation.meeting_id).held_on
    if held_on is None:
        raise InvalidTransitionError(
            f"The Bureau meeting {invitation.meeting_id} (scheduled for "
            f"{day(invitation.meets_on)}) has not been recorded as held; the requested State's "
            "attendance is recorded once it has been held (annex II para 14(c))."
        )
    require_not_before(
        "The attendance", utc_day(now), f"the Bureau meeting {invitation.meeting_id}", held_on
    )
    if held_on < invitation.invited_on:
        raise InvalidTransitionError(
            f"The Bureau meeting {invitation.meeting_id} was held on {day(held_on)}, before the "
            f"requested State was invited to it on {day(invitation.invited_on)}; it is not the "
            "meeting the State was invited to (annex II para 14(c))."
        )
    return invitation, held_on


def invited_meeting_held_on(
    state: FormalResponseState, meetings: Sequence[Meeting]
) -> tuple[Invitation, date | None]:
    """P14d: the meeting of (c) and the day it was held (as recorded with the attendance, else
    as the Bureau's meetings say), ``None`` when not held."""
    invitation = state.invitation
    if invitation is None:
        raise InvalidTransitionError(
            f"The requested State on case {state.case_id} has not been invited to a Bureau "
            "meeting (annex II para 14(c)); a public meeting of the New York Working Group is "
            "requested only after that meeting (P14d)."
        )
    if invitation.held_on is not None:
        return invitation, invitation.held_on
    found = next((m for m in meetings if m.meeting_id == invitation.meeting_id), None)
    return invitation, found.held_on if found is not None else None


def require_no_nywg_request(state: FormalResponseState) -> None:
    requested = state.nywg_request
    if requested is not None:
        raise InvalidTransitionError(
            f"A public meeting of the New York Working Group was already requested on case "
            f"{state.case_id} (Bureau meeting of {day(requested.bureau_meeting_on)})."
        )


# --- (e), (f), (g) ------------------------------------------------------------------------------


def require_no_omnibus_noting(state: FormalResponseState) -> None:
    if state.omnibus_session_id is not None:
        raise InvalidTransitionError(
            f"The Court's decision on case {state.case_id} was already noted in the omnibus "
            f"resolution of session {state.omnibus_session_id}."
        )


def require_no_plenary(state: FormalResponseState) -> None:
    if state.plenary is not None:
        raise InvalidTransitionError(
            f"The plenary discussion on case {state.case_id} was already recorded (session "
            f"{state.plenary.session_id}, {day(state.plenary.held_on)})."
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
    """The scheduler fires only the deadlines this service sets."""
    if (
        kind != OMNIBUS_NOTING
        and kind != OPEN_LETTER_REPLY
        and not kind.startswith(f"{OPEN_LETTER_REPLY}:")
    ):
        raise InvalidTransitionError(
            f"The formal response on case {state.case_id} has no deadline {kind!r}; it tracks "
            f"{OPEN_LETTER_REPLY!r} per letter and {OMNIBUS_NOTING!r}."
        )
