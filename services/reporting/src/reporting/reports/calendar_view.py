"""The Assembly's sessions, as the Bureau's public calendar events record them.

``fold_sessions`` (pure) and ``SessionsProjection`` (the table ``assembly_sessions``) apply the
same events: ``session_scheduled`` adds a session (a second copy changes nothing),
``session_rescheduled`` moves it, ``session_marked_for_non_cooperation`` marks a special session
as taking up non-cooperation. Which session is "the next (or on-going) session" (P14d,
P14e, P14f, P15; regular sessions, their resumed parts, special sessions the Bureau marked) is
asked of the one shared function, ``noncoop_shared.calendar.next_or_ongoing_session``, through
``calendar`` (the sessions as the shared ``CalendarSession``): never decided here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

import asyncpg

from noncoop_shared import calendar as shared_calendar
from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.catalogue import CATALOGUE, meta_of
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope

CONSUMER_NAME = "reporting-assembly-sessions"
SCHEDULED = meta_of(bu.SessionScheduled).type
RESCHEDULED = meta_of(bu.SessionRescheduled).type
MARKED = meta_of(bu.SessionMarkedForNonCooperation).type
_TYPES = (SCHEDULED, RESCHEDULED, MARKED)

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE assembly_sessions (
            session_id  TEXT PRIMARY KEY,
            number      INTEGER,
            kind        TEXT,
            starts_on   DATE NOT NULL,
            ends_on     DATE NOT NULL,
            venue       TEXT NOT NULL
        );
        """,
    ),
    # The reports' own steps (reports.store) share this migration name and number from 2
    # up: the calendar's later steps are numbered from 101 so the two never collide.
    (
        101,
        """
        -- A special session counts as "the next (or on-going) session" only where the Bureau
        -- marked it as taking up non-cooperation.
        ALTER TABLE assembly_sessions
            ADD COLUMN takes_up_non_cooperation BOOLEAN NOT NULL DEFAULT FALSE;
        """,
    ),
]


@dataclass(frozen=True)
class Session:
    session_id: str
    starts_on: date
    ends_on: date
    venue: str = ""
    number: int | None = None
    kind: str | None = None
    takes_up_non_cooperation: bool = False

    def as_calendar(self) -> CalendarSession:
        """This part as the shared calendar's ``CalendarSession`` (a row from before the kind
        was recorded reads as a regular session)."""
        return CalendarSession(
            session_id=self.session_id,
            number=self.number or 0,
            kind=SessionKind(self.kind) if self.kind else SessionKind.REGULAR,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            venue=self.venue,
            takes_up_non_cooperation=self.takes_up_non_cooperation,
        )


def calendar(sessions: Iterable[Session]) -> list[CalendarSession]:
    """The sessions as the shared calendar function takes them."""
    return [s.as_calendar() for s in sessions]


def next_or_ongoing_session(sessions: Iterable[Session], on: date) -> Session | None:
    """The (first part of the) next or on-going session at ``on``, as the shared calendar
    function answers it (P14e, P14f, P15); ``None`` when the calendar has none."""
    listed = list(sessions)
    due = shared_calendar.next_or_ongoing_session(calendar(listed), on)
    if due is None:
        return None
    return next(s for s in listed if s.session_id == due.session_id)


def previous_session_end(sessions: Iterable[Session], session: Session) -> date | None:
    """The end of the session before ``session``: the intersessional period starts after it."""
    ends = [s.ends_on for s in sessions if s.ends_on < session.starts_on]
    return max(ends, default=None)


def fold_sessions(envelopes: Iterable[Envelope]) -> dict[str, Session]:
    """The calendar after ``envelopes`` (log order); other events are ignored."""
    sessions: dict[str, Session] = {}
    for envelope in envelopes:
        match _decode(envelope):
            case bu.SessionScheduled() as p:
                sessions.setdefault(
                    p.session_id,
                    Session(
                        p.session_id,
                        p.starts_on,
                        p.ends_on,
                        p.venue,
                        p.number,
                        p.kind.value,
                        p.takes_up_non_cooperation,
                    ),
                )
            case bu.SessionRescheduled() as p if p.session_id in sessions:
                sessions[p.session_id] = replace(
                    sessions[p.session_id], starts_on=p.starts_on, ends_on=p.ends_on, venue=p.venue
                )
            case bu.SessionMarkedForNonCooperation() as p if p.session_id in sessions:
                sessions[p.session_id] = replace(
                    sessions[p.session_id], takes_up_non_cooperation=True
                )
            case _:
                pass
    return sessions


_Calendar = bu.SessionScheduled | bu.SessionRescheduled | bu.SessionMarkedForNonCooperation


def _decode(envelope: Envelope) -> _Calendar | None:
    if envelope.type not in _TYPES:
        return None
    payload = CATALOGUE.decode(envelope.type, envelope.data)
    return payload if isinstance(payload, _Calendar) else None


class SessionsProjection:
    name = CONSUMER_NAME

    @staticmethod
    def wants(envelope: Envelope) -> bool:
        return envelope.type in _TYPES

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        match _decode(envelope):
            case bu.SessionScheduled() as p:
                await conn.execute(
                    "INSERT INTO assembly_sessions"
                    " (session_id, number, kind, starts_on, ends_on, venue,"
                    " takes_up_non_cooperation)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (session_id) DO NOTHING",
                    p.session_id,
                    p.number,
                    p.kind.value,
                    p.starts_on,
                    p.ends_on,
                    p.venue,
                    p.takes_up_non_cooperation,
                )
            case bu.SessionRescheduled() as p:
                await conn.execute(
                    "UPDATE assembly_sessions SET starts_on = $2, ends_on = $3, venue = $4"
                    " WHERE session_id = $1",
                    p.session_id,
                    p.starts_on,
                    p.ends_on,
                    p.venue,
                )
            case bu.SessionMarkedForNonCooperation() as p:
                await conn.execute(
                    "UPDATE assembly_sessions SET takes_up_non_cooperation = TRUE"
                    " WHERE session_id = $1",
                    p.session_id,
                )
            case _:
                pass


class Sessions:
    """Reads of the calendar (all its SQL lives here)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def all(self) -> list[Session]:
        rows = await self._pool.fetch(
            "SELECT session_id, number, kind, starts_on, ends_on, venue, takes_up_non_cooperation"
            " FROM assembly_sessions ORDER BY starts_on, session_id"
        )
        return [
            Session(
                r["session_id"],
                r["starts_on"],
                r["ends_on"],
                r["venue"],
                r["number"],
                r["kind"],
                r["takes_up_non_cooperation"],
            )
            for r in rows
        ]
