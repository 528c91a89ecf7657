"""P14d counts "three calendar months" by the calendar: the same day so many months later,
the last day of the month where that month is shorter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bureau.domain.rules import add_calendar_months, nywg_limit


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 10, 15), 3, date(2027, 1, 15)),  # across a year end
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # February, common year
        (date(2027, 11, 30), 3, date(2028, 2, 29)),  # February, leap year
        (date(2026, 8, 31), 3, date(2026, 11, 30)),  # a 30-day month
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # 31 January, leap year
        (date(2027, 1, 31), 1, date(2027, 2, 28)),  # 31 January, common year
        (date(2028, 1, 31), 3, date(2028, 4, 30)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # 29 February, a year on
        (date(2026, 3, 31), -1, date(2026, 2, 28)),  # backwards
        (date(2026, 5, 17), 0, date(2026, 5, 17)),
    ],
)
def test_calendar_months_are_added_clamping_to_the_end_of_a_shorter_month(start, months, expected):
    assert add_calendar_months(start, months) == expected


def test_P14d_the_limit_is_three_calendar_months_after_the_bureau_meeting():
    assert nywg_limit(date(2026, 11, 30)) == date(2027, 2, 28)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 12, 31)),
    st.integers(min_value=-120, max_value=120),
)
def test_adding_calendar_months_moves_that_many_months_and_never_past_the_day(start, months):
    result = add_calendar_months(start, months)

    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    last_of_its_month = (result + timedelta(days=1)).month != result.month
    assert result.day == start.day or last_of_its_month  # clamped only to a month's end
