"""The tables every service's store has, in the service's own database (docs/architecture.md §4-§6).

Applied at start-up by ``migrate``; each step is applied once, in order, recorded in
``schema_migrations``, under an advisory lock so that several replicas starting together do not
race. Steps are append-only: a released step is never edited, a change is a new step.
"""

from __future__ import annotations

import asyncpg

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        -- The service's own events. ``envelope`` is the canonical JSON exactly as hashed and
        -- published (TEXT, not JSONB, which would reorder keys and break re-hashing).
        CREATE TABLE events (
            position     BIGSERIAL PRIMARY KEY,
            id           UUID NOT NULL UNIQUE,
            stream       TEXT NOT NULL,
            version      INTEGER NOT NULL CHECK (version >= 1),
            subject      TEXT NOT NULL,
            type         TEXT NOT NULL,
            recorded_at  TIMESTAMPTZ NOT NULL,
            hash         CHAR(64) NOT NULL,
            envelope     TEXT NOT NULL,
            -- The concurrency control: a stale append collides here and becomes a 409.
            CONSTRAINT events_stream_version_key UNIQUE (stream, version)
        );
        -- One row per event still to be published. ``lane`` spreads keys over relay replicas
        -- while keeping every key in one lane, hence in order.
        CREATE TABLE outbox (
            position      BIGINT PRIMARY KEY REFERENCES events (position),
            lane          SMALLINT NOT NULL,
            published_at  TIMESTAMPTZ
        );
        CREATE INDEX outbox_unpublished ON outbox (lane, position) WHERE published_at IS NULL;
        -- The first result of each command sent with an Idempotency-Key.
        CREATE TABLE idempotency (
            key          TEXT PRIMARY KEY,
            principal    TEXT NOT NULL,
            fingerprint  CHAR(64) NOT NULL,
            status_code  INTEGER NOT NULL,
            body         TEXT NOT NULL,
            created_at   TIMESTAMPTZ NOT NULL
        );
        -- Deadlines set by events; the scheduler fires each at most once.
        CREATE TABLE deadlines (
            stream      TEXT NOT NULL,
            kind        TEXT NOT NULL,
            subject     TEXT NOT NULL,
            rule        TEXT NOT NULL,
            due_at      TIMESTAMPTZ NOT NULL,
            set_by      UUID NOT NULL,
            state       TEXT NOT NULL CHECK (state IN ('pending', 'settled', 'fired')),
            closed_by   UUID,
            closed_at   TIMESTAMPTZ,
            PRIMARY KEY (stream, kind)
        );
        CREATE INDEX deadlines_pending ON deadlines (due_at) WHERE state = 'pending';
        -- Where each consumer (projection or policy) stands on the log, per partition, written
        -- in the same transaction as what it produced.
        CREATE TABLE consumer_positions (
            consumer     TEXT NOT NULL,
            topic        TEXT NOT NULL,
            partition    INTEGER NOT NULL,
            next_offset  BIGINT NOT NULL,
            PRIMARY KEY (consumer, topic, partition)
        );
        -- The last stream version each consumer applied: a copy of an event published twice
        -- (relay crash after send, before marking) sits at another offset; this catches it.
        CREATE TABLE consumer_streams (
            consumer  TEXT NOT NULL,
            stream    TEXT NOT NULL,
            version   INTEGER NOT NULL,
            PRIMARY KEY (consumer, stream)
        );
        """,
    ),
    (
        2,
        """
        -- The record time the deadline was set (ADR 0015): the scheduler waits a late-entry
        -- grace after it, so a history entered late has time to be completed. Earlier rows
        -- take the record time of the event that set them.
        ALTER TABLE deadlines ADD COLUMN set_recorded_at TIMESTAMPTZ;
        UPDATE deadlines SET set_recorded_at = events.recorded_at
          FROM events WHERE events.id = deadlines.set_by;
        UPDATE deadlines SET set_recorded_at = due_at WHERE set_recorded_at IS NULL;
        ALTER TABLE deadlines ALTER COLUMN set_recorded_at SET NOT NULL;
        """,
    ),
    (
        3,
        """
        -- Idempotency-Keys belong to their sender (ADR 0021): with one key space for all, a
        -- caller could send another's predictable key first and make that one's command fail.
        ALTER TABLE idempotency DROP CONSTRAINT idempotency_pkey;
        ALTER TABLE idempotency ADD CONSTRAINT idempotency_pkey PRIMARY KEY (principal, key);
        """,
    ),
    (
        4,
        """
        -- Events the log refused for what they are (too large, invalid): the relay sets them
        -- aside here, out of the outbox, so their lane goes on (ADR 0022). The event itself
        -- stays in ``events``; an operator reads it there by ``position``.
        CREATE TABLE outbox_dead_letters (
            position      BIGINT PRIMARY KEY REFERENCES events (position),
            lane          SMALLINT NOT NULL,
            error         TEXT NOT NULL,
            set_aside_at  TIMESTAMPTZ NOT NULL
        );
        """,
    ),
    (
        5,
        """
        -- The W3C traceparent of the append that wrote the row (ADR 0029): the relay sends the
        -- record later, from another task, and continues the command's trace from it. Kept out
        -- of the envelope, which is hashed and signed. NULL when nothing was traced.
        ALTER TABLE outbox ADD COLUMN traceparent TEXT;
        """,
    ),
]

_MIGRATION_LOCK = 0x6E6F6E63  # "nonc": one advisory lock id for schema changes


async def migrate(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " step INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        applied = {r["step"] for r in await conn.fetch("SELECT step FROM schema_migrations")}
        for step, sql in MIGRATIONS:
            if step in applied:
                continue
            await conn.execute(sql)
            await conn.execute("INSERT INTO schema_migrations (step) VALUES ($1)", step)


async def apply_extra(pool: asyncpg.Pool, name: str, steps: list[tuple[int, str]]) -> None:
    """Apply a service's own migrations (its projections' tables), tracked under ``name``."""
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations_extra ("
            " name TEXT NOT NULL, step INTEGER NOT NULL,"
            " applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (name, step))"
        )
        rows = await conn.fetch("SELECT step FROM schema_migrations_extra WHERE name = $1", name)
        applied = {r["step"] for r in rows}
        for step, sql in steps:
            if step in applied:
                continue
            await conn.execute(sql)
            await conn.execute(
                "INSERT INTO schema_migrations_extra (name, step) VALUES ($1, $2)", name, step
            )
