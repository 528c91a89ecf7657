"""How refusals name things, so every message reads the same way to the person refused."""

from __future__ import annotations

from datetime import UTC, datetime

from noncoop_shared.catalogue.common import CourtDecision, RequestedState


def moment(at: datetime) -> str:
    """A business time as a person reads it: ``2026-04-01 23:30 UTC``."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def state_name(state: RequestedState) -> str:
    return f"{state.name} ({state.code})"


def decision_name(decision: CourtDecision) -> str:
    return f"decision {decision.reference} of {decision.date.isoformat()}"
