"""The fault injectors. Each returns what it did, what it interrupted and how long the system
took to recover: to ``/health/ready``, and to caught up (every outbox published and every
consumer at the log's end as they stood at the restart)."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass

import asyncpg
from tests.faults.load import Ledger
from tests.faults.probes import fleet_activity, wait_past_now
from tests.faults.projections import table_digests
from tests.faults.services import Fleet

#: What a consumer of each service does (what a kill with a lag interrupts).
CONSUMER_KIND = {
    "referrals": "projection",
    "good_offices": "policy",
    "bureau": "policy",
    "reporting": "projection",
}


@dataclass
class Outcome:
    scenario: str
    interrupted: str
    down_s: float
    ready_s: float
    caught_up_s: float
    ok: bool = True
    note: str = ""


async def kill_service(fleet: Fleet, ledger: Ledger, name: str, rng: random.Random) -> Outcome:
    """kill -9 at a random moment of the load, restart, measure. What was interrupted is read
    just before the kill: commands in flight to it (mid-append), rows in its outbox
    (mid-relay), records its consumers had not applied (mid-projection / mid-policy)."""
    service = fleet.services[name]
    await asyncio.sleep(rng.uniform(0.5, 3.0))
    ends_activity = (await fleet_activity(fleet))[name]
    in_flight = ledger.in_flight(name)
    service.kill9()
    killed_at = time.monotonic()
    interrupted = [
        f"append x{in_flight}" if in_flight else "",
        f"relay backlog {ends_activity.outbox_backlog}" if ends_activity.outbox_backlog else "",
        f"{CONSUMER_KIND[name]} lag {ends_activity.consumer_lag}"
        if ends_activity.consumer_lag
        else "",
    ]
    await asyncio.sleep(rng.uniform(0.2, 1.0))
    service.start()
    restarted_at = time.monotonic()
    ready = await service.wait_ready()
    caught_up = await wait_past_now(fleet)
    return Outcome(
        f"kill -9 {name}",
        ", ".join(i for i in interrupted if i) or "idle",
        restarted_at - killed_at,
        ready,
        ready + caught_up,
    )


async def restart_component(fleet: Fleet, component: str, down_for_s: float) -> Outcome:
    """Stop the private broker or database mid-load, leave it down a while, start it again;
    the services keep running and must come back by themselves."""
    before = await fleet_activity(fleet)
    stopped_at = time.monotonic()
    await asyncio.to_thread(fleet.stack.down, component)
    await asyncio.sleep(down_for_s)
    await asyncio.to_thread(fleet.stack.up, component)
    started_at = time.monotonic()
    ready = await fleet.all_ready()
    caught_up = await wait_past_now(fleet)
    backlog = sum(a.outbox_backlog for a in before.values())
    return Outcome(
        f"restart {component}",
        f"load on, relay backlog {backlog} at stop",
        started_at - stopped_at,
        ready,
        ready + caught_up,
    )


#: A redelivery may rewrite positions; what the consumers hold must not change.
_BOOKKEEPING = frozenset({"consumer_positions"})


async def redeliver(fleet: Fleet, names: tuple[str, ...]) -> Outcome:
    """Stop the services, move every consumer's stored position back to half (the log is read
    again from there), restart: every table but the positions must be unchanged: no projection
    row, no policy reaction, no event is added twice."""
    for name in names:
        fleet.services[name].kill9()
    before = {n: await table_digests(fleet.services[n].dsn, _BOOKKEEPING) for n in names}
    moved = 0
    for name in names:
        conn = await asyncpg.connect(fleet.services[name].dsn)
        try:
            status = await conn.execute(
                "UPDATE consumer_positions SET next_offset = next_offset / 2"
            )
            moved += int(status.split()[-1])
        finally:
            await conn.close()
    for name in names:
        fleet.services[name].start()
    ready = await fleet.all_ready()
    caught_up = await wait_past_now(fleet)
    after = {n: await table_digests(fleet.services[n].dsn, _BOOKKEEPING) for n in names}
    changed = [f"{n}.{t}" for n in names for t in before[n] if before[n][t] != after[n].get(t)]
    return Outcome(
        f"redeliver {'+'.join(names)}",
        f"{moved} positions moved back to half",
        0.0,
        ready,
        ready + caught_up,
        ok=not changed,
        note=f"changed: {', '.join(changed)}" if changed else "tables unchanged",
    )
