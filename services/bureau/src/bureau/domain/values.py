"""The calendar and meeting values the formal response's rules read (filled by the calendar
and meetings modules, handed to ``decide`` by the application)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from noncoop_shared.catalogue.bureau import SessionKind


@dataclass(frozen=True)
class Session:
    """A session of the Assembly as currently scheduled (after any change of dates)."""

    session_id: str
    number: int
    kind: SessionKind
    starts_on: date
    ends_on: date
    venue: str

    def ongoing_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Meeting:
    """A Bureau meeting as scheduled, and held once it is."""

    meeting_id: str
    meets_on: date
    emergency: bool
    held_on: date | None = None
    decisions: tuple[str, ...] = ()
