"""Figure 3: a full rebuild of every reporting projection from a long log, against the ceiling.

On a fresh database and topic (``infra.scratch``): ``loggen.generate`` puts N events of N/10
cases on the topic, made by the referrals domain (in worker processes: their memory is not this
process's). The reporting database gets the service's tables (the shared store's migrations,
so ``consumer_positions`` / ``consumer_streams``, and each projection's), empty, as a freshly
deployed reporting service has them. Then, in this process:

1. *raw read* (``rawread``): every partition read from offset 0 to its end offset (all
   partitions at once, ``read_committed`` as the rebuild reads), each record decoded by msgspec,
   no database, once with aiokafka and once with confluent-kafka; the faster is the ceiling of
   any consumer on this machine (``raw_events_per_s``). Decode-only, on the first records read:
   pydantic's ``Envelope.from_bytes`` against msgspec;
2. *rebuild*: ``reporting.rebuild.rebuild`` of all of ``PROJECTIONS`` (new schema, feed from
   offset 0 in ``rebuild_workers`` processes sharing the partitions, catch-up, swap; without
   the per-table digests, a verification read of every row that the CLI does by default),
   events/s = N / its wall time.

Peak memory: this process's peak RSS (``getrusage``, ``ru_maxrss``) and, per phase, the highest
sum of ``VmRSS`` over this process and its children (the rebuild's worker processes) that a
sampling thread saw (every 20 ms).
"""

from __future__ import annotations

import asyncio
import os
import resource
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
from infra import PARTITIONS, Stack, scratch
from loggen import generate
from rawread import SAMPLE, RawRead, aiokafka_read, confluent_read, decode_only

from noncoop_shared.store import apply_extra, migrate
from reporting.rebuild import PROJECTIONS, rebuild

EVENTS_PER_CASE = 10


@dataclass(frozen=True)
class RebuildConfig:
    events: int
    cases: int
    workers: int = 2
    """processes generating the log"""
    rebuild_workers: int = 2
    """processes sharing the partitions in the rebuild (one per core here)"""
    rounds: int = 1
    """raw reads and rebuilds of the one generated log; the median rebuild's figures are given,
    every round's in ``rounds``"""


def _rss_mib() -> float:
    """VmRSS of this process and of every process it started (the rebuild's workers)."""
    return sum(_vm_rss_kib(pid) for pid in _self_and_descendants()) / 1024


def _children_rss_mib() -> float:
    """VmRSS of the processes this one started (the rebuild's workers), without its own: the
    benchmark keeps what its raw reads grew to (Python seldom gives memory back)."""
    return sum(_vm_rss_kib(pid) for pid in _self_and_descendants()[1:]) / 1024


def _self_and_descendants() -> list[int]:
    found, pending = [], [os.getpid()]
    while pending:
        pid = pending.pop()
        found.append(pid)
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as children:
                pending.extend(int(child) for child in children.read().split())
        except OSError:
            continue  # it ended meanwhile
    return found


def _vm_rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@contextmanager
def peak_rss() -> Iterator[dict[str, float]]:
    """Yields a dict whose ``mib`` is, on exit, the highest VmRSS seen inside the block, and
    ``children_mib`` the highest of the processes started (the rebuild's workers)."""
    seen = {"mib": _rss_mib(), "children_mib": 0.0}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            seen["mib"] = max(seen["mib"], _rss_mib())
            seen["children_mib"] = max(seen["children_mib"], _children_rss_mib())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield seen
    finally:
        done.set()
        sampler.join()
        seen["mib"] = round(max(seen["mib"], _rss_mib()), 1)
        seen["children_mib"] = round(seen["children_mib"], 1)


async def _reporting_schema(dsn: str) -> None:
    """The live tables a deployed reporting service has, empty (what ``rebuild`` swaps out)."""
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1)
    try:
        await migrate(pool)
        for projection in PROJECTIONS.values():
            await apply_extra(pool, f"reporting.{projection.name}", projection.migrations)
    finally:
        await pool.close()


