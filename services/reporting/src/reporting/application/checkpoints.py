"""Sealing audit checkpoints (docs/architecture.md §7).

A checkpoint is the Merkle root over every event of the log up to a position (per partition:
the next offset), in (partition, offset) order, the first copy of each event only (a relay may
publish an event twice), signed with the service's Ed25519 key. Anyone holding the public key
and the log recomputes the same leaves (``reporting.domain.checkpoints.leaves_from_log``) and
checks the seal.
"""

from __future__ import annotations

from datetime import datetime

import asyncpg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.audit import Checkpoint, seal
from noncoop_shared.db import Connection
from reporting.projections import checkpoint_store


async def seal_checkpoint(
    pool: asyncpg.Pool, private_key: Ed25519PrivateKey, sealed_at: datetime
) -> tuple[int, Checkpoint]:
    """Seal everything the audit trail has read so far; the checkpoint is kept and returned."""
    async with pool.acquire() as conn, conn.transaction():
        hashes, position = await checkpoint_store.audit_hashes(conn)
        return await _keep(conn, hashes, position, sealed_at, private_key)


async def seal_checkpoint_at(
    conn: Connection,
    private_key: Ed25519PrivateKey,
    sealed_at: datetime,
    position: dict[str, int],
) -> tuple[int, Checkpoint]:
    """Seal the log below ``position`` (partition -> next offset; a partition not named: none
    of it), in the caller's transaction. The audit trail must have read up to ``position``:
    the report freezes on a position both it and the case events have reached."""
    hashes = await checkpoint_store.audit_hashes_below(conn, position)
    return await _keep(conn, hashes, position, sealed_at, private_key)


async def _keep(
    conn: Connection,
    hashes: list[str],
    position: dict[str, int],
    sealed_at: datetime,
    private_key: Ed25519PrivateKey,
) -> tuple[int, Checkpoint]:
    checkpoint = seal(hashes, position, sealed_at, private_key)
    return await checkpoint_store.keep(conn, checkpoint, sealed_at), checkpoint


async def read_checkpoint(pool: asyncpg.Pool, checkpoint_id: int) -> Checkpoint | None:
    return await checkpoint_store.read(pool, checkpoint_id)
