"""The Assembly calendar: the registry stream ``assembly-calendar``.

The sessions of the Assembly as currently scheduled (docs/procedures.md, The Assembly calendar):
regular sessions (numbered), resumed parts of a regular session (same ``number`` as the session
they resume) and special sessions, which count for the rules only once the Bureau marked them as
taking up non-cooperation (at scheduling, or later by ``MarkSessionForNonCooperation``).

"The next (or on-going) session" (P14d, P14e, P14f, P15) is asked of
``noncoop_shared.calendar.next_or_ongoing_session``, the one function every service uses; this
module only keeps the calendar those rules read.

Pure: commands in, ``Decision`` out, no I/O and no clock; every date is in the command. Dates are
whole days and a part runs from ``starts_on`` to ``ends_on``, both included. No two parts share a
day, a resumed part and the session it resumes included, so a day belongs to one part at most.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import assert_never

from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.bureau import (
    SessionMarkedForNonCooperation,
    SessionRescheduled,
    SessionScheduled,
)
from noncoop_shared.decisions import Decision, PendingEvent
from noncoop_shared.errors import InvalidTransitionError

# --- Commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleSession:
    """The Secretariat puts a session (or a resumed part) of the Assembly on the calendar; a
    special session may come marked as taking up non-cooperation."""

    session_id: str
    number: int
    kind: SessionKind
    starts_on: date
    ends_on: date
    venue: str
    takes_up_non_cooperation: bool = False


@dataclass(frozen=True)
class RescheduleSession:
    """A scheduled session moves to new dates (or a new venue); the session keeps its id."""

    session_id: str
    starts_on: date
    ends_on: date
    venue: str
    reason: str = ""


@dataclass(frozen=True)
class MarkSessionForNonCooperation:
    """The Bureau marks a scheduled special session as taking up non-cooperation."""

    session_id: str
    reason: str = ""


CalendarCommand = ScheduleSession | RescheduleSession | MarkSessionForNonCooperation

# --- State -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarState:
    """The sessions by id, each with its current dates and mark, and the stream version."""

    sessions: Mapping[str, CalendarSession] = field(default_factory=dict)
    version: int = 0

    @property
    def parts(self) -> tuple[CalendarSession, ...]:
        """Every part on the calendar, in date order: what the rules' ``decide`` is given."""
        return tuple(sorted(self.sessions.values(), key=lambda s: (s.starts_on, s.session_id)))


def fold(events: Iterable[tuple[EventPayload, datetime]]) -> CalendarState:
    """The calendar after the events of its stream, in stream order, with their business time."""
    state = CalendarState()
    for payload, occurred_at in events:
        state = evolve(state, payload, occurred_at)
    return state


def evolve(state: CalendarState, payload: EventPayload, occurred_at: datetime) -> CalendarState:
    """The calendar after one more event of the stream."""
    match payload:
        case SessionScheduled():
            session = CalendarSession(
                session_id=payload.session_id,
                number=payload.number,
                kind=payload.kind,
                starts_on=payload.starts_on,
                ends_on=payload.ends_on,
                venue=payload.venue,
                takes_up_non_cooperation=payload.takes_up_non_cooperation,
            )
        case SessionRescheduled():
            session = replace(
                _scheduled(state, payload.session_id),
                starts_on=payload.starts_on,
                ends_on=payload.ends_on,
                venue=payload.venue,
            )
        case SessionMarkedForNonCooperation():
            session = replace(_scheduled(state, payload.session_id), takes_up_non_cooperation=True)
        case _:
            raise TypeError(f"{type(payload).__name__} is not an event of the Assembly calendar")
    return CalendarState(
        sessions={**state.sessions, session.session_id: session}, version=state.version + 1
    )


def _scheduled(state: CalendarState, session_id: str) -> CalendarSession:
    current = state.sessions.get(session_id)
    if current is None:
        raise ValueError(f"session {session_id} was never scheduled")
    return current


# --- decide ----------------------------------------------------------------------------------


def decide_calendar(state: CalendarState, command: CalendarCommand, now: datetime) -> Decision:
    """The event ``command`` leads to on the calendar, or ``InvalidTransitionError`` when it
    does not fit the calendar as it is. ``now`` is unused: the dates are in the command."""
    match command:
        case ScheduleSession():
            return _schedule(state, command)
        case RescheduleSession():
            return _reschedule(state, command)
        case MarkSessionForNonCooperation():
            return _mark(state, command)
        case _:
            assert_never(command)


