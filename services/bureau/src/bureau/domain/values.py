"""The Bureau meeting value the formal response's rules read (filled by the meetings module,
handed to ``decide`` by the application). Sessions are ``noncoop_shared.calendar``'s
``CalendarSession``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Meeting:
    """A Bureau meeting as scheduled, and held once it is."""

    meeting_id: str
    meets_on: date
    emergency: bool
    held_on: date | None = None
    decisions: tuple[str, ...] = ()

    def held_by(self, day: date) -> bool:
        """Held on or before ``day`` (a meeting held later had not yet taken place then)."""
        return self.held_on is not None and self.held_on <= day
