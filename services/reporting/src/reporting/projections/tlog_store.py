"""The audit log's transparency tree: its leaves (``tlog_leaves``) and its signed C2SP
checkpoints (``tlog_checkpoints``); all the SQL of ``reporting.application.tlog``.

Not projections: a leaf's index and a checkpoint's note are commitments already published, so
a rebuild (``reporting.rebuild``, which swaps only ``registry.PROJECTIONS``' tables) must never
drop or renumber them, the same as the ``checkpoints`` table.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import asyncpg

from noncoop_shared.db import Connection
from reporting.domain.tlog import Leaf, Member, StoredCheckpoint

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE tlog_leaves (
            leaf_index     BIGINT PRIMARY KEY,
            event_id       UUID UNIQUE NOT NULL,
            subject        TEXT NOT NULL,
            log_partition  INTEGER NOT NULL,
            log_offset     BIGINT NOT NULL,
            leaf_hash      BYTEA NOT NULL
        );
        CREATE INDEX tlog_leaves_subject ON tlog_leaves (subject, leaf_index);
        CREATE TABLE tlog_checkpoints (
            tree_size  BIGINT PRIMARY KEY,
            position   JSONB NOT NULL,
            sealed_at  TIMESTAMPTZ NOT NULL,
            note       TEXT NOT NULL
        );
        """,
    ),
    (
        2,
        """
        -- The frontier (compact range) of each checkpoint's tree: the roots of its perfect
        -- subtrees, leftmost first, 32 bytes each, one per bit set in tree_size. A seal
        -- extends the last one with the new leaves alone. NULL: sealed before it was kept
        -- (the next seal computes it from the leaves once).
        ALTER TABLE tlog_checkpoints ADD COLUMN frontier BYTEA;
        """,
    ),
]

_SEAL_LOCK = 0x746C6F67  # "tlog": one seal at a time, whichever replica seals
"""Two replicas appending at once would give two trees with the same leaf indices (a fork)."""


async def lock_for_seal(conn: Connection) -> None:
    """Hold the seal lock until the caller's transaction ends."""
    await conn.execute("SELECT pg_advisory_xact_lock($1)", _SEAL_LOCK)


async def audit_position(conn: Connection) -> dict[str, int]:
    """How far the audit trail has read the log: per partition, the next offset."""
    rows = await conn.fetch(
        "SELECT log_partition, max(log_offset) + 1 AS next_offset FROM audit_trail"
        " WHERE log_partition IS NOT NULL GROUP BY log_partition"
    )
    return {str(row["log_partition"]): int(row["next_offset"]) for row in rows}


async def not_yet_leaves(conn: Connection, position: dict[str, int]) -> list[Member]:
    """The audit trail's events below ``position`` that are not leaves yet, in (partition,
    offset) order. The audit trail keeps the first copy of each event, so a copy the relay
    published again is not among them."""
    partitions = [int(p) for p in position]
    rows = await conn.fetch(
        "SELECT a.event_id, a.subject, a.log_partition, a.log_offset FROM audit_trail a"
        " JOIN unnest($1::int[], $2::bigint[]) AS p(log_partition, next_offset)"
        " ON a.log_partition = p.log_partition AND a.log_offset < p.next_offset"
        " WHERE NOT EXISTS (SELECT 1 FROM tlog_leaves l WHERE l.event_id = a.event_id)"
        " ORDER BY a.log_partition, a.log_offset",
        partitions,
        [position[str(p)] for p in partitions],
    )
    return [
        Member(row["event_id"], row["subject"], row["log_partition"], row["log_offset"])
        for row in rows
    ]


async def append(conn: Connection, leaves: Sequence[Leaf]) -> None:
    await conn.executemany(
        "INSERT INTO tlog_leaves"
        " (leaf_index, event_id, subject, log_partition, log_offset, leaf_hash)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        [(x.index, x.event_id, x.subject, x.partition, x.offset, x.leaf_hash) for x in leaves],
    )


async def leaf_hashes(conn: Connection | asyncpg.Pool, size: int) -> list[bytes]:
    """The hashes of the first ``size`` leaves, in leaf order."""
    rows = await conn.fetch(
        "SELECT leaf_hash FROM tlog_leaves WHERE leaf_index < $1 ORDER BY leaf_index", size
    )
    return [bytes(row["leaf_hash"]) for row in rows]


async def leaves_of(conn: Connection | asyncpg.Pool, subject: str, size: int) -> list[Leaf]:
    """The leaves of one case (or registry stream) below ``size``, in leaf order."""
    rows = await conn.fetch(
        "SELECT * FROM tlog_leaves WHERE subject = $1 AND leaf_index < $2 ORDER BY leaf_index",
        subject,
        size,
    )
    return [
        Leaf(
            row["leaf_index"],
            row["event_id"],
            row["subject"],
            row["log_partition"],
            row["log_offset"],
            bytes(row["leaf_hash"]),
        )
        for row in rows
    ]


async def keep(conn: Connection, checkpoint: StoredCheckpoint, frontier: Sequence[bytes]) -> None:
    """Store a checkpoint and its tree's frontier; one of the same size kept already stays (it
    signs the same tree)."""
    await conn.execute(
        "INSERT INTO tlog_checkpoints (tree_size, position, sealed_at, note, frontier)"
        " VALUES ($1, $2::jsonb, $3, $4, $5) ON CONFLICT (tree_size) DO NOTHING",
        checkpoint.tree_size,
        json.dumps(checkpoint.position, sort_keys=True),
        checkpoint.sealed_at,
        checkpoint.note,
        b"".join(frontier),
    )


async def frontier(conn: Connection, size: int) -> list[bytes] | None:
    """The frontier kept with the checkpoint of ``size`` leaves; ``None`` if it has none."""
    raw = await conn.fetchval("SELECT frontier FROM tlog_checkpoints WHERE tree_size = $1", size)
    if raw is None:
        return None
    return [bytes(raw[i : i + 32]) for i in range(0, len(raw), 32)]


def _checkpoint(row: asyncpg.Record | None) -> StoredCheckpoint | None:
    if row is None:
        return None
    return StoredCheckpoint(
        row["tree_size"], json.loads(row["position"]), row["sealed_at"], row["note"]
    )


async def latest(conn: Connection | asyncpg.Pool) -> StoredCheckpoint | None:
    row = await conn.fetchrow("SELECT * FROM tlog_checkpoints ORDER BY tree_size DESC LIMIT 1")
    return _checkpoint(row)


async def of_size(conn: Connection | asyncpg.Pool, size: int) -> StoredCheckpoint | None:
    row = await conn.fetchrow("SELECT * FROM tlog_checkpoints WHERE tree_size = $1", size)
    return _checkpoint(row)


async def latest_below(conn: Connection | asyncpg.Pool, size: int) -> StoredCheckpoint | None:
    """The largest checkpoint of a non-empty tree smaller than ``size``."""
    row = await conn.fetchrow(
        "SELECT * FROM tlog_checkpoints WHERE tree_size > 0 AND tree_size < $1"
        " ORDER BY tree_size DESC LIMIT 1",
        size,
    )
    return _checkpoint(row)
