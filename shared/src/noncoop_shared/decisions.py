"""What a pure ``decide()`` returns: the events to record and the deadlines they set or settle.

A service's domain never sees the store, the clock or the actor's token; it returns these plain
values and the application layer stamps them (actor, business time, correlation) and appends
them in one transaction (docs/architecture.md §4, §5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.base import EventPayload, meta_of


@dataclass(frozen=True)
class PendingEvent:
    """An event decided but not yet recorded.

    ``classification`` may only raise the catalogue's default for the type (a record is never
    published more widely than its type allows); ``None`` keeps the default.
    """

    payload: EventPayload
    classification: Classification | None = None
    rule: str | None = None
    """The rule fulfilled, when the type serves several (e.g. an activation under P18 or P19)."""

    def effective_classification(self) -> Classification:
        default = meta_of(self.payload).classification
        if self.classification is None:
            return default
        if self.classification < default:
            raise ValueError(
                f"{meta_of(self.payload).type} may not be classified below {default.value}"
            )
        return self.classification


@dataclass(frozen=True)
class DeadlineSet:
    """Start tracking ``kind`` on the stream; when ``due_at`` passes unsettled, it fires once."""

    kind: str
    due_at: datetime
    rule: str


@dataclass(frozen=True)
class DeadlineSettled:
    """The thing ``kind`` waited for happened, or no longer applies: it will never fire."""

    kind: str


DeadlineChange = DeadlineSet | DeadlineSettled


@dataclass(frozen=True)
class Decision:
    events: list[PendingEvent] = field(default_factory=list)
    deadlines: list[DeadlineChange] = field(default_factory=list)
