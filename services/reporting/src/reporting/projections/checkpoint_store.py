"""The sealed checkpoints (table ``checkpoints``) and the audit trail's hashes they seal: all
the SQL of ``reporting.application.checkpoints``."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from noncoop_shared.audit import Checkpoint
from noncoop_shared.db import Connection

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE checkpoints (
            checkpoint_id  BIGSERIAL PRIMARY KEY,
            sealed_at      TIMESTAMPTZ NOT NULL,
            document       TEXT NOT NULL
        );
        """,
    )
]


async def audit_hashes(conn: Connection) -> tuple[list[str], dict[str, int]]:
    """Every hash the audit trail has read, in (partition, offset) order, and the position it
    has read up to (partition -> next offset)."""
    rows = await conn.fetch(
        "SELECT hash, log_partition, log_offset FROM audit_trail"
        " WHERE log_partition IS NOT NULL ORDER BY log_partition, log_offset"
    )
    position: dict[str, int] = {}
    for row in rows:
        key = str(row["log_partition"])
        position[key] = max(position.get(key, 0), row["log_offset"] + 1)
    return [row["hash"] for row in rows], position


async def audit_hashes_below(conn: Connection, position: dict[str, int]) -> list[str]:
    """The audit trail's hashes below ``position`` (a partition not named: none of it), in
    (partition, offset) order."""
    partitions = [int(p) for p in position]
    rows = await conn.fetch(
        "SELECT a.hash FROM audit_trail a"
        " JOIN unnest($1::int[], $2::bigint[]) AS p(log_partition, next_offset)"
        " ON a.log_partition = p.log_partition AND a.log_offset < p.next_offset"
        " ORDER BY a.log_partition, a.log_offset",
        partitions,
        [position[str(p)] for p in partitions],
    )
    return [row["hash"] for row in rows]


async def keep(conn: Connection, checkpoint: Checkpoint, sealed_at: datetime) -> int:
    """Store ``checkpoint``; its id."""
    checkpoint_id = await conn.fetchval(
        "INSERT INTO checkpoints (sealed_at, document) VALUES ($1, $2) RETURNING checkpoint_id",
        sealed_at,
        checkpoint.model_dump_json(),
    )
    return int(checkpoint_id)


async def read(pool: asyncpg.Pool, checkpoint_id: int) -> Checkpoint | None:
    document = await pool.fetchval(
        "SELECT document FROM checkpoints WHERE checkpoint_id = $1", checkpoint_id
    )
    return Checkpoint.model_validate_json(document) if document else None
