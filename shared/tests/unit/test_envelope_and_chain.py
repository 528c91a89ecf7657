"""The envelope, canonical JSON and the hash chain, without any I/O (docs/architecture.md §3,
§7)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from enum import Enum, IntEnum
from typing import Any

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from noncoop_shared.canonical import MAX_SAFE_INTEGER, canonical_json
from noncoop_shared.envelope import GENESIS_HASH, Envelope, chain_hash, dataschema_of
from noncoop_shared.ids import uuid7
from noncoop_shared.verify import verify_stream

T0 = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)


def chain(count: int, stream: str = "case:x") -> list[Envelope]:
    envelopes: list[Envelope] = []
    prev = GENESIS_HASH
    for version in range(1, count + 1):
        draft = {
            "id": str(uuid7()), "type": "noncoop.referrals.case_closed.v1",
            "source": "noncoop/referrals", "subject": stream.split(":")[1],
            "time": (T0 + timedelta(minutes=version)).isoformat(),
            "data": {"case_id": "x", "reason": "other", "note": f"n{version}"},
            "stream": stream, "streamversion": version, "occurredat": T0.isoformat(),
            "actorrole": "secretariat", "actorid": "s1", "classification": "public",
            "correlationid": "c", "causationid": None, "schemaversion": 1, "rule": None,
            "prevhash": prev, "hash": GENESIS_HASH,
        }  # fmt: skip
        unsealed = Envelope.model_validate(draft)
        sealed = unsealed.model_copy(update={"hash": chain_hash(prev, unsealed.without_hash())})
        envelopes.append(sealed)
        prev = sealed.hash
    return envelopes


def test_canonical_json_sorts_keys_and_keeps_unicode_unescaped() -> None:
    assert canonical_json({"b": 1, "a": "Côte d'Ivoire"}) == '{"a":"Côte d\'Ivoire","b":1}'.encode()


def test_canonical_json_refuses_floats_which_have_no_single_encoding() -> None:
    with pytest.raises(TypeError, match="floats"):
        canonical_json({"amount": 1.5})


# RFC 8785 (JCS), the examples but for their floats, as JSON texts (so "\ud83d\ude00" is one
# character, as in the RFC): §3.2.3's sorting example, §3.2.2's string and literals, and
# cyberphone/json-canonicalization's testdata, the reference implementation's (weird, french,
# unicode, structures with 56 for 56.0, arrays).
RFC_8785_EXAMPLES = [
    (
        r"""{"\u20ac": "Euro Sign", "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"}""",
        '{"\\r":"Carriage Return","1":"One","\u0080":"Control",'
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",'
        '"\U0001f600":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ),
    (
        r"""{"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]}""",
        '{"literals":[null,true,false],"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    ),
    (
        r"""{"\u20ac": "Euro Sign", "1": "One", "\u0080": "Control\u007f",
        "\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis",
        "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge"}""",
        '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f",'
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",'
        '"\U0001f602":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ),
    (
        """{"peach": "This sorting order", "p\u00e9ch\u00e9": "is wrong according to French",
        "p\u00eache": "but canonicalization MUST", "sin": "ingnore locale"}""",
        '{"peach":"This sorting order","p\u00e9ch\u00e9":"is wrong according to French",'
        '"p\u00eache":"but canonicalization MUST","sin":"ingnore locale"}',
    ),
    (r'{"Unnormalized Unicode": "\u1e0d\u0307"}', '{"Unnormalized Unicode":"\u1e0d\u0307"}'),
    (
        r"""{"1": {"f": {"f": "hi", "F": 5}, "\n": 56}, "10": {}, "": "empty", "a": {},
        "111": [{}], "A": {}}""",
        '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
    ),
    ('[56, {"d": true, "10": null, "1": []}]', '[56,{"1":[],"10":null,"d":true}]'),
]


@pytest.mark.parametrize(("text", "expected"), RFC_8785_EXAMPLES)
def test_canonical_json_gives_the_rfc_8785_examples_their_exact_bytes(
    text: str, expected: str
) -> None:
    assert canonical_json(json.loads(text)) == expected.encode("utf-8")


def test_canonical_json_sorts_a_key_beyond_the_bmp_by_its_utf_16_code_units() -> None:
    # U+1F600 is D83D DE00 in UTF-16, below U+E000 and U+FFFD; by code point it would be last.
    value: dict[str, Any] = {"\ufffd": 1, "\U0001f600": 2, "\ue000": 3, "\ud7ff": 4}
    value["a"] = {"\uff01": 5, "\U00010000": 6}
    expected = '{"a":{"\U00010000":6,"\uff01":5},"\ud7ff":4,"\U0001f600":2,"\ue000":3,"\ufffd":1}'
    assert canonical_json(value) == expected.encode()
    # Only that object's order is UTF-16's; another one beside it keeps its (same) order.
    assert canonical_json([{"\U0001f600": 1, "\ue000": 2}, {"b": 1, "a": 2}]) == (
        '[{"\U0001f600":1,"\ue000":2},{"a":2,"b":1}]'.encode()
    )


# Code points from every range that matters to JCS: controls, the short escapes, quote and
# backslash, DEL, the C1 controls, U+2028/U+2029, just below and above the surrogates, the top of
# the BMP, and beyond it (U+10000, emoji, the last code point).
TRICKY = (
    [chr(c) for c in range(0x20)]
    + ['"', "\\", "/", "'", "<", "a", "A", "1", " ", "\x7f", "\x80", "\x9f", "\xa0", "\xe9"]
    + ["\u2028", "\u2029", "\u20ac", "\ud7ff", "\ue000", "\uf8ff", "\ufb33", "\ufeff", "\uffff"]
    + ["\U00010000", "\U0001d11e", "\U0001f600", "\U0001f602", "\U0010ffff"]
)
tricky_text = st.text(st.sampled_from(TRICKY) | st.characters(codec="utf-8"), max_size=6)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
    | st.sampled_from([0, -1, MAX_SAFE_INTEGER, -MAX_SAFE_INTEGER])
    | tricky_text,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(tricky_text, inner, max_size=6)
    ),
    max_leaves=30,
)


