"""The Assembly calendar's one question: which session is "the next (or on-going) session" on a
day (docs/procedures.md, The Assembly calendar; rules P14d, P14e, P14f, P15).

Pure and shared: the Bureau decides with it (P14d, P14e, P14f) and reporting judges P14e and P15
with it, so the two can never disagree.

A session of the Assembly is regular (numbered), a resumed part of a regular session (same
``number``), or special. "The next (or on-going) session" is a *regular* session:

- a regular session is on-going from the first day of its regular part to the last day of that
  part, and again on every day of each of its resumed parts (a resumed part is that session
  on-going, never a session of its own);
- between its parts it is not on-going: the next session is the next regular session;
- a special session counts, as a session of its own, only where the Bureau marked it as taking up
  non-cooperation (``takes_up_non_cooperation``); otherwise it is invisible to these rules.

Days are whole calendar days; a part runs from ``starts_on`` to ``ends_on``, both included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class SessionKind(StrEnum):
    REGULAR = "regular"
    RESUMED = "resumed"
    SPECIAL = "special"


@dataclass(frozen=True)
class CalendarSession:
    """One part of the calendar as currently scheduled: a regular session's regular part, a
    resumed part (``number`` = the regular session it resumes) or a special session."""

    session_id: str
    number: int
    kind: SessionKind
    starts_on: date
    ends_on: date
    venue: str = ""
    takes_up_non_cooperation: bool = False

    def runs_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    @property
    def counts(self) -> bool:
        """A part that can be (or belong to) "the next (or on-going) session"."""
        return self.kind is not SessionKind.SPECIAL or self.takes_up_non_cooperation


@dataclass(frozen=True)
class DueSession:
    """The answer to "the next (or on-going) session" on a day.

    ``session`` is the regular session (its regular part) or the marked special session;
    ``parts`` are every part of it on the calendar in date order (the regular part and its
    resumed parts); ``ongoing`` says whether it was running on the day asked."""

    session: CalendarSession
    parts: tuple[CalendarSession, ...]
    ongoing: bool

    @property
    def session_id(self) -> str:
        return self.session.session_id

    @property
    def opens_on(self) -> date:
        """The first day of the session (its regular part)."""
        return self.session.starts_on

    @property
    def closes_on(self) -> date:
        """The last day of its last part on the calendar: after it, the session is over."""
        return max(part.ends_on for part in self.parts)


def parts_of(
    sessions: Iterable[CalendarSession], head: CalendarSession
) -> tuple[CalendarSession, ...]:
    """``head`` and, for a regular session, its resumed parts, in date order."""
    if head.kind is not SessionKind.REGULAR:
        return (head,)
    parts = [
        s
        for s in sessions
        if s.session_id == head.session_id
        or (s.kind is SessionKind.RESUMED and s.number == head.number)
    ]
    return tuple(sorted(parts, key=lambda s: (s.starts_on, s.session_id)))


def _head_of(sessions: list[CalendarSession], part: CalendarSession) -> CalendarSession | None:
    """The session a part belongs to: itself, or for a resumed part the regular session it
    resumes (``None`` when that regular session is not on the calendar)."""
    if part.kind is not SessionKind.RESUMED:
        return part
    return next(
        (s for s in sessions if s.kind is SessionKind.REGULAR and s.number == part.number), None
    )


def next_or_ongoing_session(sessions: Iterable[CalendarSession], on: date) -> DueSession | None:
    """ "The next (or on-going) session" on ``on``; ``None`` when the calendar has none.

    On-going first: the counted session with a part running on ``on``. Else the counted session
    (regular, or marked special) whose first day is the earliest after ``on``; resumed parts
    never start a session. Ties on a day (never expected: parts do not overlap) go to the lower
    session id, so the answer is always one.
    """
    every = list(sessions)
    counted = [s for s in every if s.counts]
    for part in sorted(counted, key=lambda s: (s.starts_on, s.session_id)):
        if part.runs_on(on):
            head = _head_of(every, part)
            if head is not None:
                return DueSession(head, parts_of(every, head), ongoing=True)
    heads = [s for s in counted if s.kind is not SessionKind.RESUMED and on < s.starts_on]
    head = min(heads, key=lambda s: (s.starts_on, s.session_id), default=None)
    if head is None:
        return None
    return DueSession(head, parts_of(every, head), ongoing=False)