async def rebuild_round(
    stack: Stack, config: RebuildConfig, progress: Any = None
) -> dict[str, Any]:
    say = progress or (lambda _: None)
    async with scratch(stack) as where:
        started = time.perf_counter()
        produced = await generate(
            stack.kafka,
            where.topic,
            events=config.events,
            cases=config.cases,
            workers=config.workers,
        )
        generate_s = time.perf_counter() - started
        say(f"rebuild: {produced:,} events generated in {generate_s:.1f} s")
        await _reporting_schema(where.database_url)
        rounds = [
            await _measured_round(stack, where.database_url, where.topic, config, say)
            for _ in range(config.rounds)
        ]
    median = sorted(rounds, key=lambda r: r["rebuild_events_per_s"])[len(rounds) // 2]
    return {
        "events": config.events,
        "cases": config.cases,
        "produced": produced,
        "generate_s": round(generate_s, 2),
        "generate_events_per_s": round(produced / generate_s, 1) if generate_s else 0.0,
        **median,
        "rounds": [
            {key: r[key] for key in ("rebuild_events_per_s", "raw_events_per_s", "rebuild_s")}
            | {key: r[key] for key in ("rebuild_peak_rss_mib", "rebuild_workers_peak_rss_mib")}
            for r in rounds
        ],
        # Linux reports ru_maxrss in KiB.
        "process_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


async def _measured_round(
    stack: Stack, dsn: str, topic: str, config: RebuildConfig, say: Any
) -> dict[str, Any]:
    """Both raw reads, then a rebuild of every projection (swapped in over the last one)."""
    reads: list[tuple[RawRead, float]] = []
    with peak_rss() as peak:
        read = await aiokafka_read(stack.kafka, topic, PARTITIONS, sample=SAMPLE)
    reads.append((read, peak["mib"]))
    with peak_rss() as peak:
        read = await asyncio.to_thread(confluent_read, stack.kafka, topic, PARTITIONS)
    reads.append((read, peak["mib"]))
    for read, _ in reads:
        say(f"rebuild: raw read, {read.client}: {read.events_per_s:,.0f} events/s")
    decode_us = decode_only(reads[0][0].sample)
    with peak_rss() as rebuild_peak:
        started = time.perf_counter()
        result = await rebuild(
            dsn, stack.kafka, topic, list(PROJECTIONS), workers=config.rebuild_workers, digest=False
        )
        rebuild_s = time.perf_counter() - started
    say(f"rebuild: rebuild {config.events / rebuild_s:,.0f} events/s")
    ceiling = max(reads, key=lambda read: read[0].events_per_s)[0]
    raw_rate = ceiling.events_per_s
    rate = config.events / rebuild_s if rebuild_s else 0.0
    return {
        "raw_reads": {
            read.client: {
                "records": read.records,
                "s": round(read.seconds, 3),
                "events_per_s": round(read.events_per_s, 1),
                "peak_rss_mib": peak_mib,
            }
            for read, peak_mib in reads
        },
        "raw_ceiling_client": ceiling.client,
        "raw_events_per_s": round(raw_rate, 1),
        "decode_sample": len(reads[0][0].sample),
        "decode_us_per_record": decode_us,
        "rebuild_s": round(rebuild_s, 3),
        "rebuild_workers": config.rebuild_workers,
        "rebuild_events_per_s": round(rate, 1),
        "rebuild_share_of_raw": round(rate / raw_rate, 3) if raw_rate else 0.0,
        "applied": result.applied,
        "dead_letters_seen": result.dead_letters_seen,
        "rebuild_peak_rss_mib": rebuild_peak["mib"],
        "rebuild_workers_peak_rss_mib": rebuild_peak["children_mib"],
    }


def rebuild_problems(figures: dict[str, Any]) -> list[str]:
    """What must hold for the rebuild figures to mean anything."""
    problems = []
    if figures["produced"] != figures["events"]:
        problems.append(
            f"rebuild: {figures['produced']} events produced, expected {figures['events']}"
        )
    for client, read in figures["raw_reads"].items():
        if read["records"] != figures["events"]:
            problems.append(
                f"rebuild: {read['records']} records read back by {client},"
                f" expected {figures['events']}"
            )
    if figures["dead_letters_seen"]:
        problems.append(f"rebuild: {figures['dead_letters_seen']} records were dead letters")
    return problems


def render_rebuild(figures: dict[str, Any]) -> str:
    width = 60
    reads, decode_us = figures["raw_reads"], figures["decode_us_per_record"]
    rows = [
        *(
            (f"raw read + decode, {client} (events/s)", f"{read['events_per_s']:,.0f}")
            for client, read in reads.items()
        ),
        (f"  ceiling ({figures['raw_ceiling_client']})", f"{figures['raw_events_per_s']:,.0f}"),
        (
            f"  decode only, pydantic / msgspec (us/record, {figures['decode_sample']:,})",
            f"{decode_us['pydantic']:.1f} / {decode_us['msgspec']:.1f}",
        ),
        ("rebuild of all projections (events/s)", f"{figures['rebuild_events_per_s']:,.0f}"),
        ("  rebuild / raw ceiling", f"{figures['rebuild_share_of_raw']:.3f}"),
        ("  rebuild wall time (s)", f"{figures['rebuild_s']:,.1f}"),
        *(
            (f"peak RSS during the raw read, {client} (MiB)", f"{read['peak_rss_mib']:,.0f}")
            for client, read in reads.items()
        ),
        ("peak RSS during the rebuild (MiB)", f"{figures['rebuild_peak_rss_mib']:,.0f}"),
        (
            "  of which the rebuild's workers (MiB)",
            f"{figures['rebuild_workers_peak_rss_mib']:,.0f}",
        ),
        ("peak RSS of the process (MiB, ru_maxrss)", f"{figures['process_peak_rss_mib']:,.0f}"),
        ("log generation (events/s, setup)", f"{figures['generate_events_per_s']:,.0f}"),
        (
            f"rounds, rebuild events/s ({len(figures['rounds'])}; the median above)",
            " / ".join(f"{r['rebuild_events_per_s']:,.0f}" for r in figures["rounds"]),
        ),
        (
            "rounds, raw ceiling events/s",
            " / ".join(f"{r['raw_events_per_s']:,.0f}" for r in figures["rounds"]),
        ),
        (
            "rounds, peak RSS during the rebuild (MiB)",
            " / ".join(f"{r['rebuild_peak_rss_mib']:,.0f}" for r in figures["rounds"]),
        ),
    ]
    return "\n".join(
        [
            f"3. rebuild: {figures['events']:,} events of {figures['cases']:,} cases,"
            f" projections {', '.join(figures['applied'])},"
            f" {figures['rebuild_workers']} worker processes",
            *(f"   {label:<{width}}{value:>14}" for label, value in rows),
        ]
    )
