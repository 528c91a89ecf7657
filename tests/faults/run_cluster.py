"""The cluster fault run: ``python tests/faults/run_cluster.py [--short]`` (``make faults-cluster``
runs the full one; the short one is part of ``make test``).

On a private three-broker Kafka cluster (``deploy/local/cluster``: replication 3,
``min.insync.replicas`` 2, acks=all) and a private PostgreSQL, under ``.run/faults/``, two
replicas of each of the four services run as processes, sharing their service's database,
consumer groups and outbox, under a steady load of several clients (each request to one of the
running replicas, as a load balancer would send it). Meanwhile the run
- kills one broker with SIGKILL, leaves it dead, starts it again, then another broker;
- kills one replica of each service with SIGKILL while its twin goes on alone (it takes the
  dead one's partitions and outbox lanes), then starts it again.
Then, after a quiet period, the same checks as the single-broker suite (tests/faults/report.py):
every acknowledged command's effect on the log exactly once, nothing half done, every store equal
to the log, every projection equal to a fresh rebuild, ``audit verify`` clean. It prints a
recovery table and ends with the line
``faults-cluster: commands=N acknowledged=N lost=0 duplicated=0 half_done=0``;
exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.faults.load import Ledger, run_load
from tests.faults.probes import wait_caught_up
from tests.faults.report import Verdict, check_everything, outage_signs, print_figures
from tests.faults.scenarios import Outcome, Outcomes, kill_broker, kill_replica
from tests.faults.services import SERVICE_NAMES, Fleet, free_port
from tests.faults.stack import REPO, PrivateCluster, free_cluster_base_port

RUNS_DIR = REPO / ".run" / "faults"
REPLICAS = 2
BROKERS = (1, 2, 3)


@dataclass(frozen=True)
class ClusterPlan:
    clients: int
    #: Between a client's flows: a steady load well within what eight service processes and
    #: three brokers sharing a 2-core machine can take, so recovery times are not queueing.
    pause_s: float
    warmup_s: float
    #: Broker kills, one after the other (each a different broker, then round again).
    broker_kills: int
    #: How long a killed broker stays dead: longer than broker.session.timeout.ms (6 s), so the
    #: cluster fences it and moves its leaderships.
    broker_down_s: float
    #: Rounds of "one replica of every service killed": in turn, or all four at once.
    replica_rounds: int
    replicas_together: bool
    #: How long a killed replica stays dead at least (its twin alone meanwhile).
    replica_down_s: float


SHORT = ClusterPlan(
    clients=4,
    pause_s=0.5,
    warmup_s=3.0,
    broker_kills=2,
    broker_down_s=8.0,
    replica_rounds=1,
    replicas_together=True,
    replica_down_s=2.0,
)
FULL = ClusterPlan(
    clients=8,
    pause_s=0.5,
    warmup_s=5.0,
    broker_kills=3,
    broker_down_s=15.0,
    replica_rounds=2,
    replicas_together=False,
    replica_down_s=5.0,
)


async def faults(
    fleet: Fleet, cluster: PrivateCluster, ledger: Ledger, plan: ClusterPlan, rng: random.Random
) -> list[Outcome]:
    outcomes = Outcomes()
    await asyncio.sleep(plan.warmup_s)
    brokers = rng.sample(BROKERS, len(BROKERS))
    for kill in range(plan.broker_kills):
        node = brokers[kill % len(brokers)]
        outcomes.add(await kill_broker(fleet, cluster, ledger, node, plan.broker_down_s))
    for _ in range(plan.replica_rounds):
        names = rng.sample(SERVICE_NAMES, len(SERVICE_NAMES))
        if plan.replicas_together:
            # Each at its own random moment within two seconds: four takeovers overlapping.
            await outcomes.add_overlapping(
                kill_replica(fleet, ledger, n, rng, plan.replica_down_s) for n in names
            )
        else:
            for name in names:
                outcomes.add(await kill_replica(fleet, ledger, name, rng, plan.replica_down_s))
    return outcomes


async def run(plan: ClusterPlan, seed: int, *, keep: bool = False) -> int:
    rng = random.Random(seed)
    mode = "short" if plan is SHORT else "full"
    cluster = PrivateCluster(
        RUNS_DIR / f"cluster-{mode}-{os.getpid()}",
        base_port=free_cluster_base_port(),
        pg_port=free_port(),
    )
    started = time.monotonic()
    print(
        f"cluster fault run ({mode}, seed {seed}): private cluster and database in "
        f"{cluster.run_dir}, {cluster.bootstrap_servers} / {cluster.postgres_dsn}",
        flush=True,
    )
    await asyncio.to_thread(cluster.clean)
    await asyncio.to_thread(cluster.up)
    print(f"  cluster and database up after {time.monotonic() - started:.0f} s", flush=True)
    fleet = Fleet(cluster, cluster.run_dir / "logs", replicas=REPLICAS)
    ledger = Ledger()
    stop = asyncio.Event()
    try:
        await fleet.create_databases()
        await fleet.start_all()
        print(
            f"  {len(fleet.processes())} service processes ready after"
            f" {time.monotonic() - started:.0f} s",
            flush=True,
        )
        load_started = time.monotonic()
        load = asyncio.create_task(
            run_load(fleet, ledger, stop, clients=plan.clients, pause_s=plan.pause_s, seed=seed)
        )
        try:
            outcomes = await faults(fleet, cluster, ledger, plan, rng)
        finally:
            stop.set()
            await load
        load_s = time.monotonic() - load_started
        print(
            f"  load: {len(ledger.sent)} commands in {load_s:.0f} s"
            f" ({len(ledger.sent) / load_s:.1f}/s) by {plan.clients} clients",
            flush=True,
        )
        await wait_caught_up(fleet)
        verdict = await check_everything(fleet, ledger)
    finally:
        stop.set()
        fleet.stop_all()
        await asyncio.to_thread(cluster.down)
    print_figures(ledger.sent, outcomes, verdict, outage_signs(fleet), time.monotonic() - started)
    failed = verdict.failed(outcomes)
    print(summary_line(verdict))
    if failed:
        print(f"RESULT: FAILED (data and service logs kept in {cluster.run_dir})")
        return 1
    if not keep:
        await asyncio.to_thread(cluster.clean)
    print("RESULT: OK (zero lost, zero duplicated effects, zero half-done)")
    return 0


def summary_line(verdict: Verdict) -> str:
    figures = verdict.figures
    return (
        f"faults-cluster: commands={figures.sent} acknowledged={figures.acknowledged}"
        f" lost={figures.lost} duplicated={figures.duplicated_effects}"
        f" half_done={figures.half_done}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="tests/faults/run_cluster.py", description=__doc__)
    parser.add_argument("--short", action="store_true", help="the run inside `make test`")
    parser.add_argument("--seed", type=int, default=None, help="replay a run's random choices")
    parser.add_argument(
        "--keep", action="store_true", help="keep the data and logs of a passing run too"
    )
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    return asyncio.run(run(SHORT if args.short else FULL, seed, keep=args.keep))


if __name__ == "__main__":
    sys.exit(main())