@settings(max_examples=1000, deadline=None)
@given(json_values)
def test_canonical_json_gives_the_same_bytes_as_an_independent_rfc_8785_encoder(
    value: Any,
) -> None:
    assert canonical_json(value) == rfc8785.dumps(value)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(st.sampled_from(TRICKY) | st.characters(codec="utf-8"), max_size=4)))
def test_code_point_order_is_utf_16_order_for_keys_within_the_bmp_and_only_for_them(
    keys: list[str],
) -> None:
    """The claim canonical_json's fast path rests on (canonical._check's docstring)."""
    utf16 = sorted(keys, key=lambda key: key.encode("utf-16-be"))
    if all(char <= "\uffff" for key in keys for char in key):
        assert sorted(keys) == utf16
    elif sorted(keys) != utf16:  # then a key beyond the BMP was compared with U+E000..U+FFFF
        assert any("\ue000" <= char <= "\uffff" for key in keys for char in key)


def test_code_point_order_equals_utf_16_order_over_the_whole_bmp() -> None:
    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    shuffled = bmp[::-1]
    assert sorted(shuffled) == sorted(shuffled, key=lambda key: key.encode("utf-16-be")) == bmp


def test_canonical_json_escapes_strings_as_es6_json_stringify_does() -> None:
    # RFC 8785 §3.2.2.2: the short escapes, other controls as \u00xx in lower-case hex, and
    # everything else, U+007F, U+2028/U+2029, '/' and non-ASCII included, as itself in UTF-8.
    short = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    for code in range(0x20):
        char = chr(code)
        expected = short.get(char, f"\\u{code:04x}")
        assert canonical_json(char) == f'"{expected}"'.encode(), hex(code)
        assert canonical_json({char: char}) == f'{{"{expected}":"{expected}"}}'.encode(), hex(code)
    assert canonical_json('"\\') == b'"\\"\\\\"'
    literal = "/\x7f\x80\x9f\xa0\u2028\u2029\ud7ff\ue000\ufeff\uffff\U00010000\U0010ffff"
    assert canonical_json(literal) == f'"{literal}"'.encode()
    assert canonical_json("\x1f\x1a\x0b") == b'"\\u001f\\u001a\\u000b"'


