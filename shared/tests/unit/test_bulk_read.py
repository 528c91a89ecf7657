"""A rebuild's bulk reader (ADR 0025) gives every record the live consumer's verdict, while
verifying a signature only where it decides something: the last record of each stream in a
window, every copy of a repeated version, and whatever follows a break in the chain."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

import msgspec
import pytest
from aiokafka import ConsumerRecord

from noncoop_shared.bulk_read import EnvelopeView, as_envelope, read_window, verdicts
from noncoop_shared.clock import FixedClock
from noncoop_shared.consumer import read_records
from noncoop_shared.envelope import Envelope, chain_hash
from noncoop_shared.signing import EventSigner, TrustedKey, TrustStore, raw_public_key
from noncoop_shared.store import InMemoryEventStore
from noncoop_shared.testing import plain_event

AT = datetime(2026, 3, 31, 22, 0, tzinfo=UTC)
REFERRALS = EventSigner("referrals", os.urandom(32))
REPORTING = EventSigner("reporting", os.urandom(32))
STRANGER = EventSigner("referrals", os.urandom(32))
TRUST = TrustStore(
    TrustedKey(s.service, raw_public_key(s.public_key)) for s in (REFERRALS, REPORTING)
)


async def stream(case: str, count: int, signer: EventSigner = REFERRALS) -> list[Envelope]:
    store = InMemoryEventStore(service=signer.service, clock=FixedClock(AT), signer=signer)
    async with store.transaction() as tx:
        return await tx.append(
            stream=f"case:{case}",
            subject=case,
            expected_version=0,
            events=[plain_event(case, f"n{n}") for n in range(count)],
        )


def records(envelopes: list[Envelope | bytes]) -> list[ConsumerRecord[bytes, bytes]]:
    """The envelopes as one partition's records, in this order (bytes are sent as they are)."""
    out = []
    for offset, item in enumerate(envelopes):
        value = item if isinstance(item, bytes) else item.to_bytes()
        key = None if isinstance(item, bytes) else item.subject.encode()
        out.append(ConsumerRecord("t", 0, offset, 0, 0, key, value, None, 0, len(value), []))
    return out


def forged_signature(envelope: Envelope) -> Envelope:
    """Genuine content, a signature made by another key: the hash holds, the signature not."""
    return envelope.model_copy(update={"signature": STRANGER.sign(envelope.hash)})


def rewritten(envelope: Envelope, **changes: Any) -> Envelope:
    """Content changed and re-hashed, the old signature kept (what an attacker can do)."""
    changed = envelope.model_copy(update=changes)
    return changed.model_copy(update={"hash": chain_hash(changed.prevhash, changed.without_hash())})


class CountingTrust(TrustStore):
    """Counts the signatures it verifies."""

    verified = 0

    def signature_problem(self, envelope: Any) -> str | None:
        type(self).verified += 1
        return super().signature_problem(envelope)


def counting() -> CountingTrust:
    CountingTrust.verified = 0
    return CountingTrust(
        TrustedKey(s.service, raw_public_key(s.public_key)) for s in (REFERRALS, REPORTING)
    )


def assert_live_verdicts(log: list[ConsumerRecord[bytes, bytes]]) -> list[bool]:
    bulk = read_window(log, TRUST)
    live = read_records(log, TrustStore(TRUST._entries))
    assert verdicts(bulk) == [(r.record.offset, r.envelope is not None) for r in live]
    for fast, slow in zip(bulk, live, strict=True):
        if slow.envelope is not None:
            assert fast.envelope is not None
            assert as_envelope(fast.envelope) == slow.envelope
    return [ok for _, ok in verdicts(bulk)]


async def test_a_genuine_log_is_believed_with_one_signature_per_stream() -> None:
    a, b = await stream("a", 5), await stream("b", 3)
    log = records([a[0], b[0], a[1], a[2], b[1], a[3], b[2], a[4]])
    trust = counting()
    window = read_window(log, trust)
    assert all(item.envelope is not None for item in window)
    assert CountingTrust.verified == 2
    assert all(isinstance(item.envelope, EnvelopeView) for item in window)
    assert assert_live_verdicts(log) == [True] * 8


