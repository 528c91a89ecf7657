"""The state of the formal response on one case, folded from its ``formal-response:<case id>``
stream.

``fold`` replays the stream from its first event; ``evolve`` applies one event. Both are pure:
the business time of each event (``occurred_at``) comes with it and is kept where a guard
compares with it (the day a letter went out bounds its reply; the day a stop took effect bounds
the steps after it; the day an emergency meeting was convened bounds the day it was held).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TypeVar, assert_never

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
    StopReason,
)
from noncoop_shared.rules import Rule

_STREAM_EVENTS = (
    FormalResponseOpened,
    EmergencyMeetingConvened,
    EmergencyMeetingHeld,
    EmergencyMeetingAnnounced,
    OpenLetterSent,
    OpenLetterReplyReceived,
    OpenLetterReplyOverdue,
    RequestedStateInvited,
    RequestedStateAttendanceRecorded,
    NywgPublicMeetingRequested,
    OmnibusNotingRecorded,
    OmnibusNotingOverdue,
    PlenaryDiscussionRecorded,
    FacilitatorAppointed,
    SecurityCouncilLetterSent,
    FormalResponseStopped,
)

_Step = TypeVar("_Step")


@dataclass(frozen=True)
class EmergencyMeeting:
    """P14a: one emergency meeting convened on the case, once held, and what was announced."""

    meeting_id: str
    meets_on: date
    convened_on: date
    held_on: date | None = None
    decisions: tuple[str, ...] = ()
    announced: frozenset[Announcement] = frozenset()

    @property
    def done(self) -> bool:
        """Held, and both its convening and its decisions announced to States Parties."""
        return self.held_on is not None and self.announced == frozenset(Announcement)


@dataclass(frozen=True)
class OpenLetter:
    """P14b: one open letter and the requested State's reply, or the due date passing."""

    reference: str
    sent_on: date
    reply_due_on: date
    reply_received_on: date | None = None
    late: bool = False
    overdue: bool = False

    @property
    def reply_awaited(self) -> bool:
        return self.reply_received_on is None


@dataclass(frozen=True)
class Invitation:
    """P14c: the Bureau meeting the requested State was invited to; once held, the day it was
    held and the State's attendance (P14c is done then)."""

    meeting_id: str
    meets_on: date
    invited_on: date
    attended: bool | None = None
    held_on: date | None = None

    @property
    def done(self) -> bool:
        return self.attended is not None


@dataclass(frozen=True)
class NywgRequest:
    """P14d: what the request to the New York Working Group was measured against."""

    bureau_meeting_on: date
    next_session_id: str
    next_session_starts_on: date


@dataclass(frozen=True)
class PlenaryDiscussion:
    session_id: str
    held_on: date


@dataclass(frozen=True)
class Facilitator:
    session_id: str
    name: str


@dataclass(frozen=True)
class FormalResponseState:
    """What this service knows of the formal response on one case; ``opened`` is False before
    the stream's first event. Several emergency meetings (P14a) and open letters (P14b) may be
    recorded; they are kept in the order recorded."""

    case_id: str = ""
    court_decision_reference: str = ""
    court_decision_date: date | None = None
    referred_to_security_council: bool = False
    """As the Court decided when the response opened; amendments reach ``decide()`` as
    ``CaseFacts``, which P14g reads."""
    requested_state_code: str = ""
    opened_at: datetime | None = None
    emergency_meetings: tuple[EmergencyMeeting, ...] = ()
    open_letters: tuple[OpenLetter, ...] = ()
    invitation: Invitation | None = None
    nywg_request: NywgRequest | None = None
    omnibus_session_id: str | None = None
    omnibus_overdue: bool = False
    plenary: PlenaryDiscussion | None = None
    facilitator: Facilitator | None = None
    security_council_letter: str | None = None
    stopped: StopReason | None = None
    stopped_at: datetime | None = None
    version: int = 0

    @property
    def opened(self) -> bool:
        return self.opened_at is not None

    @property
    def opened_on(self) -> date | None:
        """The first day a step can be dated: the Court decision's date (the day the response
        opened on records made before the date was kept)."""
        if self.court_decision_date is not None:
            return self.court_decision_date
        return self.opened_at.astimezone(UTC).date() if self.opened_at is not None else None

    def stopped_by(self, at: datetime) -> bool:
        """The response had stopped at business time ``at`` (a stop dated later had not)."""
        return self.stopped_at is not None and self.stopped_at <= at

    @property
    def in_progress(self) -> bool:
        return self.opened and self.stopped is None

    def emergency_meeting(self, meeting_id: str) -> EmergencyMeeting | None:
        return next((m for m in self.emergency_meetings if m.meeting_id == meeting_id), None)

    def open_letter(self, reference: str) -> OpenLetter | None:
        return next((x for x in self.open_letters if x.reference == reference), None)

    def awaited_letters(self) -> tuple[OpenLetter, ...]:
        """P14b: the letters whose reply is still awaited (overdue or not)."""
        return tuple(x for x in self.open_letters if x.reply_awaited)

    def remaining_steps(self, *, referred_to_security_council: bool | None = None) -> list[str]:
        """The steps of para 14 not yet done, by rule id, in the order of the paragraph.

        A step is done when: (a) a meeting was held and its convening and decisions announced;
        (b) a letter went out and each letter's reply came or its due date passed; (c) the
        meeting the requested State was invited to was held and its attendance recorded; (d),
        (e), (g) the request, the noting or the letter recorded; (f) the plenary discussion
        recorded (the facilitator is optional). (g) is a step only where the Court referred the
        matter to the Security Council: as the register says now when given, else as it said
        when the response opened.
        """
        seized = (
            self.referred_to_security_council
            if referred_to_security_council is None
            else referred_to_security_council
        )
        letters = self.open_letters
        done = {
            Rule.P14A: any(m.done for m in self.emergency_meetings),
            Rule.P14B: bool(letters) and all(not x.reply_awaited or x.overdue for x in letters),
            Rule.P14C: self.invitation is not None and self.invitation.done,
            Rule.P14D: self.nywg_request is not None,
            Rule.P14E: self.omnibus_session_id is not None,
            Rule.P14F: self.plenary is not None,
            Rule.P14G: self.security_council_letter is not None or not seized,
        }
        return [str(step) for step, is_done in done.items() if not is_done]


