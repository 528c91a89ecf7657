"""``unrecordable``: one walk finds both text no record may hold and an integer no event may
hold, reporting text first wherever it is, with the dotted path of the field."""

from __future__ import annotations

import json

import pytest

from noncoop_shared.text import UNSAFE_INTEGER, unrecordable

BIG = 2**53


def test_a_fine_body_has_nothing_unrecordable() -> None:
    body = {"a": [1, True, None, "é \U0001f600", {"b": 2**53 - 1, "c": -(2**53 - 1)}]}
    assert unrecordable(body) is None


@pytest.mark.parametrize(
    "body",
    [
        {"a": BIG, "z": "x\x00"},  # the integer is walked after the text
        {"z": BIG, "a": "x\x00"},  # the integer is walked before the text
        [BIG, ["x\x00"]],
        [["x\x00"], BIG],
    ],
)
def test_text_is_reported_before_an_integer_whichever_the_walk_meets_first(body: object) -> None:
    found = unrecordable(body)
    assert found is not None
    assert found[1:] == ("contains a NUL character (U+0000)", "string_unstorable")


def test_an_unsafe_integer_is_named_by_its_path() -> None:
    body = json.loads('{"a": [1, {"b": -9007199254740992}], "ok": "text"}')
    assert unrecordable(body) == ("body.a.1.b", UNSAFE_INTEGER, "int_unsafe")


def test_a_key_is_checked_like_a_string_and_named_by_its_object() -> None:
    assert unrecordable({"a": {"\ud800": 1}}) == (
        "body.a",
        "a key contains a lone surrogate (no UTF-8 form)",
        "string_unstorable",
    )


def test_without_integers_only_text_counts_and_a_bool_is_never_an_integer() -> None:
    assert unrecordable({"n": BIG}, ("record",), integers=False) is None
    assert unrecordable({"n": BIG}, ("record",)) == ("record.n", UNSAFE_INTEGER, "int_unsafe")
    assert unrecordable([True, False]) is None