async def test_a_forged_head_is_refused_and_what_it_chains_to_is_verified_one_by_one() -> None:
    events = await stream("a", 4)
    log = records([*events[:3], forged_signature(events[3])])
    trust = counting()
    assert [ok for _, ok in verdicts(read_window(log, trust))] == [True, True, True, False]
    assert CountingTrust.verified == 2  # the head, then the one before it (it holds)
    assert assert_live_verdicts(log) == [True, True, True, False]


async def test_a_forged_copy_before_the_genuine_one_is_refused_as_live() -> None:
    """Genuine content under a signature of another key, published before the genuine record:
    its version occurs twice, so both copies are verified, whatever vouches after them."""
    events = await stream("a", 3)
    log = records([events[0], forged_signature(events[1]), events[1], events[2]])
    assert assert_live_verdicts(log) == [True, False, True, True]


async def test_content_rewritten_in_the_middle_breaks_the_chain_and_is_refused() -> None:
    events = await stream("a", 3)
    changed = rewritten(events[1], data=events[1].data | {"note": "not what was recorded"})
    log = records([events[0], changed, events[2]])
    # events[2] names the genuine hash as prevhash: it cannot vouch for the rewritten event.
    assert assert_live_verdicts(log) == [True, False, True]


async def test_a_forged_tail_chained_onto_a_genuine_stream_is_refused_whole() -> None:
    events = await stream("a", 2)
    tail = rewritten(events[1], streamversion=3, prevhash=events[1].hash)
    tail2 = rewritten(tail, streamversion=4, prevhash=tail.hash)
    log = records([*events, tail, tail2])
    trust = counting()
    assert [ok for _, ok in verdicts(read_window(log, trust))] == [True, True, False, False]
    assert assert_live_verdicts(log) == [True, True, False, False]


async def test_claims_are_checked_on_every_record_even_when_vouched_for() -> None:
    """A key of another service, a type the signer does not own: refused without a signature
    check, and the chain before it is verified on its own."""
    events = await stream("a", 3)
    reporting_key = rewritten(events[1], signer=REPORTING.key_id)
    log = records([events[0], reporting_key, events[2]])
    assert assert_live_verdicts(log) == [True, False, True]


async def test_unreadable_and_odd_records_get_the_live_reason() -> None:
    _, event = await stream("a", 2)
    raw = event.to_bytes()
    uppercase = raw.replace(event.prevhash.encode(), event.prevhash.upper().encode())
    log = records([b"not json", b'{"specversion": "1.0"}', uppercase, raw.replace(b"{", b"{ ", 1)])
    bulk = read_window(log, TRUST)
    live = read_records(log, TRUST)
    assert [(b.envelope is None, b.reason) for b in bulk] == [
        (r.envelope is None, r.reason) for r in live
    ]
    assert [b.envelope is not None for b in bulk] == [False, False, False, True]


@pytest.mark.parametrize("window", [1, 2, 3, 100])
async def test_any_window_gives_the_same_verdicts(window: int) -> None:
    a, b = await stream("a", 4), await stream("b", 4)
    log = records([a[0], b[0], forged_signature(a[1]), a[1], b[1], a[2], b[2], a[3], b[3]])
    whole = verdicts(read_window(log, TRUST))
    pieces = [
        v
        for i in range(0, len(log), window)
        for v in verdicts(read_window(log[i : i + window], TRUST))
    ]
    assert pieces == whole
    assert [ok for _, ok in whole] == [True, True, False, True, True, True, True, True, True]


def test_the_view_has_the_envelopes_attributes_in_order_with_the_same_defaults() -> None:
    """``EnvelopeView`` restates ``Envelope`` for msgspec: a field added to one and not the
    other would make the rebuild read records differently from the live consumer."""
    view_fields = msgspec.structs.fields(EnvelopeView)
    model_fields = list(Envelope.model_fields.items())
    assert [f.name for f in view_fields] == [name for name, _ in model_fields]
    for field, (name, info) in zip(view_fields, model_fields, strict=True):
        assert field.required == info.is_required(), name
        if not field.required:
            assert field.default == info.get_default(call_default_factory=True), name
    assert EnvelopeView.__struct_config__.forbid_unknown_fields
    assert Envelope.model_config.get("extra") == "forbid"
