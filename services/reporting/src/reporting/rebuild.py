"""Blue/green rebuild of reporting's projections from offset 0 (DESIGN.md §6).

How, and why this way (one schema per generation; table moves, no pointer):

1. Under a session advisory lock (one rebuild at a time), leftovers of a crashed rebuild
   (``rebuild_<n>`` schemas) are dropped and a fresh schema ``rebuild_<n>`` is made with the
   projections' tables (their own MIGRATIONS, run with ``search_path`` set to it) and its own
   ``consumer_positions`` / ``consumer_streams``.
2. The log's end offsets are taken; every partition, in partition order, is read from offset 0
   to them, each record decoded and checked once, and fed to every projection by the same
   ``LogConsumer.process_read`` the live service uses, on a pool whose ``search_path`` is the
   new schema: same dedupe, same dead-letter decisions, positions stored with the rows. The
   projections apply concurrently, each from its own queue in log order, on connections that
   commit asynchronously (a cut-short rebuild starts over; the swap's commit is synchronous).
   Meanwhile the live tables in ``public`` serve reads and the live consumers go on.
3. The swap, in one transaction: lock the live consumers' position rows (``FOR UPDATE``, the
   same rows the live consumers lock per batch, so they pause; readers do not), catch the new
   tables up to where the live consumers stand, move each live table into ``retired_<n>`` and
   the new one into ``public`` (``ALTER TABLE ... SET SCHEMA`` carries indexes and owned
   sequences), and give the live consumers the new tables' positions and stream versions.
   Readers see the old table or the new one, never neither; the live consumers carry on from
   exactly the offsets the new tables reflect.

Moving tables beats a ``search_path`` pointer: the service and its SQL stay schema-agnostic
(``public``), and nothing has to tell every pooled connection to switch. ``retired_<n>`` keeps
the previous generation for inspection; the one before it is dropped by the next rebuild.

Partitions are fed in order and ``apply`` reads no clock, so two rebuilds of one log give
byte-identical tables; :func:`projection_digest` proves it. (A live-built audit trail may
differ from a rebuilt one in ``log_sequence`` only: live consumption interleaves partitions.)

CLI: ``python -m reporting.rebuild --projection <name>|all`` (names: :data:`PROJECTIONS`;
settings from REPORTING_*).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import asyncpg
import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from noncoop_shared.consumer import EventHandler, LogConsumer, ReadRecord, read_records
from noncoop_shared.db import Connection
from reporting.projections import audit_trail, procedural_store, public_register
from reporting.reports import calendar_view

log = structlog.get_logger("reporting.rebuild")

LIVE_SCHEMA = "public"
_REBUILD_LOCK = 0x72656275  # "rebu": one rebuild at a time per database
_STALL_SECONDS = 60.0
_BATCH = 5000
_QUEUED_BATCHES = 4


@dataclass(frozen=True)
class Projection:
    name: str
    tables: tuple[str, ...]
    migrations: list[tuple[int, str]]
    handler: Callable[[], EventHandler]


PROJECTIONS: dict[str, Projection] = {
    "audit_trail": Projection(
        "audit_trail", ("audit_trail",), audit_trail.MIGRATIONS, audit_trail.AuditTrailProjection
    ),
    "public_register": Projection(
        "public_register",
        ("public_register",),
        public_register.MIGRATIONS,
        public_register.PublicRegisterProjection,
    ),
    "procedural_state": Projection(
        "procedural_state",
        ("case_events", "procedural_state", "procedural_facts"),
        procedural_store.MIGRATIONS,
        procedural_store.ProceduralStateProjection,
    ),
    "assembly_sessions": Projection(
        "assembly_sessions",
        ("assembly_sessions",),
        calendar_view.MIGRATIONS,
        calendar_view.SessionsProjection,
    ),
}


@dataclass(frozen=True)
class RebuildResult:
    schema: str
    """the generation's schema; after the swap it is dropped, the old tables are in
    ``retired_<n>``"""
    retired_schema: str
    projections: tuple[str, ...]
    positions: dict[str, dict[int, int]]
    """per projection: the next offset per partition the swapped-in tables reflect"""
    digests: dict[str, str] = field(default_factory=dict)
    """per table: its :func:`projection_digest` as swapped in"""
    applied: dict[str, int] = field(default_factory=dict)
    dead_letters_seen: int = 0


class RebuildError(RuntimeError):
    pass


class _DeadLettersSeenAgain:
    """Stands in for the dead-letter producer: the live consumer already sent these records
    there once; a rebuild counts them instead of sending them again."""

    def __init__(self) -> None:
        self.count = 0

    async def send_and_wait(self, topic: str, **_: Any) -> None:
        self.count += 1


async def rebuild(
    dsn: str,
    bootstrap_servers: str,
    topic: str,
    projection_names: Sequence[str],
    schema: str | None = None,
) -> RebuildResult:
    """Rebuild ``projection_names`` from offset 0 into the fresh ``schema`` (default
    ``rebuild_<n>``, the next generation), then swap it in; see the module docstring."""
    projections = [_projection(name) for name in dict.fromkeys(projection_names)]
    if not projections:
        raise RebuildError("name at least one projection")
    admin = await asyncpg.connect(dsn)
    try:
        if not await admin.fetchval("SELECT pg_try_advisory_lock($1)", _REBUILD_LOCK):
            raise RebuildError("another rebuild is running on this database")
        generation = await _prepare(admin, schema, projections)
        retired = f"retired_{generation.removeprefix('rebuild_')}"
        pool = await asyncpg.create_pool(
            dsn,
            min_size=1,
            # One connection per projection, so that they apply a batch at the same time.
            max_size=len(projections) + 1,
            server_settings={
                "search_path": generation,
                # The new schema's commits need not wait for the disk: a rebuild cut short
                # starts again from offset 0, and the swap's own (synchronous) commit flushes
                # everything written before it.
                "synchronous_commit": "off",
            },
        )
        try:
            return await _build_and_swap(
                admin, pool, generation, retired, bootstrap_servers, topic, projections
            )
        finally:
            await pool.close()
    finally:
        await admin.close()  # also releases the advisory lock


def _projection(name: str) -> Projection:
    try:
        return PROJECTIONS[name]
    except KeyError:
        raise RebuildError(f"no projection {name!r}; known: {', '.join(PROJECTIONS)}") from None


async def _prepare(
    admin: asyncpg.Connection[Any], schema: str | None, projections: list[Projection]
) -> str:
    """Drop a crashed rebuild's schema and old retired generations; create the new schema."""
    names = [r["nspname"] for r in await admin.fetch("SELECT nspname FROM pg_namespace")]
    generations = [
        int(m.group(2)) for n in names if (m := re.fullmatch(r"(rebuild|retired)_(\d+)", n))
    ]
    retired = sorted(
        (n for n in names if re.fullmatch(r"retired_\d+", n)), key=lambda n: int(n[8:])
    )
    for stale in [n for n in names if re.fullmatch(r"rebuild_\d+", n)] + retired[:-1]:
        await admin.execute(f"DROP SCHEMA {_ident(stale)} CASCADE")
    generation = schema or f"rebuild_{max(generations, default=0) + 1}"
    if not re.fullmatch(r"rebuild_\d+", generation):
        raise RebuildError(f"the rebuild schema must be named rebuild_<n>, not {generation!r}")
    async with admin.transaction():
        await admin.execute(f"CREATE SCHEMA {_ident(generation)}")
        await admin.execute(f"SET LOCAL search_path = {_ident(generation)}")
        # The consumer's own bookkeeping, shaped exactly like the live one.
        for table in ("consumer_positions", "consumer_streams"):
            await admin.execute(
                f"CREATE TABLE {table} (LIKE {_ident(LIVE_SCHEMA)}.{table} INCLUDING ALL)"
            )
        for projection in projections:
            for _, sql in projection.migrations:
                await admin.execute(sql)
    return generation