def _schedule(state: CalendarState, command: ScheduleSession) -> Decision:
    existing = state.sessions.get(command.session_id)
    if existing is not None:
        raise InvalidTransitionError(
            f"Session {command.session_id} is already on the calendar, {_span(existing)}; "
            "change its dates by rescheduling it, or give a new session a new id."
        )
    if command.takes_up_non_cooperation and command.kind is not SessionKind.SPECIAL:
        raise InvalidTransitionError(
            f"Only a special session is marked as taking up non-cooperation; session "
            f"{command.session_id} is {command.kind.value}, and a regular session (with its "
            "resumed parts) always counts as 'the next (or on-going) session'."
        )
    _require_dates_fit(state, command.session_id, command.starts_on, command.ends_on)
    _require_numbering_fits(state, command)
    scheduled = SessionScheduled(
        session_id=command.session_id,
        number=command.number,
        kind=command.kind,
        starts_on=command.starts_on,
        ends_on=command.ends_on,
        venue=command.venue,
        takes_up_non_cooperation=command.takes_up_non_cooperation,
    )
    return Decision(events=[PendingEvent(scheduled)])


def _reschedule(state: CalendarState, command: RescheduleSession) -> Decision:
    if command.session_id not in state.sessions:
        raise InvalidTransitionError(
            f"No session {command.session_id} is on the calendar; schedule it first."
        )
    _require_dates_fit(state, command.session_id, command.starts_on, command.ends_on)
    rescheduled = SessionRescheduled(
        session_id=command.session_id,
        starts_on=command.starts_on,
        ends_on=command.ends_on,
        venue=command.venue,
        reason=command.reason,
    )
    return Decision(events=[PendingEvent(rescheduled)])


def _mark(state: CalendarState, command: MarkSessionForNonCooperation) -> Decision:
    session = state.sessions.get(command.session_id)
    if session is None:
        raise InvalidTransitionError(
            f"No session {command.session_id} is on the calendar; schedule it first."
        )
    if session.kind is not SessionKind.SPECIAL:
        raise InvalidTransitionError(
            f"Session {session.session_id} is a {session.kind.value} session; only a special "
            "session is marked as taking up non-cooperation."
        )
    if session.takes_up_non_cooperation:
        return Decision()
    marked = SessionMarkedForNonCooperation(session_id=session.session_id, reason=command.reason)
    return Decision(events=[PendingEvent(marked)])


def _require_numbering_fits(state: CalendarState, command: ScheduleSession) -> None:
    """One regular session per number; a resumed part resumes a regular session already on the
    calendar (same number) and starts after that session's regular part has ended."""
    same_number = [s for s in state.sessions.values() if s.number == command.number]
    regular = next((s for s in same_number if s.kind is SessionKind.REGULAR), None)
    if command.kind is SessionKind.REGULAR and regular is not None:
        raise InvalidTransitionError(
            f"The regular session number {command.number} is already on the calendar as "
            f"{regular.session_id}, {_span(regular)}; a later part of it is a resumed part."
        )
    if command.kind is SessionKind.RESUMED:
        if regular is None:
            raise InvalidTransitionError(
                f"Session {command.session_id} would resume the regular session number "
                f"{command.number}, which is not on the calendar; schedule that session first."
            )
        if command.starts_on <= regular.ends_on:
            raise InvalidTransitionError(
                f"Session {command.session_id} would resume session {regular.session_id} "
                f"({_span(regular)}) on {command.starts_on.isoformat()}: a resumed part starts "
                "after the regular part has ended."
            )


def _require_dates_fit(
    state: CalendarState, session_id: str, starts_on: date, ends_on: date
) -> None:
    """The part ends no earlier than it starts and shares no day with another part."""
    if ends_on < starts_on:
        raise InvalidTransitionError(
            f"Session {session_id} would end on {ends_on.isoformat()}, before it starts on "
            f"{starts_on.isoformat()}."
        )
    for other in sorted(state.sessions.values(), key=lambda s: s.starts_on):
        if other.session_id == session_id:
            continue
        if other.starts_on <= ends_on and starts_on <= other.ends_on:
            raise InvalidTransitionError(
                f"Session {session_id}, from {starts_on.isoformat()} to {ends_on.isoformat()}, "
                f"would overlap the {other.kind.value} session {other.session_id}, "
                f"{_span(other)}; no two parts of the calendar share a day, a resumed part and "
                "the session it resumes included."
            )


def _span(session: CalendarSession) -> str:
    return f"from {session.starts_on.isoformat()} to {session.ends_on.isoformat()}"
