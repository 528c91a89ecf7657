"""Blue/green rebuild of reporting's projections from offset 0 (docs/architecture.md §6).

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

Nothing a projection writes depends on the clock, on how partitions interleave or on which
process applied them (``log_sequence`` is computed from the log position), so two rebuilds of one
log give byte-identical tables, and equal the live ones; :func:`projection_digest` proves it.
With ``workers`` > 1 the build shares the partitions out among processes (``reporting.replay``);
the catch-up and the swap stay in this one.

CLI: ``python -m reporting.rebuild --projection <name>|all`` (names: :data:`PROJECTIONS`;
settings from REPORTING_*).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition

from noncoop_shared.access import Classification
from noncoop_shared.consumer import LogConsumer
from noncoop_shared.db import Connection
from noncoop_shared.kafka import KafkaAccess, admin_client
from noncoop_shared.signing import TrustStore
from reporting.bulk.folds import BULK_FOLDS
from reporting.bulk.load import WINDOW, BulkJob, BulkOutcome, DataRefusedError
from reporting.bulk.load import load as load_bulk
from reporting.bulk.load import run as run_bulk
from reporting.domain.procedural import facts_from_json
from reporting.projections import procedural_store, public_register
from reporting.projections.registry import PROJECTIONS, Projection
from reporting.replay import (
    BuildJob,
    DeadLettersSeenAgain,
    ReplayError,
    build_in_workers,
    feed,
    in_processes,
    log_reader,
    projection_consumers,
    schema_pool,
    share_out,
)

log = structlog.get_logger("reporting.rebuild")

LIVE_SCHEMA = "public"
_REBUILD_LOCK = 0x72656275  # "rebu": one rebuild at a time per database


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


class RebuildError(ReplayError):
    pass


async def rebuild(
    dsn: str,
    kafka: KafkaAccess,
    topic: str,
    projection_names: Sequence[str],
    schema: str | None = None,
    workers: int = 1,
    digest: bool = True,
    trust: TrustStore | None = None,
    bulk: bool = True,
    window: int = WINDOW,
) -> RebuildResult:
    """Rebuild ``projection_names`` from offset 0 into the fresh ``schema`` (default
    ``rebuild_<n>``, the next generation), then swap it in; see the module docstring.
    ``workers`` > 1 shares the partitions out among that many processes. ``digest``: give
    each swapped-in table's :func:`projection_digest` (it reads every row, inside the swap's
    transaction, while the live consumers wait; on a large log it is a large part of the
    time). ``trust``: whose event signatures to believe (ADR 0020), as the live service does;
    default the development keys (tests), the CLI passes the settings' trust store. ``bulk``:
    load the projections that have a fold (``reporting.bulk``) by COPY (ADR 0025); ``False``
    feeds every projection through the live consumer, as before (the tests compare both).
    ``window``: records per window of the bulk load (``reporting.bulk.load.WINDOW``)."""
    projections = [_projection(name) for name in dict.fromkeys(projection_names)]
    if not projections:
        raise RebuildError("name at least one projection")
    try:
        return await _rebuild(
            dsn, kafka, topic, projections, schema, workers, digest, trust, bulk, window
        )
    except DataRefusedError as refused:
        if not bulk:
            raise
        # Which record, and for which projection, only the live consumer's record-by-record
        # redo can tell (it dead-letters that record for that projection alone): start over
        # on its path. The bulk load's schema is dropped by the next ``_prepare``.
        log.warning("rebuild.bulk_refused_by_the_database", error=str(refused))
        return await _rebuild(
            dsn, kafka, topic, projections, schema, workers, digest, trust, False, window
        )


async def _rebuild(
    dsn: str,
    kafka: KafkaAccess,
    topic: str,
    projections: list[Projection],
    schema: str | None,
    workers: int,
    digest: bool,
    trust: TrustStore | None,
    bulk: bool,
    window: int,
) -> RebuildResult:
    admin = await asyncpg.connect(dsn)
    try:
        if not await admin.fetchval("SELECT pg_try_advisory_lock($1)", _REBUILD_LOCK):
            raise RebuildError("another rebuild is running on this database")
        bulk_names = [p.name for p in projections if bulk and p.name in BULK_FOLDS]
        generation = await _prepare(admin, schema, projections, bulk_names)
        keys = await _drop_keys(admin, generation, _tables_of(projections, bulk_names))
        retired = f"retired_{generation.removeprefix('rebuild_')}"
        # One connection per projection, so that they apply a batch at the same time.
        pool = await schema_pool(dsn, generation, len(projections) + 1)
        try:
            build = _Build(
                dsn,
                generation,
                kafka,
                topic,
                projections,
                workers,
                digest,
                trust or TrustStore.development(),
                bulk_names,
                keys,
                window,
            )
            return await _build_and_swap(admin, pool, build, retired)
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
    admin: asyncpg.Connection[Any],
    schema: str | None,
    projections: list[Projection],
    bulk: list[str],
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
            if projection.name in bulk:
                # Loaded by COPY with their WAL: written while the workers fold the next
                # window, it costs less than logging each table whole before the swap (which
                # took a sixth of a 1,000,000-event rebuild, ADR 0025).
                continue
            for table in projection.tables:
                # Built without WAL: a crash loses the new schema, which a rebuild starts over
                # anyway; ``_make_durable`` logs each table once, whole, before the swap.
                await admin.execute(f"ALTER TABLE {_ident(table)} SET UNLOGGED")
    return generation


async def _make_durable(admin: asyncpg.Connection[Any], schema: str, tables: list[str]) -> None:
    """Turn the built tables into ordinary (WAL-logged) ones: one sequential write of each,
    instead of a WAL record, and after every checkpoint a full page image, per row written."""
    for table in tables:
        await admin.execute(f"ALTER TABLE {_ident(schema)}.{_ident(table)} SET LOGGED")


@dataclass(frozen=True)
class _Build:
    dsn: str
    schema: str
    kafka: KafkaAccess
    topic: str
    projections: list[Projection]
    workers: int
    digest: bool
    trust: TrustStore
    bulk: list[str]
    """the projections loaded by COPY"""
    keys: list[_Key]
    """the keys and indexes of their tables, dropped for the load, made again after it"""
    window: int


async def _build_and_swap(
    admin: asyncpg.Connection[Any], pool: asyncpg.Pool, build: _Build, retired: str
) -> RebuildResult:
    topic, generation = build.topic, build.schema
    dead = DeadLettersSeenAgain()
    names = [p.name for p in build.projections]
    consumers = projection_consumers(pool, names, build.kafka, topic, dead, build.trust)
    reader = log_reader(build.kafka)
    await reader.start()
    try:
        partitions = await _partitions(build.kafka, topic)
        # Every partition assigned at once: while one is applied, the next ones are fetched.
        reader.assign([TopicPartition(topic, p) for p in partitions])
        ends = await reader.end_offsets([TopicPartition(topic, p) for p in partitions])
        targets = {tp.partition: offset for tp, offset in ends.items()}
        log.info("rebuild.started", schema=generation, projections=names, workers=build.workers)
        applied, dead_seen = await _build(build, reader, partitions, targets, consumers)
        started = time.perf_counter()
        await _make_durable(admin, generation, [t for p in build.projections for t in p.tables])
        log.info(
            "rebuild.built",
            schema=generation,
            logged_seconds=round(time.perf_counter() - started, 2),
        )
        async with admin.transaction():
            # Keyed by consumer name (e.g. reporting-audit-trail), as the live rows are.
            consumer_names = [c.name for c in consumers.values()]
            live = await _lock_live_positions(admin, topic, consumer_names, partitions)
            # Catch up to where each live consumer stands (never back: a partition the live
            # consumer has not reached yet keeps the rebuild's position).
            catch_up = {
                name: {p: max(targets[p], live[c.name].get(p, 0)) for p in partitions}
                for name, c in consumers.items()
            }
            await feed(reader, topic, partitions, catch_up, consumers)
            positions = {name: await c.stored_positions() for name, c in consumers.items()}
            digests = {
                table: await projection_digest(pool, table)
                for p in build.projections
                for table in p.tables
                if build.digest
            }
            stored = {
                consumers[name].name: by_partition for name, by_partition in positions.items()
            }
            await _swap(admin, generation, retired, topic, build.projections, stored)
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
        applied={name: applied.get(name, 0) + c.applied_total for name, c in consumers.items()},
        dead_letters_seen=dead_seen + dead.count,
    )


async def _build(
    build: _Build,
    reader: AIOKafkaConsumer,
    partitions: list[int],
    targets: dict[int, int],
    consumers: dict[str, LogConsumer],
) -> tuple[dict[str, int], int]:
    """Feed the log up to ``targets``: here, or in worker processes sharing the partitions.
    Returns what the workers applied per projection, and the dead letters they saw (what
    is applied here is counted by ``consumers``)."""
    if build.bulk:
        return await _bulk_load(build, partitions, targets)
    if build.workers <= 1:
        await feed(reader, build.topic, partitions, {c: targets for c in consumers}, consumers)
        return {}, 0
    jobs = [
        BuildJob(
            dsn=build.dsn,
            schema=build.schema,
            kafka=build.kafka,
            topic=build.topic,
            projections=tuple(consumers),
            partitions=group,
            targets={p: targets[p] for p in group},
            trust=build.trust,
        )
        for group in share_out(partitions, build.workers)
    ]
    outcomes = await build_in_workers(jobs)
    applied = {
        name: sum(outcome.applied.get(name, 0) for outcome in outcomes) for name in consumers
    }
    return applied, sum(outcome.dead_letters_seen for outcome in outcomes)


async def _save_late(build: _Build, outcomes: list[BulkOutcome], chunk: int = 5000) -> None:
    """What the bulk load wrote before its case came back: the public register's rows and the
    procedural facts (with their states), through the live projections' own upserts."""
    register = [row for outcome in outcomes for row in outcome.late_register_rows]
    facts = [item for outcome in outcomes for item in outcome.late_procedural_facts.items()]
    if not register and not facts:
        return
    conn = await asyncpg.connect(build.dsn, server_settings={"search_path": build.schema})
    try:
        async with conn.transaction():
            if register:
                await conn.execute(
                    public_register.UPSERT,
                    *(list(column) for column in zip(*register, strict=True)),
                )
            for start in range(0, len(facts), chunk):
                await procedural_store.save(
                    conn,
                    {
                        (Classification(audience), case_id): facts_from_json(raw)
                        for (audience, case_id), raw in facts[start : start + chunk]
                    },
                )
    except asyncpg.DataError as error:
        raise DataRefusedError(f"{type(error).__name__}: {error}") from None
    finally:
        await conn.close()
    log.info("rebuild.late_saved", register_rows=len(register), procedural_facts=len(facts))


