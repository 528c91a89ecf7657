"""How one step of the facts is judged on a business date: the rule's row (done, pending,
overdue, optional or not applicable; since when, by whom, due when, why)."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any

import msgspec

from noncoop_shared.calendar import CalendarSession, DueSession, next_or_ongoing_session
from noncoop_shared.rules import Rule
from reporting.domain.procedural.facts import Step
from reporting.domain.procedural.state import RuleState, RuleStatus, SessionRef
from reporting.domain.procedural.wording import PHRASES, joined_notes, say
from reporting.domain.report.language import Lang

Ended = tuple[datetime, str] | None
"""When and why what remains of a procedure no longer applies (closed, stopped, concluded)."""


@dataclass(frozen=True)
class Day:
    """What a judgement depends on beyond the facts: the date and the calendar; and the
    language its sentences are written in."""

    cutoff: datetime | None
    sessions: Sequence[CalendarSession] | None
    lang: Lang = "en"

    def say(self, key: str, **values: object) -> str:
        """The sentence ``key`` in the reader's language (``wording``)."""
        if not values:  # ``wording.say``'s own shortcut, a call less: rows say many of these
            return PHRASES[self.lang][key]
        return say(self.lang, key, **values)

    def due_session(self, day: date | None) -> DueSession | None:
        if self.sessions is None or day is None:
            return None
        return next_or_ongoing_session(self.sessions, day)


@lru_cache(maxsize=4096)
def not_applicable(
    rule: Rule, why: str, since: datetime | None = None, ref: str | None = None
) -> RuleState:
    # Shared, not built again: a state is frozen, and most cases have the same rows "not
    # applicable" (a rebuild derives every case; these were a tenth of its time).
    return RuleState(rule=rule, state="not_applicable", why=why, since=since, ref=ref)


def changed(step: Step, **changes: Any) -> Step:
    """A copy of ``step`` with ``changes`` (the facts are never changed by a judgement)."""
    return msgspec.structs.replace(step, **changes)


def row(
    rule: Rule,
    step: Step,
    day: Day,
    *,
    done_why: str,
    pending_why: str,
    ended: Ended,
    optional: bool = False,
    count: int | None = None,
    due_session: SessionRef | None = None,
) -> RuleState:
    """Done if done (late after its due instant); else not applicable once the procedure ended;
    else optional for a "could" step; else overdue when its due instant is before the end of
    the date judged; else pending."""
    notes = joined_notes(step.notes(), day.lang)
    note = day.say("row.notes", notes=notes) if notes else ""
    due = step.due_at
    state: RuleStatus
    since: datetime | None
    late = False
    if step.done_at is not None:
        late = due is not None and step.done_at > due
        state, since = "done", step.done_at
        why = done_why + note + (day.say("row.done_late", due=due) if late and due else "")
    elif ended is not None:
        state, since, why = "not_applicable", ended[0], ended[1]
    elif optional:
        state, since, why = "optional", step.arose_at, pending_why + note
    elif due is not None and day.cutoff is not None and due < day.cutoff:
        state, since = "overdue", due
        why = day.say("row.overdue", why=pending_why, due=due, notes=note)
    else:
        state, since, why = "pending", step.arose_at, pending_why + note
    return RuleState(
        rule=rule,
        state=state,
        why=why,
        since=since,
        done_at=step.done_at,
        late=late,
        actor=step.actor if step.done_at is not None else None,
        due_at=due,
        due_session=due_session,
        ref=step.ref,
        count=count,
    )


def session_ref(due: DueSession | None) -> SessionRef | None:
    if due is None:
        return None
    return SessionRef(
        session_id=due.session_id,
        opens_on=due.opens_on,
        closes_on=due.closes_on,
        ongoing=due.ongoing,
    )


def start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def add_calendar_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the last day of a shorter
    month (30 November + 3 -> 28 February): P14d's limit, as the Bureau measures it."""
    index = start.year * 12 + start.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))
