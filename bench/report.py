"""The machine the figures come from, the printed table, and the JSON file."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from summary import lookup, median_of


def _first_line_with(path: str, prefix: str) -> str | None:
    try:
        with open(path) as lines:
            for line in lines:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def _memory_gib() -> float | None:
    total = _first_line_with("/proc/meminfo", "MemTotal")  # "24684092 kB"
    return round(int(total.split()[0]) / 2**20, 1) if total else None


async def machine_info(postgres_dsn: str) -> dict[str, Any]:
    """Cores, CPU, memory, Python, OS, PostgreSQL version and the load average now."""
    connection = await asyncpg.connect(postgres_dsn)
    try:
        postgres = await connection.fetchval("SHOW server_version")
    finally:
        await connection.close()
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "cpu": _first_line_with("/proc/cpuinfo", "model name"),
        "memory_gib": _memory_gib(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "postgres": postgres,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


@dataclass(frozen=True)
class Row:
    """One line of the table: a figure found at ``path`` in each round's figures."""

    label: str
    path: str
    fmt: Callable[[float], str] = "{:,.1f}".format


REGISTRATION_ROWS = [
    Row("commands/s (201s / wall time)", "commands_per_s"),
    Row("latency p50 (ms)", "latency_ms.p50"),
    Row("latency p95 (ms)", "latency_ms.p95"),
    Row("latency p99 (ms)", "latency_ms.p99"),
    Row("latency max (ms)", "latency_ms.max"),
    Row("errors (non-201)", "errors", "{:.0f}".format),
]
LAG_ROWS = [
    Row("lag p50 (ms)", "lag_ms.p50"),
    Row("lag p99 (ms)", "lag_ms.p99"),
    Row("lag max (ms)", "lag_ms.max"),
    Row("cases seen on the topic", "lag_arrived", "{:,.0f}".format),
]
RELAY_ROWS = [
    Row("events/s (N / time to empty the backlog)", "events_per_s"),
    Row("  events/s, first half of the backlog", "first_half_events_per_s"),
    Row("  events/s, second half", "second_half_events_per_s"),
    Row("records on the topic (end offsets)", "records_on_topic", "{:,.0f}".format),
    Row("outbox seeding time (s, setup)", "seed_s", "{:,.2f}".format),
]


def medians(rounds: list[dict[str, Any]], rows: list[Row]) -> dict[str, float]:
    return {row.path: median_of(rounds, row.path) for row in rows}


def render(results: dict[str, Any]) -> str:
    """The table: one line per figure, the median first, then each round."""
    config, machine = results["config"], results["machine"]
    registration, relay = results["registration"]["rounds"], results["relay"]["rounds"]
    rounds = max(len(registration), len(relay))
    width = 46
    header = f"{'figure':<{width}}{'median':>11}" + "".join(
        f"{f'round {n}':>11}" for n in range(1, rounds + 1)
    )
    lines = [
        f"noncoop benchmark: median of {rounds} round(s); each round has its own database and"
        " topic, each registration round its own service process",
        f"machine: {machine['cores']} cores ({machine['cpu']}), {machine['memory_gib']} GiB,"
        f" Python {machine['python']}, PostgreSQL {machine['postgres'].split()[0]},"
        f" load average {machine['load_average_at_start'][0]} at start,"
        f" {machine['load_average_at_end'][0]} at end (shared by Kafka, PostgreSQL, the service"
        " and the load generator)",
        "",
        header,
        "-" * len(header),
        f"1. case registration: {config['clients']} clients, {config['requests']:,} requests"
        f" (after {config['warmup']} warm-up)",
        *_section(registration, REGISTRATION_ROWS, width),
        "2a. relay lag under that load (record received - 201 returned)",
        *_section(registration, LAG_ROWS, width),
        f"2b. raw relay: {config['relay_events']:,} events over {config['relay_streams']:,}"
        " streams, OutboxRelay.publish_pending() until the backlog is 0",
        *_section(relay, RELAY_ROWS, width),
    ]
    verdict = "OK" if results["ok"] else "FAILED: " + "; ".join(results["problems"])
    lines += ["-" * len(header), f"checks: {verdict}"]
    return "\n".join(lines)


def _section(rounds: list[dict[str, Any]], rows: list[Row], width: int) -> list[str]:
    lines = []
    for row in rows:
        cells = [median_of(rounds, row.path), *(lookup(r, row.path) for r in rounds)]
        lines.append(f"   {row.label:<{width - 3}}" + "".join(f"{row.fmt(c):>11}" for c in cells))
    return lines


def write_json(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    results = {"generated_at": datetime.now(UTC).isoformat(timespec="seconds"), **results}
    path.write_text(json.dumps(results, indent=2) + "\n")
