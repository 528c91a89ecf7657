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
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.faults.checks import Figures, check_log, read_raw_log
from tests.faults.load import Ledger, Sent, run_load
from tests.faults.probes import wait_caught_up
from tests.faults.projections import (
    referrals_register_against_rebuild,
    reporting_against_rebuild,
)
from tests.faults.scenarios import (
    Outcome,
    kill_service,
    redeliver,
    restart_component,
)
from tests.faults.services import SERVICE_NAMES, TOPIC, Fleet, free_port
from tests.faults.stack import REPO, PrivateStack

#: Each run has its own folder and ports, so two runs (two engineers' `make test`) never meet.
RUNS_DIR = REPO / ".run" / "faults"
#: Log lines that show a service felt an outage and rode it out.
OUTAGE_SIGNS = ("outbox.publish_failed", "consumer.batch_failed", "background.crashed")


@dataclass(frozen=True)
class Plan:
    clients: int
    pause_s: float
    warmup_s: float
    kill_rounds: int
    outage_rounds: int
    down_for_s: float


SHORT = Plan(clients=4, pause_s=0.05, warmup_s=3.0, kill_rounds=1, outage_rounds=1, down_for_s=2.0)
FULL = Plan(clients=8, pause_s=0.02, warmup_s=5.0, kill_rounds=3, outage_rounds=2, down_for_s=5.0)


async def faults(fleet: Fleet, ledger: Ledger, plan: Plan, rng: random.Random) -> list[Outcome]:
    outcomes: list[Outcome] = []
    await asyncio.sleep(plan.warmup_s)
    for _ in range(plan.kill_rounds):
        for name in rng.sample(SERVICE_NAMES, len(SERVICE_NAMES)):
            outcomes.append(await kill_service(fleet, ledger, name, rng))
            print(f"  {outcomes[-1].scenario}: {outcomes[-1].interrupted}", flush=True)
    for _ in range(plan.outage_rounds):
        for component in ("kafka", "postgres"):
            await asyncio.sleep(rng.uniform(0.5, 2.0))
            outcomes.append(await restart_component(fleet, component, plan.down_for_s))
            print(f"  {outcomes[-1].scenario}: {outcomes[-1].interrupted}", flush=True)
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
        log = await read_raw_log(stack.kafka_access())
        figures = await check_log(fleet, ledger.sent, log)
        differences = await referrals_register_against_rebuild(fleet, log)
        differences |= await reporting_against_rebuild(fleet)
        verified, verify_output = await asyncio.to_thread(audit_verify, fleet)
    finally:
        stop.set()
        fleet.stop_all()
        await asyncio.to_thread(stack.down)
    signs = outage_signs(fleet)
    print_figures(
        ledger.sent,
        outcomes,
        figures,
        differences,
        verify_output,
        signs,
        time.monotonic() - started,
    )
    failed = (
        figures.lost
        or figures.duplicated_effects
        or figures.half_done
        or figures.problems
        or any(differences.values())
        or not verified
        or not all(o.ok for o in outcomes)
    )
    if failed:
        print(f"RESULT: FAILED (data and service logs kept in {stack.run_dir})")
        return 1
    await asyncio.to_thread(stack.clean)
    print("RESULT: OK (zero lost, zero duplicated effects)")
    return 0


def audit_verify(fleet: Fleet) -> tuple[bool, str]:
    command = [
        sys.executable,
        "-m",
        "noncoop_shared.audit",
        "verify",
        "--bootstrap-servers",
        fleet.stack.bootstrap_servers,
        "--topic",
        TOPIC,
    ]
    for service in fleet.services.values():
        command += ["--database-url", service.dsn]
    done = subprocess.run(
        command,
        env=fleet.stack.client_env(),  # as the private broker's auditor
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def outage_signs(fleet: Fleet) -> dict[str, dict[str, int]]:
    """How often each service logged that it rode out a failure (evidence the faults landed)."""
    return {
        name: {
            sign: len(re.findall(re.escape(sign), service.log_path.read_text(errors="replace")))
            for sign in OUTAGE_SIGNS
        }
        for name, service in fleet.services.items()
    }


def print_figures(
    ledger: list[Sent],
    outcomes: list[Outcome],
    figures: Figures,
    differences: dict[str, int],
    verify_output: str,
    signs: dict[str, dict[str, int]],
    elapsed_s: float,
) -> None:
    print()
    print(f"{'scenario':<30} {'interrupted':<52} {'down s':>7} {'ready s':>8} {'caught up s':>11}")
    for o in outcomes:
        flag = "" if o.ok else "  FAILED " + o.note
        print(
            f"{o.scenario:<30} {o.interrupted:<52} {o.down_s:>7.2f} {o.ready_s:>8.2f}"
            f" {o.caught_up_s:>11.2f}{flag}"
        )
    print()
    rows = [
        ("commands sent", figures.sent),
        ("commands acknowledged (2xx)", figures.acknowledged),
        ("commands with their events in the log", figures.in_log),
        ("  unacknowledged, all done (answer lost)", figures.unacknowledged_done),
        ("  unacknowledged, not done at all", figures.unacknowledged_not_done),
        ("log records / distinct events", f"{figures.records} / {figures.distinct_events}"),
        ("copies republished (same event id, not an effect)", figures.copies),
        ("duplicated effects", figures.duplicated_effects),
        ("lost (acknowledged, not in the log)", figures.lost),
        ("half-done commands", figures.half_done),
    ]
    for label, value in rows:
        print(f"{label:<52} {value}")
    gave_up = Counter(
        (s.service, re.sub(r"/cases/[^/]+", "/cases/{id}", s.path), s.status)
        for s in ledger
        if not s.acknowledged
    )
    for (service, path, status), count in sorted(gave_up.items(), key=str):
        print(f"{'  gave up: ' + service + ' ' + path + ' last ' + str(status):<52} {count}")
    for table, count in differences.items():
        print(f"{'projection ' + table + ' vs rebuild: rows differing':<52} {count}")
    for name, counts in signs.items():
        print(
            f"{name + ' log: outages ridden out':<52} "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    print(f"{'audit verify':<52} {verify_output.splitlines()[-1] if verify_output else '?'}")
    print(f"{'wall time s':<52} {elapsed_s:.0f}")
    for problem in figures.problems:
        print(f"PROBLEM: {problem}")
    if "OK" not in verify_output:
        print(verify_output)


def main() -> int:
    parser = argparse.ArgumentParser(prog="tests/faults/run.py", description=__doc__)
    parser.add_argument("--short", action="store_true", help="the run inside `make test`")
    parser.add_argument("--seed", type=int, default=None, help="replay a run's random choices")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    return asyncio.run(run(SHORT if args.short else FULL, seed))


if __name__ == "__main__":
    sys.exit(main())
