"""The envelope, canonical JSON and the hash chain, without any I/O (docs/architecture.md §3,
§7)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from noncoop_shared.canonical import canonical_json
from noncoop_shared.envelope import GENESIS_HASH, Envelope, chain_hash
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


def test_uuid7_ids_are_version_7_and_ordered_by_time() -> None:
    early, late = uuid7(1_700_000_000_000), uuid7(1_700_000_000_001)
    assert early.version == 7 and late.version == 7
    assert early < late


def test_envelope_round_trips_through_its_wire_bytes_with_the_same_hash() -> None:
    (envelope,) = chain(1)
    again = Envelope.from_bytes(envelope.to_bytes())
    assert again == envelope
    assert again.hash_is_valid()


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
