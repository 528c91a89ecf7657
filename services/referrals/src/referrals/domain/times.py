"""Business time bounds of the case register (rule Time).

A fact is not dated before 1 July 2002 (the Rome Statute's entry into force), not after the
business time of the command that records it (so never in the future: the web layer bounds that
time by the clock), and not before the fact it follows (a forwarding before the decision it
forwards, a closure before the case opened). Each refusal is a ``BusinessTimeOutOfBoundsError``:
a 422 naming the field, since it is a wrong date rather than a step the procedures refuse.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from noncoop_shared.errors import BusinessTimeOutOfBoundsError

STATUTE_IN_FORCE_ON = date(2002, 7, 1)
OCCURRED_AT = "body.occurred_at"


def require_date_in_bounds(value: date | None, now: datetime, *, field: str, what: str) -> None:
    """A date the command carries (a decision's date...) lies between 1 July 2002 and the
    command's own business date."""
    if value is None:
        return
    if value < STATUTE_IN_FORCE_ON:
        raise BusinessTimeOutOfBoundsError(
            f"The {what} is dated {value.isoformat()}, before 1 July 2002, when the Rome Statute "
            "entered into force (rule Time).",
            field=field,
        )
    if value > now.date():
        raise BusinessTimeOutOfBoundsError(
            f"The {what} is dated {value.isoformat()}, after the business time of this record "
            f"({_instant(now)}); a fact is not recorded before it happened (rule Time).",
            field=field,
        )


def require_not_before(now: datetime, earlier: datetime | None, *, what: str) -> None:
    """The command's business time is not before the fact it follows (``what`` names that
    fact, e.g. "the Court decision reached the Assembly")."""
    if earlier is None or now >= earlier:
        return
    raise BusinessTimeOutOfBoundsError(
        f"This record is dated {_instant(now)}, before {what} ({_instant(earlier)}); a fact cannot "
        "precede the fact it follows (rule Time).",
        field=OCCURRED_AT,
    )


def require_not_before_date(now: datetime, earlier: date | None, *, what: str) -> None:
    """The command's business date is not before a date it follows (e.g. the decision's)."""
    if earlier is None or now.date() >= earlier:
        return
    raise BusinessTimeOutOfBoundsError(
        f"This record is dated {_instant(now)}, before {what} ({earlier.isoformat()}); a fact "
        "cannot precede the fact it follows (rule Time).",
        field=OCCURRED_AT,
    )


def _instant(at: datetime) -> str:
    # To the second: a record one second too early must read as such.
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