def test_canonical_json_writes_literals_lists_tuples_and_nested_objects_without_white_space() -> (
    None
):
    value = {"z": [True, False, None, (1, -2)], "a": {"y": [], "x": {}}, "m": 0}
    assert canonical_json(value) == b'{"a":{"x":{},"y":[]},"m":0,"z":[true,false,null,[1,-2]]}'


@pytest.mark.parametrize("integer", [2**53, -(2**53), 2**53 + 1, -(2**64), 10**30])
def test_canonical_json_refuses_an_integer_beyond_the_i_json_safe_range(integer: int) -> None:
    with pytest.raises(ValueError, match=r"beyond the I-JSON safe range \(\|n\| <= 2\*\*53 - 1\)"):
        canonical_json({"a": [1, {"b": integer}]})
    with pytest.raises(ValueError, match=str(integer)):
        canonical_json(integer)


def test_canonical_json_accepts_the_largest_safe_integers() -> None:
    assert canonical_json([2**53 - 1, -(2**53) + 1]) == b"[9007199254740991,-9007199254740991]"


@pytest.mark.parametrize("value", [1.5, 1.0, 0.0, [{"a": 2.0}], float("nan"), float("inf")])
def test_canonical_json_refuses_every_float(value: Any) -> None:
    with pytest.raises(TypeError, match="floats have no canonical form"):
        canonical_json(value)


@pytest.mark.parametrize(
    "value",
    ["\ud800", "a\udfffb", {"k": ["\udc00"]}, {"\ud83d": 1}, {"\U0001f600": 1, "\ude00": 2}],
)
def test_canonical_json_refuses_a_lone_surrogate_which_is_not_unicode(value: Any) -> None:
    message = r"lone surrogate U\+D[89A-F][0-9A-F]{2}, which is not valid Unicode"
    with pytest.raises(ValueError, match=message):
        canonical_json(value)


@pytest.mark.parametrize("key", [1, True, None, 1.5, ("a",)])
def test_canonical_json_refuses_a_key_that_is_not_a_string(key: Any) -> None:
    # json.dumps would write 1 as "1" and True as "true": two objects, one encoding.
    with pytest.raises(TypeError, match=f"object keys must be strings, not {type(key).__name__}"):
        canonical_json({"a": {key: "x", "b": "y"}})


class Colour(str, Enum):  # noqa: UP042 - the mixin, whose str() is "Colour.RED", not "red"
    RED = "red"


class Rank(IntEnum):
    FIRST = 1
    HUGE = 2**60


def test_canonical_json_encodes_enums_and_subclasses_as_their_plain_values() -> None:
    class Ordered(dict[str, Any]):
        pass

    value = Ordered(b=Colour.RED, a=[Rank.FIRST, True])
    assert canonical_json(value) == b'{"a":[1,true],"b":"red"}' == rfc8785.dumps(value)
    with pytest.raises(ValueError, match="beyond the I-JSON safe range"):
        canonical_json([Rank.HUGE])
    with pytest.raises(TypeError, match="not JSON serializable"):
        canonical_json({"a": object()})


def test_uuid7_ids_are_version_7_and_ordered_by_time() -> None:
    early, late = uuid7(1_700_000_000_000), uuid7(1_700_000_000_001)
    assert early.version == 7 and late.version == 7
    assert early < late


def test_envelope_round_trips_through_its_wire_bytes_with_the_same_hash() -> None:
    (envelope,) = chain(1)
    again = Envelope.from_bytes(envelope.to_bytes())
    assert again == envelope
    assert again.hash_is_valid()


