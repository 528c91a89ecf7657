"""Event signing (ADR 0020): the store signs what it appends with the service's key; a reader
believes an event only when a trusted key of the service owning its type signed it."""

from __future__ import annotations

import os
import pickle
from datetime import UTC, datetime
from typing import Any

import pytest

from noncoop_shared.audit.verify_log import verify_events
from noncoop_shared.clock import FixedClock
from noncoop_shared.envelope import Envelope, chain_hash
from noncoop_shared.signing import (
    EventSigner,
    TrustedKey,
    TrustStore,
    development_seed,
    owner_of,
    parse_seed,
    public_key_text,
    raw_public_key,
)
from noncoop_shared.store import InMemoryEventStore
from noncoop_shared.testing import plain_event

AT = datetime(2026, 3, 31, 22, 0, tzinfo=UTC)
REFERRALS = EventSigner("referrals", os.urandom(32))
REPORTING = EventSigner("reporting", os.urandom(32))
TRUST = TrustStore(
    TrustedKey(s.service, raw_public_key(s.public_key)) for s in (REFERRALS, REPORTING)
)


async def appended(signer: EventSigner, service: str = "referrals", count: int = 1) -> list[Any]:
    store = InMemoryEventStore(service=service, clock=FixedClock(AT), signer=signer)
    async with store.transaction() as tx:
        return await tx.append(
            stream="case:c1",
            subject="c1",
            expected_version=0,
            events=[plain_event("c1", f"n{n}") for n in range(count)],
        )


def rehashed(envelope: Envelope, **changes: Any) -> Envelope:
    """``envelope`` changed and re-linked: its hash valid again, its signature kept."""
    changed = envelope.model_copy(update=changes)
    return changed.model_copy(update={"hash": chain_hash(changed.prevhash, changed.without_hash())})


async def test_the_store_signs_with_its_services_key_and_a_trusting_reader_believes_it() -> None:
    events = await appended(REFERRALS, count=2)
    assert [e.signer for e in events] == [REFERRALS.key_id] * 2
    assert all(e.hash_is_valid() and TRUST.problem_with(e) is None for e in events)
    raw = events[1].to_bytes()
    assert Envelope.from_bytes(raw).hash_is_valid_for(raw)


async def test_an_event_without_signature_is_refused_though_its_chain_holds() -> None:
    [event] = await appended(REFERRALS)
    unsigned = rehashed(event, signer=None, signature=None)
    assert unsigned.hash_is_valid()
    assert "unsigned event" in (TRUST.problem_with(unsigned) or "")


async def test_a_forged_or_replayed_signature_is_refused() -> None:
    [event] = await appended(REFERRALS)
    forged = event.model_copy(update={"signature": REFERRALS.sign("ab" * 32)})
    assert "invalid signature" in (TRUST.problem_with(forged) or "")
    # The signature of one event on another (same signer): the hash differs, so it fails.
    [other] = await appended(REFERRALS)
    moved = rehashed(event, data=event.data | {"note": "changed"}).model_copy(
        update={"signature": other.signature}
    )
    assert "invalid signature" in (TRUST.problem_with(moved) or "")


async def test_a_key_the_trust_store_does_not_list_is_refused() -> None:
    [event] = await appended(EventSigner("referrals", os.urandom(32)))
    assert "unknown key" in (TRUST.problem_with(event) or "")


async def test_a_valid_key_of_a_service_that_does_not_own_the_type_is_refused() -> None:
    [event] = await appended(REPORTING, service="reporting")  # a referrals type
    assert owner_of(event.type) == "referrals"
    problem = TRUST.problem_with(event) or ""
    assert "does not own the type" in problem and "reporting" in problem


async def test_an_owners_key_on_an_event_claiming_another_source_is_refused() -> None:
    [event] = await appended(REFERRALS)
    claimed = REFERRALS.signed(rehashed(event, source="noncoop/bureau"))
    assert "claims source noncoop/bureau" in (TRUST.problem_with(claimed) or "")


def test_the_owner_comes_from_the_catalogue_or_the_types_own_name() -> None:
    assert owner_of("noncoop.referrals.case_closed.v2") == "referrals"
    assert owner_of("noncoop.bureau.not_in_the_catalogue.v1") == "bureau"
    assert owner_of("something.else") is None


def test_a_trust_store_parses_several_keys_per_service_and_survives_pickling() -> None:
    rotated = EventSigner("referrals", os.urandom(32))
    text = ", ".join(
        public_key_text(s.service, s.public_key) for s in (REFERRALS, rotated, REPORTING)
    )
    store = TrustStore.parse(text)
    assert store.key_ids() == {
        REFERRALS.key_id: "referrals",
        rotated.key_id: "referrals",
        REPORTING.key_id: "reporting",
    }
    # A rebuild hands it to worker processes (our own bytes, not untrusted data).
    assert pickle.loads(pickle.dumps(store)).key_ids() == store.key_ids()  # noqa: S301


@pytest.mark.parametrize("text", ["", "referrals", "referrals:not-base64!", "referrals:AAAA"])
def test_a_malformed_trust_store_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        TrustStore.parse(text)


def test_development_keys_are_derived_from_the_service_name_and_known_as_such() -> None:
    assert EventSigner.development("bureau").is_development
    assert not REFERRALS.is_development
    assert parse_seed(__import__("base64").b64encode(development_seed("x")).decode()) == (
        development_seed("x")
    )
    assert TrustStore.development().service_of(EventSigner.development("bureau").key_id) == (
        "bureau"
    )


def test_an_unsigned_envelope_keeps_the_bytes_and_hash_it_was_recorded_with() -> None:
    """Envelopes written before signing existed have no signer attributes at all: reading them
    adds none, so their hash still holds and a reader says "unsigned", not "altered"."""
    fields: dict[str, Any] = {
        "id": "01900000-0000-7000-8000-000000000001",
        "type": "noncoop.referrals.case_closed.v2",
        "source": "noncoop/referrals",
        "subject": "c1",
        "time": AT,
        "data": {"case_id": "c1", "reason": "other", "note": ""},
        "stream": "case:c1",
        "streamversion": 1,
        "occurredat": AT,
        "actorrole": "court",
        "actorid": "court-1",
        "classification": "public",
        "correlationid": "x",
        "schemaversion": 2,
        "prevhash": "0" * 64,
        "hash": "0" * 64,
    }
    draft = Envelope.model_validate(fields)
    legacy = draft.model_copy(update={"hash": chain_hash("0" * 64, draft.without_hash())})
    raw = legacy.to_bytes()
    assert b"signer" not in raw and b"signature" not in raw
    assert Envelope.from_bytes(raw).hash_is_valid_for(raw)


async def test_audit_verify_names_an_event_whose_chain_holds_but_whose_signer_is_wrong() -> None:
    first, second = await appended(REFERRALS, count=2)
    intruder = REPORTING.signed(
        rehashed(second, signer=REPORTING.key_id, source="noncoop/reporting")
    )
    findings = verify_events([first, intruder], TRUST)
    assert [(f.event_id, "does not own the type" in f.problem) for f in findings] == [
        (str(intruder.id), True)
    ]
    assert verify_events([first, second], TRUST) == []