async def _build_and_swap(
    admin: asyncpg.Connection[Any],
    pool: asyncpg.Pool,
    generation: str,
    retired: str,
    bootstrap_servers: str,
    topic: str,
    projections: list[Projection],
) -> RebuildResult:
    dead = _DeadLettersSeenAgain()
    consumers = {
        p.name: LogConsumer(
            pool,
            p.handler(),
            bootstrap_servers=bootstrap_servers,
            topic=topic,
            dead_letter_topic=f"{topic}.dlq",
            dead_letter_producer=cast(AIOKafkaProducer, dead),
        )
        for p in projections
    }
    reader = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        # Large fetches: the rebuild reads one partition at a time, from 0 to its end.
        max_partition_fetch_bytes=4 << 20,
        fetch_max_bytes=64 << 20,
    )
    await reader.start()
    try:
        partitions = await _partitions(bootstrap_servers, topic)
        # Every partition assigned at once: while one is applied, the next ones are fetched.
        reader.assign([TopicPartition(topic, p) for p in partitions])
        ends = await reader.end_offsets([TopicPartition(topic, p) for p in partitions])
        targets = {tp.partition: offset for tp, offset in ends.items()}
        log.info("rebuild.started", schema=generation, projections=list(consumers))
        await _feed(reader, topic, partitions, {c: targets for c in consumers}, consumers)
        log.info("rebuild.built", schema=generation)
        async with admin.transaction():
            # Keyed by consumer name (e.g. reporting-audit-trail), as the live rows are.
            names = [c.name for c in consumers.values()]
            live = await _lock_live_positions(admin, topic, names, partitions)
            # Catch up to where each live consumer stands (never back: a partition the live
            # consumer has not reached yet keeps the rebuild's position).
            catch_up = {
                name: {p: max(targets[p], live[c.name].get(p, 0)) for p in partitions}
                for name, c in consumers.items()
            }
            await _feed(reader, topic, partitions, catch_up, consumers)
            positions = {name: await c.stored_positions() for name, c in consumers.items()}
            digests = {
                table: await projection_digest(pool, table)
                for p in projections
                for table in p.tables
            }
            stored = {
                consumers[name].name: by_partition for name, by_partition in positions.items()
            }
            await _swap(admin, generation, retired, topic, projections, stored)
    finally:
        await reader.stop()
    await admin.execute(f"DROP SCHEMA {_ident(generation)} CASCADE")
    log.info("rebuild.swapped", schema=generation, retired=retired, digests=digests)
    return RebuildResult(
        schema=generation,
        retired_schema=retired,
        projections=tuple(consumers),
        positions=positions,
        digests=digests,
        applied={name: c.applied_total for name, c in consumers.items()},
        dead_letters_seen=dead.count,
    )


