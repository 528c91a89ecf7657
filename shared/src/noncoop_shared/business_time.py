"""Bounds on every business date and instant a command carries (docs/procedures.md, Time).

No fact of these procedures is older than the Rome Statute's entry into force (1 July 2002), and
no date a person types in belongs to the 23rd century: a date outside these bounds is a typing
error or an attack (a forwarding dated 1900 reorders a case's history; a reply due 9999-12-31
overflowed a deadline into a 500). The bound is part of the field's type, so it is a 422 naming
the field in the body's validation, before the route looks at any record (the answer is the same
whether the record exists or not; docs/adr/0023-refusals-never-disclose.md). The rules' own,
narrower bounds (not after now, not before the fact it follows) stay in the domain.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

EARLIEST_DAY = date(2002, 7, 1)
"""The Rome Statute entered into force on 1 July 2002."""
LATEST_DAY = date(2199, 12, 31)
"""Far beyond any term, session or due date, yet far from the calendar's end (year 9999)."""


def day_in_bounds(value: date) -> date:
    if value < EARLIEST_DAY:
        raise ValueError(
            f"{value.isoformat()} lies before 1 July 2002, when the Rome Statute entered into "
            "force (rule Time)"
        )
    if value > LATEST_DAY:
        raise ValueError(f"{value.isoformat()} lies after {LATEST_DAY.isoformat()}")
    return value


def instant_in_bounds(value: datetime) -> datetime:
    """An aware instant whose UTC day lies within the bounds of :func:`day_in_bounds`."""
    try:
        day = value.astimezone(UTC).date()
    except OverflowError:
        raise ValueError("the instant lies outside the years 1 to 9999 in UTC") from None
    day_in_bounds(day)
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date_text(value: object) -> object:
    """A date is given as text ``YYYY-MM-DD``: pydantic would also read a number as seconds
    since 1970 (``?on=9.4e-08`` was the first of January 1970)."""
    if isinstance(value, date):
        return value  # built in code, not read from a request
    if not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


BusinessDate = Annotated[date, BeforeValidator(iso_date_text), AfterValidator(day_in_bounds)]
"""A date of the procedures (a decision, a reply, a meeting, a session, a term...)."""
