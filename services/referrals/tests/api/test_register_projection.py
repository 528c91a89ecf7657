"""The case register's projection on a real PostgreSQL: a row per (audience, case), each the fold
of the events that audience may read (docs/adr/0023-refusals-never-disclose.md), folded once per
distinct set of readable events, and the same whether the events come in one batch or one by one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import pytest
from services.referrals.tests.builders import context, register_referral

from noncoop_shared.catalogue.referrals import case_stream
from noncoop_shared.clock import FixedClock
from noncoop_shared.consumer import LogEvent, LogPosition
from noncoop_shared.envelope import Envelope
from noncoop_shared.store import InMemoryEventStore
from referrals.application.handlers import handle
from referrals.domain.commands import RecordForwarding
from referrals.domain.decide import ServiceLevels
from referrals.projections import register
from referrals.projections.case_view import CaseView

pytestmark = pytest.mark.integration

CASE = "NC-2015-007"
REFERRED_AT = datetime(2015, 3, 2, 15, 0, tzinfo=UTC)


async def _referred_then_forwarded() -> list[Envelope]:
    """A 7(a) referral (public) and its forwarding (States Parties and above), as recorded."""
    store = InMemoryEventStore(
        service="referrals", clock=FixedClock(datetime(2026, 6, 1, tzinfo=UTC))
    )
    levels = ServiceLevels()
    await handle(store, levels, CASE, register_referral(CASE), context(REFERRED_AT))
    forwarded_at = REFERRED_AT + timedelta(hours=3)
    forwarding = RecordForwarding("ICC-ASP/13/SP/10")
    await handle(store, levels, CASE, forwarding, context(forwarded_at, role="secretariat"))
    return await store.load(case_stream(CASE))


async def _project(dsn: str, batches: Iterable[list[Envelope]]) -> list[dict[str, Any]]:
    """Each batch applied in its own transaction, as the consumer does; the register's rows."""
    conn = await asyncpg.connect(dsn)
    try:
        for _, sql in register.MIGRATIONS:
            await conn.execute(sql)
        projection = register.CaseRegisterProjection()
        for batch in batches:
            async with conn.transaction():
                events = [LogEvent(e, LogPosition(0, n)) for n, e in enumerate(batch)]
                await projection.apply_batch(conn, events)
        rows = await conn.fetch(
            "SELECT audience, case_id, version, status, view::text AS view"
            " FROM case_register ORDER BY audience"
        )
        return [dict(row) for row in rows]
    finally:
        await conn.close()


async def test_each_audience_gets_the_fold_of_what_it_may_read_folded_once_per_distinct_set(
    fresh_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    envelopes = await _referred_then_forwarded()
    folded: list[int] = []
    real_fold = register.fold_view

    def counting_fold(case_id: str, readable: list[Envelope]) -> CaseView:
        folded.append(len(readable))
        return real_fold(case_id, readable)

    monkeypatch.setattr(register, "fold_view", counting_fold)

    rows = await _project(fresh_database, [envelopes])

    assert {row["audience"]: row["version"] for row in rows} == {
        "public": 1,  # the forwarding is not public: its version does not show a gap
        "states_parties": 2,
        "bureau": 2,
        "restricted": 2,
    }
    wider = [row["view"] for row in rows if row["audience"] != "public"]
    assert len(set(wider)) == 1  # the three audiences that read both events share one view
    assert sorted(folded) == [1, 2]  # one fold for the public row, one for the three others


async def test_one_batch_and_one_event_at_a_time_write_the_same_rows(
    database_factory: Any,
) -> None:
    envelopes = await _referred_then_forwarded()
    in_one_batch = await _project(await database_factory.create(), [envelopes])
    one_by_one = await _project(await database_factory.create(), [[e] for e in envelopes])

    assert len(in_one_batch) == 4
    assert in_one_batch == one_by_one
