"""The procedural state of a case as it is read and stored: one row per rule (and per meeting,
letter or travel record where a rule has several), and the next due date.

The field order is the order of the stored and served JSON: keep it. They are frozen msgspec
structs, not pydantic models: a rebuild derives every case, and building and writing these was
most of its time (docs/adr/0027-procedural-state-as-msgspec-structs.md). The API serves them
through its own pydantic views (``reporting.api.state_routes``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import msgspec

from noncoop_shared.rules import Rule
from reporting.domain.procedural.facts import CaseStatus, Scenario

RuleStatus = Literal["done", "pending", "overdue", "optional", "not_applicable"]


class _Model(msgspec.Struct, frozen=True, kw_only=True):
    """Built by ``derive`` only: the types are checked by mypy, not at run time."""


class SessionRef(_Model, frozen=True, kw_only=True):
    """The session a rule is due in, as the calendar schedules it."""

    session_id: str
    opens_on: date
    closes_on: date
    """Its last day (of its last part on the calendar): due by the end of it."""
    ongoing: bool
    """It was on-going on the day that fixed it (the decision's date)."""


class RuleState(_Model, frozen=True, kw_only=True):
    rule: Rule
    state: RuleStatus
    why: str
    since: datetime | None = None
    """When the rule entered this state (obligation arose, done, went overdue, stopped)."""
    done_at: datetime | None = None
    late: bool = False
    """Done after its due instant."""
    actor: str | None = None
    """``role:id`` of who did it."""
    due_at: datetime | None = None
    due_session: SessionRef | None = None
    ref: str | None = None
    """What the row is about when a rule has several (a meeting, a letter, a travel record)."""
    count: int | None = None


class NextDue(_Model, frozen=True, kw_only=True):
    rule: Rule
    due_at: datetime
    ref: str | None = None


class ProceduralState(_Model, frozen=True, kw_only=True):
    case_id: str
    on: date | None = None
    """The business date the state is judged on (``None``: as recorded, against no clock)."""
    scenario: Scenario | None = None
    status: CaseStatus | None = None
    rules: list[RuleState] = msgspec.field(default_factory=list)
    next_due: NextDue | None = None
    events: int = 0
    """How many envelopes were folded (the position the state reflects, with ``recorded_at``)."""
    recorded_at: datetime | None = None
    """Record time of the last envelope folded."""

    def rule(self, rule: str, ref: str | None = None) -> RuleState:
        """The state of ``rule`` (and ``ref`` for a rule with several rows)."""
        for state in self.rules:
            if state.rule == rule and (ref is None or state.ref == ref):
                return state
        raise KeyError(rule if ref is None else f"{rule} {ref}")

    def rows(self, rule: str) -> list[RuleState]:
        return [state for state in self.rules if state.rule == rule]


_ENCODER = msgspec.json.Encoder()


def state_to_json(state: ProceduralState) -> str:
    """The stored (and served) JSON of a state: its fields in order, ``null`` included."""
    return _ENCODER.encode(state).decode("utf-8")