async def _bulk_load(
    build: _Build, partitions: list[int], targets: dict[int, int]
) -> tuple[dict[str, int], int]:
    """Every projection loaded from offset 0 to ``targets`` by ``reporting.bulk`` (those with a
    fold by COPY, the others through the live consumer), in ``workers`` processes; then the
    keys and indexes made, and the public register's late rows upserted."""
    jobs = [
        BulkJob(
            dsn=build.dsn,
            schema=build.schema,
            kafka=build.kafka,
            topic=build.topic,
            projections=tuple(p.name for p in build.projections),
            partitions=group,
            targets={p: targets[p] for p in group},
            trust=build.trust,
            window=build.window,
        )
        for group in share_out(partitions, build.workers)
    ]
    if len(jobs) == 1:
        outcomes = [await load_bulk(jobs[0])]
    else:
        outcomes = await in_processes(run_bulk, jobs)
    log.info(
        "rebuild.loaded",
        schema=build.schema,
        seconds=[{k: round(v, 2) for k, v in o.seconds.items()} for o in outcomes],
    )
    started = time.perf_counter()
    await _make_keys(build.dsn, build.schema, build.keys)
    log.info("rebuild.keys_made", seconds=round(time.perf_counter() - started, 2))
    await _save_late(build, outcomes)
    applied: dict[str, int] = {}
    for outcome in outcomes:
        for name, count in outcome.applied.items():
            applied[name] = applied.get(name, 0) + count
    return applied, sum(outcome.dead_letters_seen for outcome in outcomes)


