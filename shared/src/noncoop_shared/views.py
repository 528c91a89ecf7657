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