async def _partitions(bootstrap_servers: str, topic: str) -> list[int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        described = await admin.describe_topics([topic])
    finally:
        await admin.close()
    if not described or described[0]["error_code"] != 0 or not described[0]["partitions"]:
        raise RebuildError(f"no topic {topic!r} with partitions on the broker")
    return sorted(p["partition"] for p in described[0]["partitions"])


async def _feed(
    reader: AIOKafkaConsumer,
    topic: str,
    partitions: list[int],
    targets: dict[str, dict[int, int]],
    consumers: dict[str, LogConsumer],
) -> None:
    """Feed each partition, in order, to each consumer up to (not including) its target.

    One task reads and decodes; each consumer applies from its own short queue, so a fast
    projection does not wait for a slow one batch by batch, and reading overlaps applying.
    The queues keep the order of the log; a failure anywhere cancels the rest.
    """
    queues: dict[str, asyncio.Queue[tuple[int, list[ReadRecord]] | None]] = {
        name: asyncio.Queue(maxsize=_QUEUED_BATCHES) for name in consumers
    }

    async def apply(name: str) -> None:
        while (item := await queues[name].get()) is not None:
            await consumers[name].process_read(*item)

    async def read() -> None:
        for partition in partitions:
            await _read_partition(reader, topic, partition, targets, consumers, queues)
        for queue in queues.values():
            await queue.put(None)

    async with asyncio.TaskGroup() as group:
        for name in consumers:
            group.create_task(apply(name))
        group.create_task(read())


async def _read_partition(
    reader: AIOKafkaConsumer,
    topic: str,
    partition: int,
    targets: dict[str, dict[int, int]],
    consumers: dict[str, LogConsumer],
    queues: dict[str, asyncio.Queue[tuple[int, list[ReadRecord]] | None]],
) -> None:
    tp = TopicPartition(topic, partition)
    # Read before this partition's batches are queued: the queues hold only earlier partitions.
    stored = {name: (await c.stored_positions()).get(partition, 0) for name, c in consumers.items()}
    start = min(stored.values())
    end = max(targets[name][partition] for name in consumers)
    if start >= end:
        return
    reader.seek(tp, start)
    loop = asyncio.get_running_loop()
    stalled_at = loop.time() + _STALL_SECONDS
    while await reader.position(tp) < end:
        batch = (await reader.getmany(tp, timeout_ms=500, max_records=_BATCH)).get(tp, [])
        if not batch:
            if loop.time() > stalled_at:
                raise RebuildError(f"partition {partition} stalled before offset {end}")
            continue
        stalled_at = loop.time() + _STALL_SECONDS
        read = read_records(batch)  # decoded and checked once for every projection
        for name in consumers:
            target = targets[name][partition]
            await queues[name].put((partition, [r for r in read if r.record.offset < target]))


async def _lock_live_positions(
    conn: Connection, topic: str, names: list[str], partitions: list[int]
) -> dict[str, dict[int, int]]:
    """Make sure every live position row exists, then lock them all, in a fixed order.

    Locking existing rows only (no insert racing a live consumer's insert) is what keeps the
    swap free of deadlocks: a live consumer locks its row before it touches its tables.
    """
    # A separate, committed insert would be cleaner, but these run before any table lock of
    # ours, so a live consumer inserting the same row can only make us wait, not deadlock.
    await conn.execute(
        "INSERT INTO public.consumer_positions (consumer, topic, partition, next_offset)"
        " SELECT c, $2, p, 0 FROM unnest($1::text[]) c, unnest($3::int[]) p"
        " ON CONFLICT DO NOTHING",
        names,
        topic,
        partitions,
    )
    rows = await conn.fetch(
        "SELECT consumer, partition, next_offset FROM public.consumer_positions"
        " WHERE consumer = ANY($1::text[]) AND topic = $2"
        " ORDER BY consumer, partition FOR UPDATE",
        names,
        topic,
    )
    live: dict[str, dict[int, int]] = {name: {} for name in names}
    for row in rows:
        live[row["consumer"]][row["partition"]] = row["next_offset"]
    return live


async def _swap(
    conn: Connection,
    generation: str,
    retired: str,
    topic: str,
    projections: list[Projection],
    positions: dict[str, dict[int, int]],
) -> None:
    """``positions``: per consumer name, the new tables' next offset per partition."""
    new, old, live = _ident(generation), _ident(retired), _ident(LIVE_SCHEMA)
    await conn.execute(f"CREATE SCHEMA {old}")
    for projection in projections:
        for table in projection.tables:
            # IF EXISTS: a projection new in this release has no live table yet.
            await conn.execute(f"ALTER TABLE IF EXISTS {live}.{_ident(table)} SET SCHEMA {old}")
            await conn.execute(f"ALTER TABLE {new}.{_ident(table)} SET SCHEMA {live}")
    for name, by_partition in positions.items():
        await conn.execute(
            "UPDATE public.consumer_positions AS live SET next_offset = new.next_offset"
            " FROM unnest($3::int[], $4::bigint[]) AS new(partition, next_offset)"
            " WHERE live.consumer = $1 AND live.topic = $2 AND live.partition = new.partition",
            name,
            topic,
            list(by_partition),
            list(by_partition.values()),
        )
        await conn.execute("DELETE FROM public.consumer_streams WHERE consumer = $1", name)
        await conn.execute(
            "INSERT INTO public.consumer_streams (consumer, stream, version)"  # noqa: S608
            f" SELECT consumer, stream, version FROM {new}.consumer_streams"
            " WHERE consumer = $1",
            name,
        )


async def projection_digest(pool: asyncpg.Pool, table: str) -> str:
    """SHA-256 (hex) of ``table``'s rows in primary-key order, each as PostgreSQL's text form
    of the row, one per line; in UTC and ISO dates so that the session cannot change it.
    ``table`` is a name as the pool's ``search_path`` resolves it, or ``schema.table``."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?", table):
        raise ValueError(f"not a table name: {table!r}")
    quoted = ".".join(_ident(part) for part in table.split("."))
    async with pool.acquire() as conn, conn.transaction(readonly=True):
        await conn.execute("SET LOCAL TimeZone = 'UTC'")
        await conn.execute("SET LOCAL DateStyle = 'ISO, YMD'")
        await conn.execute("SET LOCAL IntervalStyle = 'iso_8601'")
        await conn.execute("SET LOCAL extra_float_digits = 3")
        key = await conn.fetch(
            "SELECT a.attname FROM pg_index i"
            " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
            " WHERE i.indrelid = $1::regclass AND i.indisprimary"
            " ORDER BY array_position(i.indkey, a.attnum)",
            quoted,
        )
        if not key:
            raise ValueError(f"{table} has no primary key")
        order = ", ".join(_ident(row["attname"]) for row in key)
        digest = hashlib.sha256()
        async for row in conn.cursor(
            f"SELECT t::text AS row FROM {quoted} AS t ORDER BY {order}"  # noqa: S608
        ):
            digest.update(row["row"].encode("utf-8"))
            digest.update(b"\n")
        return digest.hexdigest()


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return f'"{name}"'


def main(argv: Sequence[str] | None = None) -> int:
    from reporting.settings import ReportingSettings

    parser = argparse.ArgumentParser(
        prog="python -m reporting.rebuild",
        description="Rebuild reporting projections from offset 0 and swap them in (blue/green).",
    )
    parser.add_argument("--projection", required=True, choices=[*PROJECTIONS, "all"])
    args = parser.parse_args(argv)
    names = list(PROJECTIONS) if args.projection == "all" else [args.projection]
    settings = ReportingSettings()
    try:
        result = asyncio.run(
            rebuild(
                settings.database_url,
                settings.kafka_bootstrap_servers,
                settings.events_topic,
                names,
            )
        )
    except RebuildError as error:
        print(f"rebuild failed: {error}", file=sys.stderr)
        return 1
    for table, digest in result.digests.items():
        print(f"{table}\tsha256:{digest}")
    print(f"swapped in from {result.schema}; previous tables kept in {result.retired_schema}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