@dataclass(frozen=True)
class _Key:
    """A key or index of a table, as PostgreSQL gives its definition back."""

    table: str
    name: str
    definition: str
    constraint: bool
    """a primary key or unique constraint (made by ALTER TABLE), else an index"""


def _tables_of(projections: list[Projection], names: list[str]) -> list[str]:
    return [table for p in projections if p.name in names for table in p.tables]


async def _drop_keys(admin: asyncpg.Connection[Any], schema: str, tables: list[str]) -> list[_Key]:
    """Drop the keys and indexes of ``tables`` in ``schema`` (a bulk load writes rows faster
    without them, and an index built once from sorted rows is smaller); what was dropped."""
    keys: list[_Key] = []
    for table in tables:
        qualified = f"{_ident(schema)}.{_ident(table)}"
        for row in await admin.fetch(
            "SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint"
            " WHERE conrelid = $1::regclass AND contype IN ('p', 'u') ORDER BY conname",
            qualified,
        ):
            keys.append(_Key(table, row["conname"], row["definition"], constraint=True))
        owned = {key.name for key in keys if key.table == table}
        for row in await admin.fetch(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1"
            " AND tablename = $2 ORDER BY indexname",
            schema,
            table,
        ):
            if row["indexname"] not in owned:
                keys.append(_Key(table, row["indexname"], row["indexdef"], constraint=False))
    for key in keys:
        if key.constraint:
            await admin.execute(
                f"ALTER TABLE {_ident(schema)}.{_ident(key.table)}"
                f" DROP CONSTRAINT {_ident(key.name)}"
            )
        else:
            await admin.execute(f"DROP INDEX {_ident(schema)}.{_ident(key.name)}")
    return keys


