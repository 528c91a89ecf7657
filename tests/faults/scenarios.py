"""The fault injectors. Each returns what it did, what it interrupted and how long the system
took to recover: to ``/health/ready``, and to caught up (every outbox published and every
consumer at the log's end as they stood at the restart)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass

import asyncpg
from tests.faults.load import Ledger
from tests.faults.probes import (
    fleet_activity,
    log_size,
    replication,
    wait_in_sync,
    wait_past_now,
)
from tests.faults.projections import table_digests
from tests.faults.services import Fleet
from tests.faults.stack import PrivateCluster

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


class Outcomes(list[Outcome]):
    """A run's outcomes so far, each printed as it comes (the table is printed at the end)."""

    def add(self, outcome: Outcome) -> None:
        self.append(outcome)
        print(f"  {outcome.scenario}: {outcome.interrupted}", flush=True)

    async def add_overlapping(self, faults: Iterable[Awaitable[Outcome]]) -> None:
        """Run ``faults`` at once (each waits its own random moment first) and add each."""
        for outcome in await asyncio.gather(*faults):
            self.add(outcome)


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
    row, no policy reaction, no event is added twice.

    Stopped as an operator would before moving positions (SIGTERM): their consumers leave the
    group, so the restarted ones are assigned at once instead of waiting out a dead member's
    session. Kills are the other scenarios' business."""
    for name in names:
        for replica in fleet.replicas[name]:
            replica.stop()
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
        for replica in fleet.replicas[name]:
            replica.start()
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


# --- the cluster run (three brokers, two replicas of every service) ------------------------------


async def kill_broker(
    fleet: Fleet, cluster: PrivateCluster, ledger: Ledger, node: int, down_for_s: float
) -> Outcome:
    """kill -9 one of the three brokers mid-load, leave it dead a while, start it again.

    With two brokers left every partition keeps two in-sync replicas, so writes with acks=all
    go on once the dead one is fenced (``broker.session.timeout.ms``): the figure shows how far
    the log grew and how many commands were acknowledged while it was down (the command path
    needs PostgreSQL only). Times are from the kill: *down*, until the restarted broker opens
    its port (dead for ``down_for_s`` and the log probe, then the JVM's start); *ready*, until
    it is back in the in-sync replicas of every partition (it has copied what it missed);
    *caught up*, until every outbox and consumer is past what there was at its restart."""
    kafka = cluster.kafka_access()
    leaders = [leader for leader, _ in (await replication(kafka)).values()]
    led = leaders.count(node)
    backlog = sum(a.outbox_backlog for a in (await fleet_activity(fleet)).values())
    before = await log_size(kafka)
    killed_at = time.monotonic()
    await asyncio.to_thread(cluster.kill_broker, node)
    await asyncio.sleep(down_for_s)
    grown = await log_size(kafka) - before
    acknowledged = ledger.acknowledged_between(killed_at, time.monotonic())
    restarted_at = time.monotonic()
    await asyncio.to_thread(cluster.start_broker, node)  # returns once its port is open
    down = time.monotonic() - killed_at
    dead = restarted_at - killed_at
    await wait_past_now(fleet)
    caught_up_at = time.monotonic()
    await wait_in_sync(kafka, node)
    return Outcome(
        f"kill -9 broker {node}",
        f"leader of {led}/{len(leaders)} partitions, relay backlog {backlog};"
        f" while down: {acknowledged} acknowledged, log +{grown};"
        f" dead {dead:.0f} s, JVM start {down - dead:.0f} s",
        down,
        time.monotonic() - killed_at,
        caught_up_at - killed_at,
        ok=grown > 0,
        note="" if grown > 0 else "nothing reached the log while the broker was down",
    )


async def kill_replica(
    fleet: Fleet, ledger: Ledger, name: str, rng: random.Random, down_for_s: float
) -> Outcome:
    """kill -9 one replica of ``name`` at a random moment of the load while its twin goes on.

    The twin must take over alone: the dead member's partitions once its consumer group
    session expires, its outbox lanes once PostgreSQL drops its advisory locks. Times are from
    the kill: *caught up*, until the twin alone has published every outbox row and applied
    every record there was at the kill (before the restart); *ready*, until the killed replica,
    started again after ``down_for_s`` at the earliest, answers ``/health/ready``."""
    victim = rng.choice(fleet.replicas[name])
    await asyncio.sleep(rng.uniform(0.5, 2.0))
    doing = (await fleet_activity(fleet))[name]
    in_flight = ledger.in_flight(name, victim.url)
    victim.kill9()
    killed_at = time.monotonic()
    caught_up = await wait_past_now(fleet)
    await asyncio.sleep(max(0.0, down_for_s - caught_up))
    down = time.monotonic() - killed_at
    victim.start()
    await victim.wait_ready()
    interrupted = [
        f"append x{in_flight}" if in_flight else "",
        f"relay backlog {doing.outbox_backlog}" if doing.outbox_backlog else "",
        f"{CONSUMER_KIND[name]} lag {doing.consumer_lag}" if doing.consumer_lag else "",
    ]
    return Outcome(
        f"kill -9 {victim.label}",
        ", ".join(i for i in interrupted if i) or "idle",
        down,
        time.monotonic() - killed_at,
        caught_up,
    )
