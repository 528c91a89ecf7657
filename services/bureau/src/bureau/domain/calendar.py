"""The Assembly calendar: the registry stream ``assembly-calendar``.

The sessions of the Assembly as currently scheduled, and the one question every rule about
"the next (or on-going) session" asks of them (P14d, P14e, P14f, P15; annex II paras 14-15 of
ICC-ASP/17/Res.5).

Pure: commands in, ``Decision`` out, no I/O and no clock; every date is in the command.

Dates are whole days and a session runs from ``starts_on`` to ``ends_on``, both included. Regular,
resumed and special sessions are all sessions of the Assembly: each is "the next (or on-going)
session" when its dates say so, since a report or a noting can go to any of them. That is also
why no two sessions may share a day, a resumed session and the regular session it resumes
included: with no overlaps, "the session on-going on a day" and "the next session" are never
ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import assert_never

from bureau.domain.values import Session
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.bureau import SessionKind, SessionRescheduled, SessionScheduled
from noncoop_shared.decisions import Decision, PendingEvent
from noncoop_shared.errors import InvalidTransitionError

# --- Commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleSession:
    """The Secretariat puts a session of the Assembly on the calendar."""

    session_id: str
    number: int
    kind: SessionKind
    starts_on: date
    ends_on: date
    venue: str


@dataclass(frozen=True)
class RescheduleSession:
    """A scheduled session moves to new dates (or a new venue); the session keeps its id."""

    session_id: str
    starts_on: date
    ends_on: date
    venue: str
    reason: str = ""


CalendarCommand = ScheduleSession | RescheduleSession

# --- State -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarState:
    """The sessions by id, each with its current dates, and the stream version."""

    sessions: Mapping[str, Session] = field(default_factory=dict)
    version: int = 0


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
            session = Session(
                session_id=payload.session_id,
                number=payload.number,
                kind=payload.kind,
                starts_on=payload.starts_on,
                ends_on=payload.ends_on,
                venue=payload.venue,
            )
        case SessionRescheduled():
            current = state.sessions.get(payload.session_id)
            if current is None:
                raise ValueError(f"session {payload.session_id} was never scheduled")
            session = replace(
                current, starts_on=payload.starts_on, ends_on=payload.ends_on, venue=payload.venue
            )
        case _:
            raise TypeError(f"{type(payload).__name__} is not an event of the Assembly calendar")
    return CalendarState(
        sessions={**state.sessions, session.session_id: session}, version=state.version + 1
    )


# --- Queries ---------------------------------------------------------------------------------


def session_ongoing_at(state: CalendarState, on: date) -> Session | None:
    """The session (of any kind) that runs on ``on``, its first and last days included."""
    return next((s for s in state.sessions.values() if s.ongoing_on(on)), None)


def next_session_after(state: CalendarState, on: date) -> Session | None:
    """The session (of any kind) that starts first strictly after ``on``; ``None`` when none is
    scheduled. A session on-going at ``on`` started before it, so it is never the answer."""
    later = (s for s in state.sessions.values() if on < s.starts_on)
    return min(later, key=lambda s: s.starts_on, default=None)


def next_or_ongoing_session(state: CalendarState, on: date) -> Session | None:
    """The session that is "the next (or on-going) session" on ``on`` (P14e, P14f, P15).

    The session on-going at ``on`` (``starts_on <= on <= ends_on``) if there is one, else the
    next to start after ``on``; ``None`` when neither is scheduled. Regular, resumed and special
    sessions all count. Sessions never overlap, so the answer is unique.
    """
    return session_ongoing_at(state, on) or next_session_after(state, on)


# --- decide ----------------------------------------------------------------------------------


def decide_calendar(state: CalendarState, command: CalendarCommand, now: datetime) -> Decision:
    """The event ``command`` leads to on the calendar, or ``InvalidTransitionError`` when it
    does not fit the calendar as it is. ``now`` is unused: the dates are in the command."""
    match command:
        case ScheduleSession():
            return _schedule(state, command)
        case RescheduleSession():
            return _reschedule(state, command)
        case _:
            assert_never(command)


def _schedule(state: CalendarState, command: ScheduleSession) -> Decision:
    existing = state.sessions.get(command.session_id)
    if existing is not None:
        raise InvalidTransitionError(
            f"Session {command.session_id} is already on the calendar, {_span(existing)}; "
            "change its dates by rescheduling it, or give a new session a new id."
        )
    _require_dates_fit(state, command.session_id, command.starts_on, command.ends_on)
    scheduled = SessionScheduled(
        session_id=command.session_id,
        number=command.number,
        kind=command.kind,
        starts_on=command.starts_on,
        ends_on=command.ends_on,
        venue=command.venue,
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


def _require_dates_fit(
    state: CalendarState, session_id: str, starts_on: date, ends_on: date
) -> None:
    """The session ends no earlier than it starts and shares no day with another session."""
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
                f"{_span(other)}; two sessions of the Assembly never share a day, a resumed "
                "session and the session it resumes included."
            )


def _span(session: Session) -> str:
    return f"from {session.starts_on.isoformat()} to {session.ends_on.isoformat()}"
