"""What both fault runs do after their faults: hold the log, the stores and the projections
against what the clients were told, run ``audit verify``, and print the figures."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass

from tests.faults.checks import Figures, check_log, read_raw_log
from tests.faults.load import Ledger, Sent
from tests.faults.projections import (
    referrals_register_against_rebuild,
    reporting_against_rebuild,
)
from tests.faults.scenarios import Outcome
from tests.faults.services import TOPIC, Fleet

#: Log lines that show a service felt an outage and rode it out.
OUTAGE_SIGNS = ("outbox.publish_failed", "consumer.batch_failed", "background.crashed")


@dataclass(frozen=True)
class Verdict:
    figures: Figures
    #: Per projection table: rows that differ from a fresh rebuild.
    differences: dict[str, int]
    verified: bool
    verify_output: str

    def failed(self, outcomes: list[Outcome]) -> bool:
        """Any loss, duplicated effect, half-done command, mismatch, failed verification, or a
        scenario that did not do what it must (say, a redelivery that changed a table)."""
        figures = self.figures
        return bool(
            figures.lost
            or figures.duplicated_effects
            or figures.half_done
            or figures.problems
            or any(self.differences.values())
            or not self.verified
            or not all(o.ok for o in outcomes)
        )


async def check_everything(fleet: Fleet, ledger: Ledger) -> Verdict:
    """After a quiet period: the whole log against the ledger and the stores, the projections
    against a fresh rebuild, and ``audit verify``."""
    log = await read_raw_log(fleet.stack.kafka_access())
    figures = await check_log(fleet, ledger.sent, log)
    differences = await referrals_register_against_rebuild(fleet, log)
    differences |= await reporting_against_rebuild(fleet)
    verified, verify_output = await asyncio.to_thread(audit_verify, fleet)
    return Verdict(figures, differences, verified, verify_output)


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
    """How often each process logged that it rode out a failure (evidence the faults landed)."""
    return {
        process.label: {
            sign: len(re.findall(re.escape(sign), process.log_path.read_text(errors="replace")))
            for sign in OUTAGE_SIGNS
        }
        for process in fleet.processes()
    }


def print_figures(
    ledger: list[Sent],
    outcomes: list[Outcome],
    verdict: Verdict,
    signs: dict[str, dict[str, int]],
    elapsed_s: float,
) -> None:
    print()
    width = max([52, *(len(o.interrupted) for o in outcomes)])
    header = f"{'down s':>7} {'ready s':>8} {'caught up s':>11}"
    print(f"{'scenario':<30} {'interrupted':<{width}} {header}")
    for o in outcomes:
        flag = "" if o.ok else "  FAILED " + o.note
        print(
            f"{o.scenario:<30} {o.interrupted:<{width}} {o.down_s:>7.2f} {o.ready_s:>8.2f}"
            f" {o.caught_up_s:>11.2f}{flag}"
        )
    print()
    figures = verdict.figures
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
    for table, count in verdict.differences.items():
        print(f"{'projection ' + table + ' vs rebuild: rows differing':<52} {count}")
    for name, counts in signs.items():
        print(
            f"{name + ' log: outages ridden out':<52} "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    output = verdict.verify_output
    print(f"{'audit verify':<52} {output.splitlines()[-1] if output else '?'}")
    print(f"{'wall time s':<52} {elapsed_s:.0f}")
    for problem in figures.problems:
        print(f"PROBLEM: {problem}")
    if "OK" not in output:
        print(output)
