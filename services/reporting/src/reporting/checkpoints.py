"""Audit checkpoints sealed by the reporting service (docs/architecture.md §7).

A checkpoint is the Merkle root over every event of the log up to a position (per partition:
the next offset), in (partition, offset) order, the first copy of each event only (a relay may
publish an event twice), signed with the service's Ed25519 key. Anyone holding the public key
and the log recomputes the same leaves (``leaves_from_log``) and checks the seal.
"""

from __future__ import annotations

from datetime import datetime

import asyncpg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.audit import Checkpoint, seal
from noncoop_shared.audit.verify_log import LogRecord
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope

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


async def seal_checkpoint(
    pool: asyncpg.Pool, private_key: Ed25519PrivateKey, sealed_at: datetime
) -> tuple[int, Checkpoint]:
    """Seal everything the audit trail has read so far; the checkpoint is kept and returned."""
    async with pool.acquire() as conn, conn.transaction():
        rows = await conn.fetch(
            "SELECT hash, log_partition, log_offset FROM audit_trail"
            " WHERE log_partition IS NOT NULL ORDER BY log_partition, log_offset"
        )
        position: dict[str, int] = {}
        for row in rows:
            key = str(row["log_partition"])
            position[key] = max(position.get(key, 0), row["log_offset"] + 1)
        return await _keep(conn, [row["hash"] for row in rows], position, sealed_at, private_key)


async def seal_checkpoint_at(
    conn: Connection,
    private_key: Ed25519PrivateKey,
    sealed_at: datetime,
    position: dict[str, int],
) -> tuple[int, Checkpoint]:
    """Seal the log below ``position`` (partition -> next offset; a partition not named: none
    of it), in the caller's transaction. The audit trail must have read up to ``position``:
    the report freezes on a position both it and the case events have reached."""
    partitions = [int(p) for p in position]
    rows = await conn.fetch(
        "SELECT a.hash FROM audit_trail a"
        " JOIN unnest($1::int[], $2::bigint[]) AS p(log_partition, next_offset)"
        " ON a.log_partition = p.log_partition AND a.log_offset < p.next_offset"
        " ORDER BY a.log_partition, a.log_offset",
        partitions,
        [position[str(p)] for p in partitions],
    )
    return await _keep(conn, [row["hash"] for row in rows], position, sealed_at, private_key)


async def _keep(
    conn: Connection,
    hashes: list[str],
    position: dict[str, int],
    sealed_at: datetime,
    private_key: Ed25519PrivateKey,
) -> tuple[int, Checkpoint]:
    checkpoint = seal(hashes, position, sealed_at, private_key)
    checkpoint_id = await conn.fetchval(
        "INSERT INTO checkpoints (sealed_at, document) VALUES ($1, $2) RETURNING checkpoint_id",
        sealed_at,
        checkpoint.model_dump_json(),
    )
    return int(checkpoint_id), checkpoint


async def read_checkpoint(pool: asyncpg.Pool, checkpoint_id: int) -> Checkpoint | None:
    document = await pool.fetchval(
        "SELECT document FROM checkpoints WHERE checkpoint_id = $1", checkpoint_id
    )
    return Checkpoint.model_validate_json(document) if document else None


def leaves_from_log(records: list[LogRecord], position: dict[str, int]) -> list[str]:
    """The checkpoint's leaves as anyone recomputes them from the log: records before the
    position, in (partition, offset) order, the first copy of each event id."""
    seen: set[str] = set()
    leaves: list[str] = []
    ordered = sorted(records, key=lambda r: (r[0].partition, r[0].offset))
    for coordinates, content in ordered:
        if coordinates.offset >= position.get(str(coordinates.partition), 0):
            continue
        if not isinstance(content, Envelope) or str(content.id) in seen:
            continue
        seen.add(str(content.id))
        leaves.append(content.hash)
    return leaves
