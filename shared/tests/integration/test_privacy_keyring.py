"""The keyring and the store's sealing on a real PostgreSQL (ADR 0011): personal data is sealed
before hashing, the chain verifies before and after the case key is erased, and the master key
rotates by re-wrapping."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest

from noncoop_shared.catalogue.common import (
    CourtDecision,
    CourtRequest,
    PersonConcerned,
    RequestedState,
)
from noncoop_shared.catalogue.referrals import CourtDecisionReceived
from noncoop_shared.clock import FixedClock
from noncoop_shared.privacy import ERASED, SEALED_PREFIX, Keyring, MasterKeys, open_declared
from noncoop_shared.privacy.keyring import UnknownMasterKeyError
from noncoop_shared.privacy.sealing import new_data_key
from noncoop_shared.store import PostgresEventStore
from noncoop_shared.store.records import NewEvent
from noncoop_shared.verify import verify_stream

pytestmark = pytest.mark.integration

CASE = "0196a3d2-0000-7000-8000-0000000000aa"
NAME = "Jane Q. Warrantee"
AT = datetime(2026, 3, 31, 22, 0, tzinfo=UTC)


@pytest.fixture
async def keyring(fresh_database: str) -> AsyncIterator[Keyring]:
    keyring = await Keyring.open(fresh_database, MasterKeys(new_data_key()))
    yield keyring
    await keyring.close()


def referral(case_id: str, name: str) -> NewEvent:
    payload = CourtDecisionReceived(
        case_id=case_id,
        requested_state=RequestedState(name="Examplia", code="EXA", status="state_party"),
        court_request=CourtRequest(article="89", reference="R-1"),
        persons_concerned=[PersonConcerned(name=name, warrant_reference="W-1")],
        decision=CourtDecision(
            reference="ICC-1",
            date=AT.date(),
            chamber="Pre-Trial Chamber I",
            legal_basis="87(7)",
            referred_to_assembly=True,
            referred_to_security_council=False,
        ),
        forwarding_due_at=AT,
        press_release_due_at=AT,
    )
    return NewEvent(payload, AT, "court", "icc", payload.__event__.classification, "corr-1")


async def test_personal_data_is_sealed_before_hashing_and_the_chain_survives_erasure(
    pool: asyncpg.Pool, keyring: Keyring
) -> None:
    store = PostgresEventStore(pool, service="testing", clock=FixedClock(AT), keyring=keyring)
    async with store.transaction() as tx:
        (recorded,) = await tx.append(
            stream=f"case:{CASE}", subject=CASE, expected_version=0, events=[referral(CASE, NAME)]
        )
    stored = await pool.fetchval("SELECT envelope FROM events WHERE id = $1", recorded.id)
    assert NAME not in stored and SEALED_PREFIX in stored
    assert recorded.hash_is_valid()
    history = await store.load(f"case:{CASE}")
    assert verify_stream(history) is None
    sealed_name = history[0].data["persons_concerned"][0]["name"]
    assert (
        open_declared(sealed_name, scope=CASE, field="name", keys=await keyring.data_keys([CASE]))
        == NAME
    )

    assert await keyring.erase(CASE) is True
    assert await keyring.erase(CASE) is False  # idempotent
    assert (
        open_declared(sealed_name, scope=CASE, field="name", keys=await keyring.data_keys([CASE]))
        == ERASED
    )
    after = await store.load(f"case:{CASE}")
    assert after == history and verify_stream(after) is None

    # New personal data for the case gets a new key, which does not open the old values.
    async with store.transaction() as tx:
        await tx.append(
            stream=f"case:{CASE}-2", subject=CASE, expected_version=0, events=[referral(CASE, "B")]
        )
    assert (
        open_declared(sealed_name, scope=CASE, field="name", keys=await keyring.data_keys([CASE]))
        == ERASED
    )


async def test_one_key_per_case_even_when_writers_race(keyring: Keyring) -> None:
    keys = await asyncio.gather(*(keyring.data_key(CASE) for _ in range(6)))
    assert len(set(keys)) == 1
    assert await keyring.data_key("another") != keys[0]
    assert await keyring.data_keys([CASE, "another", "unknown"]) == {
        CASE: keys[0],
        "another": await keyring.data_key("another"),
    }


async def test_rotating_the_master_key_rewraps_every_data_key(fresh_database: str) -> None:
    old, new = new_data_key(), new_data_key()
    before = await Keyring.open(fresh_database, MasterKeys(old))
    data_key = await before.data_key(CASE)
    await before.close()

    without_old = await Keyring.open(fresh_database, MasterKeys(new))
    with pytest.raises(UnknownMasterKeyError):
        await without_old.data_key(CASE)
    assert await without_old.data_keys([CASE]) == {}  # a reader cannot open, never crashes
    await without_old.close()

    rotating = await Keyring.open(fresh_database, MasterKeys(new, (old,)))
    assert await rotating.data_keys([CASE]) == {CASE: data_key}
    assert await rotating.rewrap() == 1
    assert await rotating.rewrap() == 0
    await rotating.close()

    after = await Keyring.open(fresh_database, MasterKeys(new))
    assert await after.data_key(CASE) == data_key
    await after.close()