def fold(events: Iterable[tuple[EventPayload, datetime]], *, case_id: str) -> FormalResponseState:
    """The state after the events of the stream of ``case_id``, in stream order, with their
    business time. The case id is given because an empty stream still belongs to a case."""
    state = FormalResponseState(case_id=case_id)
    for payload, occurred_at in events:
        state = evolve(state, payload, occurred_at)
    return state


def evolve(
    state: FormalResponseState, payload: EventPayload, occurred_at: datetime
) -> FormalResponseState:
    """The state after one more event of the stream."""
    if not isinstance(payload, _STREAM_EVENTS):
        raise TypeError(f"{type(payload).__name__} is not an event of a formal-response stream")
    if state.case_id and payload.case_id != state.case_id:
        raise ValueError(
            f"an event of case {payload.case_id} cannot be folded into the formal response on "
            f"case {state.case_id}"
        )
    state = replace(state, case_id=payload.case_id, version=state.version + 1)
    on = occurred_at.astimezone(UTC).date()
    match payload:
        case FormalResponseOpened():
            return replace(
                state,
                court_decision_reference=payload.court_decision_reference,
                court_decision_date=payload.court_decision_date,
                referred_to_security_council=payload.referred_to_security_council,
                requested_state_code=payload.requested_state_code,
                opened_at=occurred_at,
            )
        case EmergencyMeetingConvened():
            meeting = EmergencyMeeting(payload.meeting_id, payload.meets_on, convened_on=on)
            return replace(state, emergency_meetings=(*state.emergency_meetings, meeting))
        case EmergencyMeetingHeld():
            held = replace(
                _required(state.emergency_meeting(payload.meeting_id), payload),
                held_on=payload.held_on,
                decisions=tuple(payload.decisions),
            )
            return _with_meeting(state, held)
        case EmergencyMeetingAnnounced():
            meeting = _required(state.emergency_meeting(payload.meeting_id), payload)
            announced = replace(meeting, announced=meeting.announced | {payload.announcement})
            return _with_meeting(state, announced)
        case OpenLetterSent():
            letter = OpenLetter(
                payload.letter_reference, sent_on=on, reply_due_on=payload.reply_due_on
            )
            return replace(state, open_letters=(*state.open_letters, letter))
        case OpenLetterReplyReceived():
            letter = replace(
                _letter(state, payload.letter_reference, payload),
                reply_received_on=payload.received_on,
                late=payload.late,
            )
            return _with_letter(state, letter)
        case OpenLetterReplyOverdue():
            letter = replace(_letter(state, payload.letter_reference, payload), overdue=True)
            return _with_letter(state, letter)
        case RequestedStateInvited():
            invitation = Invitation(payload.meeting_id, payload.meets_on, invited_on=on)
            return replace(state, invitation=invitation)
        case RequestedStateAttendanceRecorded():
            invitation = replace(
                _required(state.invitation, payload),
                attended=payload.attended,
                held_on=payload.held_on,
            )
            return replace(state, invitation=invitation)
        case NywgPublicMeetingRequested():
            request = NywgRequest(
                payload.bureau_meeting_on, payload.next_session_id, payload.next_session_starts_on
            )
            return replace(state, nywg_request=request)
        case OmnibusNotingRecorded():
            return replace(state, omnibus_session_id=payload.session_id)
        case OmnibusNotingOverdue():
            return replace(state, omnibus_overdue=True)
        case PlenaryDiscussionRecorded():
            plenary = PlenaryDiscussion(payload.session_id, payload.held_on)
            return replace(state, plenary=plenary)
        case FacilitatorAppointed():
            facilitator = Facilitator(payload.session_id, payload.facilitator)
            return replace(state, facilitator=facilitator)
        case SecurityCouncilLetterSent():
            return replace(state, security_council_letter=payload.letter_reference)
        case FormalResponseStopped():
            return replace(state, stopped=payload.reason, stopped_at=occurred_at)
        case _:
            assert_never(payload)


def _with_meeting(state: FormalResponseState, meeting: EmergencyMeeting) -> FormalResponseState:
    meetings = tuple(
        meeting if m.meeting_id == meeting.meeting_id else m for m in state.emergency_meetings
    )
    return replace(state, emergency_meetings=meetings)


def _with_letter(state: FormalResponseState, letter: OpenLetter) -> FormalResponseState:
    letters = tuple(letter if x.reference == letter.reference else x for x in state.open_letters)
    return replace(state, open_letters=letters)


def _letter(state: FormalResponseState, reference: str | None, payload: EventPayload) -> OpenLetter:
    """The letter a reply or an overdue follows up on; records made when a case had one letter
    name none, and mean the first."""
    if reference is None:
        return _required(state.open_letters[0] if state.open_letters else None, payload)
    return _required(state.open_letter(reference), payload)


def _required(step: _Step | None, payload: EventPayload) -> _Step:
    """The step an event follows up on; a stream where it is missing is corrupt."""
    if step is None:
        raise ValueError(
            f"{type(payload).__name__} follows up on a step not recorded on the stream"
        )
    return step
