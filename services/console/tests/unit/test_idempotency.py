"""The form's Idempotency-Key (ADR 0038, ADR 0039): the console's own key is passed on, a form
without one gets a fresh one, and any other key is refused."""

from __future__ import annotations

import re

import pytest
from starlette.datastructures import FormData

from console.idempotency import FIELD, IdempotencyKeyError, key_of, new_key

UUID4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


def test_a_key_the_console_made_is_passed_through() -> None:
    made = new_key()
    assert key_of(FormData({FIELD: made})) == made


@pytest.mark.parametrize("form", [FormData(), FormData({FIELD: ""})], ids=["no field", "empty"])
def test_a_form_without_a_key_gets_a_fresh_one_each_time(form: FormData) -> None:
    first, second = key_of(form), key_of(form)
    assert re.fullmatch(UUID4, first) and re.fullmatch(UUID4, second)
    assert first != second


@pytest.mark.parametrize(
    "malformed",
    [
        "x",
        " ",
        "A" * 200,
        "01a24d3f-4c44-780b-aa41-b5498d7d8ef7",  # a UUID, but version 7: not one new_key makes
        "01A24D3F-4C44-480B-AA41-B5498D7D8EF7",  # upper case: new_key writes lower case
        # A key new_key could make, with a line feed: fixed, not new_key()'s, so that every
        # collection of the suite (each pytest-xdist worker's) names the same tests.
        "91b6ed82-4f2c-47c1-a283-f24a382a2045\n",
        "k\u00e9y",
    ],
)
def test_a_key_of_any_other_shape_is_refused(malformed: str) -> None:
    with pytest.raises(IdempotencyKeyError):
        key_of(FormData({FIELD: malformed}))
