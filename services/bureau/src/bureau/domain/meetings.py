"""The Bureau's meetings: the registry stream ``bureau-meetings``.

Every meeting of the Bureau, ordinary or emergency (P14a), as scheduled and, once it is, as
held with its decisions. The formal response reads "the next Bureau meeting" from here (P14c,
annex II para 14 (c) of ICC-ASP/17/Res.5), and P14d compares that meeting's date with the next
session.

Pure: commands in, ``Decision`` out, no I/O. ``now`` serves one check only: a meeting is not
recorded as held on a day still to come.

A meeting's day is the day it was held once it is, else the day it is scheduled for. It may be
held later than scheduled (postponed) but not earlier: a meeting brought forward before its
scheduled day is recorded as a new meeting, so a meeting once counted as "the next after" a day
never turns out to have been held before that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import assert_never

from bureau.domain.values import Meeting
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.bureau import BureauMeetingHeld, BureauMeetingScheduled
from noncoop_shared.decisions import Decision, PendingEvent
from noncoop_shared.errors import InvalidTransitionError

# --- Commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleMeeting:
    """A Bureau meeting is scheduled; ``emergency`` for one convened at short notice (P14a)."""

    meeting_id: str
    meets_on: date
    emergency: bool = False
    agenda: str = ""


@dataclass(frozen=True)
class RecordMeetingHeld:
    """The scheduled meeting took place on ``held_on`` and took ``decisions``."""

    meeting_id: str
    held_on: date
    decisions: tuple[str, ...] = ()


MeetingsCommand = ScheduleMeeting | RecordMeetingHeld

# --- State -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingsState:
    """The meetings by id and the stream version."""

    meetings: Mapping[str, Meeting] = field(default_factory=dict)
    version: int = 0


def fold(events: Iterable[tuple[EventPayload, datetime]]) -> MeetingsState:
    """The meetings after the events of their stream, in stream order, with their business
    time."""
    state = MeetingsState()
    for payload, occurred_at in events:
        state = evolve(state, payload, occurred_at)
    return state


def evolve(state: MeetingsState, payload: EventPayload, occurred_at: datetime) -> MeetingsState:
    """The meetings after one more event of the stream."""
    match payload:
        case BureauMeetingScheduled():
            entry = Meeting(
                meeting_id=payload.meeting_id,
                meets_on=payload.meets_on,
                emergency=payload.emergency,
            )
        case BureauMeetingHeld():
            scheduled = state.meetings.get(payload.meeting_id)
            if scheduled is None:
                raise ValueError(f"Bureau meeting {payload.meeting_id} was never scheduled")
            entry = replace(scheduled, held_on=payload.held_on, decisions=tuple(payload.decisions))
        case _:
            raise TypeError(f"{type(payload).__name__} is not an event of the Bureau's meetings")
    return MeetingsState(
        meetings={**state.meetings, entry.meeting_id: entry}, version=state.version + 1
    )


# --- Queries ---------------------------------------------------------------------------------


def meeting_day(entry: Meeting) -> date:
    """The day the meeting was held, or while it is not, the day it is scheduled for."""
    return entry.held_on if entry.held_on is not None else entry.meets_on


def next_meeting_after(known: Iterable[Meeting], on: date) -> Meeting | None:
    """The next Bureau meeting after ``on`` (P14c): the meeting whose day (see
    ``meeting_day``) comes first strictly after ``on``; ``None`` when none is known.

    Strictly after: the requested State is invited to a meeting to come, and a meeting on the
    day of the referral itself was convened before anyone could invite it. Emergency meetings
    count, being meetings of the Bureau. Meetings on the same day are ordered by id, so the
    answer does not depend on the order they were scheduled in.
    """
    later = (m for m in known if on < meeting_day(m))
    return min(later, key=lambda m: (meeting_day(m), m.meeting_id), default=None)


# --- decide ----------------------------------------------------------------------------------


def decide_meetings(state: MeetingsState, command: MeetingsCommand, now: datetime) -> Decision:
    """The event ``command`` leads to, or ``InvalidTransitionError`` when it does not fit the
    meetings as they are. ``now`` is the business time of the command, in UTC."""
    match command:
        case ScheduleMeeting():
            return _schedule(state, command)
        case RecordMeetingHeld():
            return _record_held(state, command, now)
        case _:
            assert_never(command)


def _schedule(state: MeetingsState, command: ScheduleMeeting) -> Decision:
    existing = state.meetings.get(command.meeting_id)
    if existing is not None:
        raise InvalidTransitionError(
            f"Bureau meeting {command.meeting_id} is already scheduled, for "
            f"{existing.meets_on.isoformat()}; a new meeting needs a new id."
        )
    scheduled = BureauMeetingScheduled(
        meeting_id=command.meeting_id,
        meets_on=command.meets_on,
        emergency=command.emergency,
        agenda=command.agenda,
    )
    return Decision(events=[PendingEvent(scheduled)])


def _record_held(state: MeetingsState, command: RecordMeetingHeld, now: datetime) -> Decision:
    scheduled = state.meetings.get(command.meeting_id)
    if scheduled is None:
        raise InvalidTransitionError(
            f"No Bureau meeting {command.meeting_id} is scheduled; schedule it before recording "
            "it as held."
        )
    if scheduled.held_on is not None:
        raise InvalidTransitionError(
            f"Bureau meeting {command.meeting_id} was already recorded as held on "
            f"{scheduled.held_on.isoformat()}; a meeting is held once."
        )
    if command.held_on < scheduled.meets_on:
        raise InvalidTransitionError(
            f"Bureau meeting {command.meeting_id} is scheduled for "
            f"{scheduled.meets_on.isoformat()}; it cannot have been held before, on "
            f"{command.held_on.isoformat()}. A meeting brought forward is scheduled as a new "
            "meeting."
        )
    today = now.date()
    if today < command.held_on:
        raise InvalidTransitionError(
            f"Bureau meeting {command.meeting_id} cannot be recorded as held on "
            f"{command.held_on.isoformat()}, a day still to come (today is {today.isoformat()})."
        )
    held = BureauMeetingHeld(
        meeting_id=command.meeting_id, held_on=command.held_on, decisions=list(command.decisions)
    )
    return Decision(events=[PendingEvent(held)])
