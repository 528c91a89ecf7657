"""Read-side pieces every service's views share: the timeline row of one recorded event."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from noncoop_shared.envelope import Envelope


class TimelineEntry(BaseModel):
    """Who did what, when (business and record time), under which rule and classification."""

    model_config = ConfigDict(extra="forbid")

    event_id: str
    type: str
    rule: str | None
    classification: str
    occurred_at: datetime
    recorded_at: datetime
    actor_role: str
    actor_id: str
    stream_version: int


def timeline_entry(envelope: Envelope) -> TimelineEntry:
    return TimelineEntry(
        event_id=str(envelope.id),
        type=envelope.type,
        rule=envelope.rule,
        classification=envelope.classification.value,
        occurred_at=envelope.occurredat,
        recorded_at=envelope.time,
        actor_role=envelope.actorrole,
        actor_id=envelope.actorid,
        stream_version=envelope.streamversion,
    )


def visible_sequence(visible: list[Envelope], known: list[Envelope]) -> list[Envelope]:
    """The envelopes a reader is shown, numbered so that they disclose no hidden event.

    A reader who sees every ``known`` event of the stream gets the stream's own versions (its
    writes' ``stream_version``s match). Any other reader gets its visible events numbered
    1, 2, 3... in stream order: a gap between the versions it could see, or a version ahead of
    what it sees, would tell it that hidden events exist (docs/adr/0023-refusals-never-disclose.md).
    """
    if len(visible) == len(known):
        return visible
    ordered = sorted(visible, key=lambda e: e.streamversion)
    return [e.model_copy(update={"streamversion": n}) for n, e in enumerate(ordered, start=1)]


def stream_version_for(visible: list[Envelope], known: list[Envelope], version: int) -> int | None:
    """The stream version behind a ``version`` the reader was shown (see
    :func:`visible_sequence`), or ``None`` when the reader was never shown one that high."""
    if len(visible) == len(known):
        return version
    ordered = sorted(e.streamversion for e in visible)
    return ordered[version - 1] if 1 <= version <= len(ordered) else None
