"""Every date a caller gives lies within the calendar (ADR 0021)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import BaseModel, ValidationError

from noncoop_shared.web.commands import IsoDate, UtcInstant


class Given(BaseModel):
    on: IsoDate | None = None
    at: UtcInstant | None = None


@pytest.mark.parametrize("value", ["9999-12-31", "2200-01-01", "0001-01-01", "1899-12-31"])
def test_a_date_outside_the_calendar_is_refused_naming_it(value: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Given.model_validate({"on": value})

    [error] = refused.value.errors()
    assert error["loc"] == ("on",)
    assert "lies outside the years 1900 to 2199" in error["msg"]


def test_an_instant_at_the_end_of_time_is_refused() -> None:
    with pytest.raises(ValidationError, match="lies outside the years"):
        Given.model_validate({"at": "9999-12-31T23:59:59+00:00"})


def test_a_date_as_a_number_is_refused() -> None:
    with pytest.raises(ValidationError, match="a date is written YYYY-MM-DD"):
        Given.model_validate({"on": 253402214400})


def test_dates_of_the_procedures_pass() -> None:
    given = Given.model_validate({"on": "2199-12-31", "at": "2002-07-01T00:00:00+00:00"})

    assert given.on == date(2199, 12, 31)
    assert given.at == datetime(2002, 7, 1, tzinfo=UTC)
