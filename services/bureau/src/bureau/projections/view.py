"""What a reader sees of a case's formal response: the steps it may read, in order (pure).

Meeting records are the Bureau's; announcements, letters and invitations reach States Parties;
the NYWG meeting, the omnibus resolution and the plenary are public. Each reader sees the steps
of the classes it may read, so the view is a list of steps rather than a fold that would need
the hidden ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from noncoop_shared.catalogue import CATALOGUE, PersonalData
from noncoop_shared.catalogue import bureau as ev
from noncoop_shared.envelope import Envelope
from noncoop_shared.views import TimelineEntry, timeline_entry


class StepView(BaseModel):
    model_config = ConfigDict(extra="forbid")

    step: str
    rule: str | None
    occurred_at: dt.datetime
    facilitator: PersonalData | None = None
    """P14f: the facilitator appointed (personal data, opened by the route, ADR 0022)."""
    detail: dict[str, Any]


class FormalResponseView(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_id: str
    opened: bool = False
    referred_to_security_council: bool | None = None
    stopped: str | None = None
    remaining_steps_at_stop: list[str] = []
    steps: list[StepView] = []
    version: int = 0
    timeline: list[TimelineEntry] = []


def fold_view(case_id: str, envelopes: list[Envelope]) -> FormalResponseView:
    view = FormalResponseView(case_id=case_id)
    for envelope in envelopes:
        payload = CATALOGUE.decode(envelope.type, envelope.data)
        changes: dict[str, Any] = {
            "version": envelope.streamversion,
            "timeline": [*view.timeline, timeline_entry(envelope)],
        }
        match payload:
            case ev.FormalResponseOpened():
                changes |= {
                    "opened": True,
                    "referred_to_security_council": payload.referred_to_security_council,
                }
            case ev.FormalResponseStopped():
                changes |= {
                    "stopped": payload.reason.value,
                    "remaining_steps_at_stop": list(payload.remaining_steps),
                }
            case _:
                # Personal data only in a declared field: the free-form detail never holds it.
                step = StepView(
                    step=CATALOGUE.meta(envelope.type).name,
                    rule=envelope.rule,
                    occurred_at=envelope.occurredat,
                    facilitator=getattr(payload, "facilitator", None),
                    detail=payload.model_dump(mode="json", exclude={"case_id", "facilitator"}),
                )
                changes["steps"] = [*view.steps, step]
        view = view.model_copy(update=changes)
    return view
