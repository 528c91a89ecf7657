"""Sealing the audit log's C2SP checkpoints (docs/architecture.md §7, ADR 0033).

Each seal appends the leaves the audit trail has read since the last one (``domain.tlog``),
hashing the records' value bytes read back from the log, and stores a signed note over the whole
tree. The seal lock is held from reading the last checkpoint to storing the new one, so two
replicas sealing at once give one tree, not two trees with the same leaf indices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.audit.signed_note import vkey_of
from noncoop_shared.kafka import KafkaAccess
from reporting.domain.tlog import StoredCheckpoint, advanced, checkpoint_note, new_leaves
from reporting.log_values import by_partition, read_values
from reporting.projections import tlog_store


@dataclass(frozen=True)
class AuditLog:
    """What sealing needs: the log's name (``origin``, also the key's name), the key, the log."""

    origin: str
    signing_key: Ed25519PrivateKey
    kafka: KafkaAccess
    topic: str

    def vkey(self) -> str:
        return vkey_of(self.origin, self.signing_key.public_key())


async def seal_audit_log(
    pool: asyncpg.Pool, log: AuditLog, sealed_at: datetime
) -> StoredCheckpoint:
    """Append what the audit trail has read since the last seal and sign the tree; with nothing
    new, the last checkpoint is returned as it is (it already signs this tree)."""
    async with pool.acquire() as conn, conn.transaction():
        await tlog_store.lock_for_seal(conn)
        last = await tlog_store.latest(conn)
        position = advanced(last.position if last else {}, await tlog_store.audit_position(conn))
        members = await tlog_store.not_yet_leaves(conn, position)
        if last is not None and not members:
            return last
        wanted = by_partition((m.partition, m.offset) for m in members)
        values = await read_values(log.kafka, log.topic, wanted)
        size = await tlog_store.tree_size(conn)
        await tlog_store.append(conn, new_leaves(members, values, size))
        hashes = await tlog_store.leaf_hashes(conn, size + len(members))
        note = checkpoint_note(log.origin, hashes, log.signing_key)
        checkpoint = StoredCheckpoint(len(hashes), position, sealed_at, note)
        await tlog_store.keep(conn, checkpoint)
        return checkpoint


async def read_audit_log_checkpoint(
    pool: asyncpg.Pool, tree_size: int | None = None
) -> StoredCheckpoint | None:
    """The checkpoint of ``tree_size`` leaves, or the latest when ``None``."""
    if tree_size is None:
        return await tlog_store.latest(pool)
    return await tlog_store.of_size(pool, tree_size)
