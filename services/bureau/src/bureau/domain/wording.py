"""How refusals name things, so every message reads the same way to the person refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

from noncoop_shared.catalogue.bureau import StopReason

_STOP_REASONS = {
    StopReason.DECISION_REVERSED: "the Court reversed its decision",
    StopReason.DECISION_WITHDRAWN: "the Court withdrew its decision",
    StopReason.CASE_CLOSED: "the case was closed",
}
STEPS = {
    "P14a": "the emergency Bureau meeting, its report and announcements (para 14(a))",
    "P14b": "the open letter to the requested State and its reply (para 14(b))",
    "P14c": "the requested State's invitation to the next Bureau meeting (para 14(c))",
    "P14d": "the request for a public meeting of the New York Working Group (para 14(d))",
    "P14e": "the noting in the omnibus resolution (para 14(e))",
    "P14f": "the discussion in plenary (para 14(f))",
    "P14g": "the letter to the President of the Security Council (para 14(g))",
}
"""The steps of the formal response, by rule id, as a person reads them."""


def moment(at: datetime) -> str:
    """A business time as a person reads it: ``2026-04-01 23:30 UTC``."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def day(value: date) -> str:
    """A date as every message writes it: ``2026-11-30``."""
    return value.isoformat()


def stop_phrase(reason: StopReason) -> str:
    """Why the formal response stopped: ``the Court reversed its decision``."""
    return _STOP_REASONS[reason]
