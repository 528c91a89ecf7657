"""The Assembly's sessions, as the Bureau's public calendar events record them (pure).

``fold_sessions`` and the projection (``reporting.projections.assembly_sessions``, the table
``assembly_sessions``) apply the same events: ``session_scheduled`` adds a session (a second copy
changes nothing), ``session_rescheduled`` moves it, ``session_marked_for_non_cooperation`` marks a
special session as taking up non-cooperation. Which session is "the next (or on-going) session"
(P14d, P14e, P14f, P15; regular sessions, their resumed parts, special sessions the Bureau
marked) is asked of the one shared function, ``noncoop_shared.calendar.next_or_ongoing_session``,
through ``calendar`` (the sessions as the shared ``CalendarSession``): never decided here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from noncoop_shared import calendar as shared_calendar
from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.catalogue import CATALOGUE, meta_of
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.envelope import Envelope

SCHEDULED = meta_of(bu.SessionScheduled).type
RESCHEDULED = meta_of(bu.SessionRescheduled).type
MARKED = meta_of(bu.SessionMarkedForNonCooperation).type
CALENDAR_TYPES = (SCHEDULED, RESCHEDULED, MARKED)


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
        match decode_calendar_event(envelope):
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


def decode_calendar_event(envelope: Envelope) -> _Calendar | None:
    if envelope.type not in CALENDAR_TYPES:
        return None
    payload = CATALOGUE.decode(envelope.type, envelope.data)
    return payload if isinstance(payload, _Calendar) else None