def test_a_record_holding_an_integer_past_2_53_has_no_valid_hash_and_stops_nothing() -> None:
    """Such a record can only come from outside (the edge refuses the integer, and no event
    holding one can be hashed): checking it says invalid, for the consumer to set it aside,
    rather than raising canonical_json's refusal at the consumer."""
    (envelope,) = chain(1)
    data = envelope.model_dump(mode="json")
    data["data"]["note"] = 2**60
    forged = Envelope.model_validate(data)

    assert forged.hash_is_valid() is False
    assert forged.hash_is_valid_for(json.dumps(data).encode()) is False


def test_an_envelope_recorded_before_dataschema_keeps_its_bytes_and_its_hash() -> None:
    (envelope,) = chain(1)  # as recorded before the attribute existed: none given
    assert b"dataschema" not in envelope.to_bytes()
    again = Envelope.from_bytes(envelope.to_bytes())
    assert again.dataschema is None and again.hash_is_valid()


def test_dataschema_names_the_event_types_schema_and_is_covered_by_the_hash() -> None:
    (envelope,) = chain(1)
    with_schema = envelope.model_copy(update={"dataschema": dataschema_of(envelope.type)})
    assert with_schema.dataschema == "urn:noncoop:event:noncoop.referrals.case_closed.v1"
    assert b'"dataschema":"urn:noncoop:event:' in with_schema.to_bytes()
    assert not with_schema.hash_is_valid()  # the hash was made without it
    resealed = with_schema.model_copy(
        update={"hash": chain_hash(envelope.prevhash, with_schema.without_hash())}
    )
    assert resealed.hash_is_valid() and resealed.hash != envelope.hash


def test_envelope_refuses_a_naive_timestamp() -> None:
    (envelope,) = chain(1)
    data = envelope.model_dump(mode="json") | {"occurredat": "2026-03-31T23:30:00"}
    with pytest.raises(ValueError, match="timezone"):
        Envelope.model_validate(data)


def test_an_intact_chain_verifies() -> None:
    assert verify_stream(chain(5)) is None


def test_an_altered_event_is_named_as_the_first_bad_event() -> None:
    events = chain(4)
    events[2] = events[2].model_copy(update={"data": {**events[2].data, "note": "forged"}})
    broken = verify_stream(events)
    assert broken is not None
    assert (broken.position, broken.event_id) == (2, str(events[2].id))
    assert "altered" in broken.problem


def test_a_removed_event_is_named_at_the_gap() -> None:
    events = chain(4)
    del events[1]
    broken = verify_stream(events)
    assert broken is not None and broken.position == 1
    assert "removed, inserted or reordered" in broken.problem


def test_reordered_events_are_detected() -> None:
    events = chain(4)
    events[1], events[2] = events[2], events[1]
    broken = verify_stream(events)
    assert broken is not None and broken.position == 1


def test_an_inserted_event_with_a_valid_own_hash_still_breaks_the_link() -> None:
    events = chain(3)
    forged_from = chain(3, stream="case:x")  # another chain: valid hashes, wrong links
    renumbered = forged_from[1].model_copy(update={"streamversion": 2})
    resealed = renumbered.model_copy(
        update={"hash": chain_hash(renumbered.prevhash, renumbered.without_hash())}
    )
    tampered = [events[0], resealed, *[e for e in events[1:]]]
    broken = verify_stream(tampered)
    assert broken is not None and broken.position == 1


def test_the_hash_check_on_wire_bytes_agrees_with_re_encoding() -> None:
    envelope = chain(1)[0]
    wire = envelope.to_bytes()
    assert envelope.hash_is_valid_for(wire)
    # Not canonical (spaces, other key order) but the same envelope: still valid, the slow way.
    spaced = wire.replace(b'","', b'", "')
    assert Envelope.from_bytes(spaced).hash_is_valid_for(spaced)
    # Altered data: the bytes and the re-encoding both disagree with the hash.
    altered = wire.replace(b'"data":{', b'"data":{"x":1,', 1)
    assert not Envelope.from_bytes(altered).hash_is_valid_for(altered)
    # A hash that is not the one sealed: refused.
    forged = wire.replace(envelope.hash.encode(), b"f" * 64)
    assert not Envelope.from_bytes(forged).hash_is_valid_for(forged)
