"""The state of the formal response on one case, folded from its ``formal-response:<case id>``
stream.

``fold`` replays the stream from its first event; ``evolve`` applies one event. Both are pure:
the business time of each event (``occurred_at``) comes with it, because the day the open
letter went out bounds the day its reply can be received.
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
    PlenaryDiscussionRecorded,
    FacilitatorAppointed,
    SecurityCouncilLetterSent,
    FormalResponseStopped,
)

_Step = TypeVar("_Step")


@dataclass(frozen=True)
class EmergencyMeeting:
    """P14a: the emergency meeting convened on the case, once held, and what was announced."""

    meeting_id: str
    meets_on: date
    held_on: date | None = None
    decisions: tuple[str, ...] = ()
    announced: frozenset[Announcement] = frozenset()

    @property
    def done(self) -> bool:
        """Held, and both its convening and its decisions announced to States Parties."""
        return self.held_on is not None and self.announced == frozenset(Announcement)


@dataclass(frozen=True)
class OpenLetter:
    """P14b: the open letter and the requested State's reply, or the due date passing."""

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
    """P14c: the next Bureau meeting the requested State was invited to, and its attendance."""

    meeting_id: str
    meets_on: date
    attended: bool | None = None


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
    the stream's first event."""

    case_id: str = ""
    court_decision_reference: str = ""
    referred_to_security_council: bool = False
    """As the Court decided when the response opened; amendments reach ``decide()`` as
    ``CaseFacts``, which P14g reads."""
    requested_state_code: str = ""
    opened_at: datetime | None = None
    emergency_meeting: EmergencyMeeting | None = None
    open_letter: OpenLetter | None = None
    invitation: Invitation | None = None
    nywg_request: NywgRequest | None = None
    omnibus_session_id: str | None = None
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
    def in_progress(self) -> bool:
        return self.opened and self.stopped is None

    def reply_awaited(self) -> bool:
        """P14b: the open letter went out and its reply is still awaited (overdue or not)."""
        return self.open_letter is not None and self.open_letter.reply_awaited

    def remaining_steps(self, *, referred_to_security_council: bool | None = None) -> list[str]:
        """The steps of para 14 not yet done, by rule id, in the order of the paragraph.

        A step is done when: (a) the meeting was held and its convening and decisions announced;
        (b) the letter went out and its reply came or its due date passed; (c) the requested
        State was invited and its attendance recorded; (d), (e), (g) the request, the noting or
        the letter recorded; (f) the plenary discussion recorded (the facilitator is optional).
        (g) is a step only where the Court referred the matter to the Security Council: as the
        register says now when given, else as it said when the response opened.
        """
        seized = (
            self.referred_to_security_council
            if referred_to_security_council is None
            else referred_to_security_council
        )
        letter = self.open_letter
        done = {
            "P14a": self.emergency_meeting is not None and self.emergency_meeting.done,
            "P14b": letter is not None and (not letter.reply_awaited or letter.overdue),
            "P14c": self.invitation is not None and self.invitation.attended is not None,
            "P14d": self.nywg_request is not None,
            "P14e": self.omnibus_session_id is not None,
            "P14f": self.plenary is not None,
            "P14g": self.security_council_letter is not None or not seized,
        }
        return [step for step, is_done in done.items() if not is_done]


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
    match payload:
        case FormalResponseOpened():
            return replace(
                state,
                court_decision_reference=payload.court_decision_reference,
                referred_to_security_council=payload.referred_to_security_council,
                requested_state_code=payload.requested_state_code,
                opened_at=occurred_at,
            )
        case EmergencyMeetingConvened():
            meeting = EmergencyMeeting(payload.meeting_id, payload.meets_on)
            return replace(state, emergency_meeting=meeting)
        case EmergencyMeetingHeld():
            held = replace(
                _required(state.emergency_meeting, payload),
                held_on=payload.held_on,
                decisions=tuple(payload.decisions),
            )
            return replace(state, emergency_meeting=held)
        case EmergencyMeetingAnnounced():
            meeting = _required(state.emergency_meeting, payload)
            announced = replace(meeting, announced=meeting.announced | {payload.announcement})
            return replace(state, emergency_meeting=announced)
        case OpenLetterSent():
            letter = OpenLetter(
                reference=payload.letter_reference,
                sent_on=occurred_at.astimezone(UTC).date(),
                reply_due_on=payload.reply_due_on,
            )
            return replace(state, open_letter=letter)
        case OpenLetterReplyReceived():
            letter = replace(
                _required(state.open_letter, payload),
                reply_received_on=payload.received_on,
                late=payload.late,
            )
            return replace(state, open_letter=letter)
        case OpenLetterReplyOverdue():
            letter = replace(_required(state.open_letter, payload), overdue=True)
            return replace(state, open_letter=letter)
        case RequestedStateInvited():
            return replace(state, invitation=Invitation(payload.meeting_id, payload.meets_on))
        case RequestedStateAttendanceRecorded():
            invitation = replace(_required(state.invitation, payload), attended=payload.attended)
            return replace(state, invitation=invitation)
        case NywgPublicMeetingRequested():
            request = NywgRequest(
                payload.bureau_meeting_on, payload.next_session_id, payload.next_session_starts_on
            )
            return replace(state, nywg_request=request)
        case OmnibusNotingRecorded():
            return replace(state, omnibus_session_id=payload.session_id)
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


def _required(step: _Step | None, payload: EventPayload) -> _Step:
    """The step an event follows up on; a stream where it is missing is corrupt."""
    if step is None:
        raise ValueError(
            f"{type(payload).__name__} follows up on a step not recorded on the stream"
        )
    return step
