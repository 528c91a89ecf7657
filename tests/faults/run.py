"""The fault suite: ``python tests/faults/run.py [--short]`` (``make faults`` runs the full one).

On a private Kafka and PostgreSQL (``.run/faults/``, never the shared stack), the four services
run as processes under a bounded load of several clients, while the suite kills each service
with SIGKILL at random moments and restarts it, stops and restarts the broker and the database
mid-load, and makes consumers read the log again from an older position. Then, after a quiet
period, it checks the log, the stores and the projections against what the clients were told
(tests/faults/checks.py), runs ``python -m noncoop_shared.audit verify``, prints the figures and
exits non-zero on any loss, duplicated effect, half-done command or mismatch.
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
from tests.faults.report import check_everything, outage_signs, print_figures
from tests.faults.scenarios import (
    Outcome,
    Outcomes,
    kill_service,
    redeliver,
    restart_component,
)
from tests.faults.services import SERVICE_NAMES, Fleet, free_port
from tests.faults.stack import REPO, PrivateStack

#: Each run has its own folder and ports, so two runs (two engineers' `make test`) never meet.
RUNS_DIR = REPO / ".run" / "faults"


@dataclass(frozen=True)
class Plan:
    clients: int
    pause_s: float
    warmup_s: float
    kill_rounds: int
    #: A round's four kills overlap (each at its own random moment within three seconds) instead
    #: of following one another: a restarted service waits out its dead consumer group member's
    #: session (about 10 s) before it is ready, and four overlapping waits cost one.
    kills_together: bool
    outage_rounds: int
    down_for_s: float


SHORT = Plan(
    clients=4,
    pause_s=0.05,
    warmup_s=3.0,
    kill_rounds=1,
    kills_together=True,
    outage_rounds=1,
    down_for_s=2.0,
)
FULL = Plan(
    clients=8,
    pause_s=0.02,
    warmup_s=5.0,
    kill_rounds=3,
    kills_together=False,
    outage_rounds=2,
    down_for_s=5.0,
)


async def faults(fleet: Fleet, ledger: Ledger, plan: Plan, rng: random.Random) -> list[Outcome]:
    outcomes = Outcomes()
    await asyncio.sleep(plan.warmup_s)
    for _ in range(plan.kill_rounds):
        names = rng.sample(SERVICE_NAMES, len(SERVICE_NAMES))
        if plan.kills_together:
            await outcomes.add_overlapping(kill_service(fleet, ledger, n, rng) for n in names)
        else:
            for name in names:
                outcomes.add(await kill_service(fleet, ledger, name, rng))
    for _ in range(plan.outage_rounds):
        for component in ("kafka", "postgres"):
            await asyncio.sleep(rng.uniform(0.5, 2.0))
            outcomes.add(await restart_component(fleet, component, plan.down_for_s))
    return outcomes


async def run(plan: Plan, seed: int) -> int:
    rng = random.Random(seed)
    mode = "short" if plan is SHORT else "full"
    stack = PrivateStack(
        RUNS_DIR / f"{mode}-{os.getpid()}",
        kafka_port=free_port(),
        controller_port=free_port(),
        pg_port=free_port(),
    )
    started = time.monotonic()
    print(
        f"fault suite ({mode}, seed {seed}): private stack in {stack.run_dir}, "
        f"{stack.bootstrap_servers} / {stack.postgres_dsn}",
        flush=True,
    )
    await asyncio.to_thread(stack.clean)
    await asyncio.to_thread(stack.up)
    fleet = Fleet(stack, stack.run_dir / "logs")
    ledger = Ledger()
    stop = asyncio.Event()
    try:
        await fleet.create_databases()
        await fleet.start_all()
        load = asyncio.create_task(
            run_load(fleet, ledger, stop, clients=plan.clients, pause_s=plan.pause_s, seed=seed)
        )
        try:
            outcomes = await faults(fleet, ledger, plan, rng)
        finally:
            stop.set()
            await load
        await wait_caught_up(fleet)
        outcomes.append(await redeliver(fleet, ("reporting", "bureau")))
        await wait_caught_up(fleet)
        verdict = await check_everything(fleet, ledger)
    finally:
        stop.set()
        fleet.stop_all()
        await asyncio.to_thread(stack.down)
    print_figures(ledger.sent, outcomes, verdict, outage_signs(fleet), time.monotonic() - started)
    if verdict.failed(outcomes):
        print(f"RESULT: FAILED (data and service logs kept in {stack.run_dir})")
        return 1
    await asyncio.to_thread(stack.clean)
    print("RESULT: OK (zero lost, zero duplicated effects)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="tests/faults/run.py", description=__doc__)
    parser.add_argument("--short", action="store_true", help="the run inside `make test`")
    parser.add_argument("--seed", type=int, default=None, help="replay a run's random choices")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    return asyncio.run(run(SHORT if args.short else FULL, seed))


if __name__ == "__main__":
    sys.exit(main())