async def _make_keys(dsn: str, schema: str, keys: list[_Key]) -> None:
    """Make the dropped keys and indexes again, two at a time (one per core)."""
    pool = await asyncpg.create_pool(
        dsn,
        min_size=1,
        max_size=2,
        server_settings={"search_path": schema, "maintenance_work_mem": "256MB"},
    )

    async def make(key: _Key) -> None:
        async with pool.acquire() as conn:
            if key.constraint:
                await conn.execute(
                    f"ALTER TABLE {_ident(schema)}.{_ident(key.table)}"
                    f" ADD CONSTRAINT {_ident(key.name)} {key.definition}"
                )
            else:
                await conn.execute(key.definition)

    try:
        await asyncio.gather(*(make(key) for key in keys))
    except asyncpg.IntegrityConstraintViolationError as error:
        # Two rows under one key: copies the live projection's ON CONFLICT would have settled
        # (the bulk load assumes a stream version's first copy is the only one with its id).
        raise DataRefusedError(f"{type(error).__name__}: {error}") from None
    finally:
        await pool.close()


async def _partitions(kafka: KafkaAccess, topic: str) -> list[int]:
    admin = admin_client(kafka)
    await admin.start()
    try:
        described = await admin.describe_topics([topic])
    finally:
        await admin.close()
    if not described or described[0]["error_code"] != 0 or not described[0]["partitions"]:
        raise RebuildError(f"no topic {topic!r} with partitions on the broker")
    return sorted(p["partition"] for p in described[0]["partitions"])


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
        # Every live row of the consumer is written, also of a partition the new tables never
        # read (it keeps its position): its stream versions change below, and a live batch
        # that waited for our lock reads them again only if it finds its position row written
        # since its statement began (noncoop_shared.consumer._LOCK_POSITIONS_READ_VERSIONS).
        await conn.execute(
            "UPDATE public.consumer_positions AS live SET next_offset = coalesce("
            " (SELECT new.next_offset"
            " FROM unnest($3::int[], $4::bigint[]) AS new(partition, next_offset)"
            " WHERE new.partition = live.partition), live.next_offset)"
            " WHERE live.consumer = $1 AND live.topic = $2",
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


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    from reporting.settings import ReportingSettings

    parser = argparse.ArgumentParser(
        prog=prog or "python -m reporting.rebuild",
        description="Rebuild reporting projections from offset 0 and swap them in (blue/green).",
    )
    parser.add_argument("--projection", required=True, choices=[*PROJECTIONS, "all"])
    parser.add_argument(
        "--workers",
        type=int,
        default=min(4, os.cpu_count() or 1),
        help="processes sharing the partitions (default: the CPUs, at most 4)",
    )
    parser.add_argument(
        "--no-digest",
        action="store_true",
        help="skip the SHA-256 of each swapped-in table (faster on a large log)",
    )
    args = parser.parse_args(argv)
    names = list(PROJECTIONS) if args.projection == "all" else [args.projection]
    settings = ReportingSettings()
    try:
        result = asyncio.run(
            rebuild(
                settings.database_url,
                settings.kafka_access(),
                settings.events_topic,
                names,
                workers=max(1, args.workers),
                digest=not args.no_digest,
                trust=settings.trust_store(),
            )
        )
    except RebuildError as error:
        print(f"rebuild failed: {error}", file=sys.stderr)
        return 1
    for table, digest in result.digests.items():
        print(f"{table}\tsha256:{digest}")
    print(f"swapped in from {result.schema}; previous tables kept in {result.retired_schema}")
    return 0


__all__ = ["PROJECTIONS", "RebuildError", "RebuildResult", "main", "projection_digest", "rebuild"]


if __name__ == "__main__":
    sys.exit(main())
