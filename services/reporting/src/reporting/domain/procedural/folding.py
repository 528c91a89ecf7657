"""What every service's fold shares: who acted, a step's fulfilment and due instant, a step per
key, the procedure's stop.

Each keeps the fold order-insensitive where arrival order and business order can differ (a
history entered late): the earliest fulfilment, the first due instant, the earliest stop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.envelope import Envelope
from reporting.domain.procedural.facts import CaseFacts, Step
from reporting.domain.procedural.wording import NoteText

EventFold = Callable[[CaseFacts, Envelope, EventPayload, datetime], None]
"""One service's fold of one of its events into the facts (``at``: its business time)."""


def actor(envelope: Envelope) -> str:
    return f"{envelope.actorrole}:{envelope.actorid}"


def done(step: Step, envelope: Envelope, ref_: str | None = None, note: NoteText = "") -> None:
    """The step's fulfilment: the earliest in business time, whatever the order of arrival."""
    if step.done_at is not None and step.done_at <= envelope.occurredat:
        return
    step.done_at = envelope.occurredat
    step.actor = actor(envelope)
    step.done_note = note
    if ref_ is not None:
        step.ref = ref_


def due(step: Step, due_at: datetime | None) -> None:
    step.due_at = step.due_at or due_at


def earliest(known: datetime | None, at: datetime) -> datetime:
    return at if known is None or at < known else known


def keyed(steps: dict[str, Step], key: str) -> Step:
    """The step of ``key`` (a meeting, a letter, a travel record), created when first met."""
    found = steps.get(key)
    if found is None:
        found = steps[key] = Step(ref=key)
    return found


def stop(facts: CaseFacts, at: datetime, why: NoteText) -> None:
    """The procedure ends (a decision reversed, the formal response stopped): the earliest."""
    if facts.stopped_at is None or at < facts.stopped_at:
        facts.stopped_at = at
        facts.stop_why = why
