"""Sealing the audit log's C2SP checkpoints (docs/architecture.md §7, ADR 0033).

Each seal appends the leaves the audit trail has read since the last one (``domain.tlog``),
hashing the records' value bytes read back from the log, and stores a signed note over the whole
tree. The root comes from the frontier kept with the last checkpoint and the new leaves alone
(``merkle.extend_frontier``): a seal costs the new leaves, not the whole tree. The seal lock is
held from reading the last checkpoint to storing the new one, so two replicas sealing at once
give one tree, not two trees with the same leaf indices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg
import structlog
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.audit.merkle import extend_frontier, root_of_frontier
from noncoop_shared.audit.signed_note import vkey_of
from noncoop_shared.db import Connection
from noncoop_shared.kafka import KafkaAccess
from reporting.domain.tlog import (
    StoredCheckpoint,
    TlogError,
    advanced,
    checkpoint_note,
    new_leaves,
    signed_root,
)
from reporting.log_values import by_partition, read_values
from reporting.projections import tlog_store

log = structlog.get_logger("reporting.tlog")


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
        # Leaves and checkpoints are written in one transaction under the seal lock: the tree
        # holds exactly the leaves the last checkpoint signs (appending past it would collide
        # on leaf_index, not skip).
        size = 0 if last is None else last.tree_size
        frontier = await _last_frontier(conn, last)
        appended = new_leaves(members, values, size)
        await tlog_store.append(conn, appended)
        frontier = extend_frontier(frontier, size, [leaf.leaf_hash for leaf in appended])
        size += len(appended)
        note = checkpoint_note(log.origin, size, root_of_frontier(frontier), log.signing_key)
        checkpoint = StoredCheckpoint(size, position, sealed_at, note)
        await tlog_store.keep(conn, checkpoint, frontier)
        return checkpoint


async def _last_frontier(conn: Connection, last: StoredCheckpoint | None) -> list[bytes]:
    """The frontier of the tree ``last`` signs: as kept with it when it gives the root the note
    signs; otherwise (a checkpoint sealed before frontiers were kept, or one not matching)
    from every leaf hash, once, which must then give that root: a seal never signs a tree that
    does not extend the one already published."""
    if last is None:
        return []
    root = signed_root(last.note)
    kept = await tlog_store.frontier(conn, last.tree_size)
    if kept is not None:
        try:
            if root_of_frontier(extend_frontier(kept, last.tree_size, [])) == root:
                return kept
        except ValueError:
            pass  # not a frontier of that size: rebuilt below
        log.warning("tlog.frontier_rebuilt", tree_size=last.tree_size)
    frontier = extend_frontier([], 0, await tlog_store.leaf_hashes(conn, last.tree_size))
    if root_of_frontier(frontier) != root:
        raise TlogError(
            f"the {last.tree_size} stored leaves do not give the root the last checkpoint signs"
        )
    return frontier


async def read_audit_log_checkpoint(
    pool: asyncpg.Pool, tree_size: int | None = None
) -> StoredCheckpoint | None:
    """The checkpoint of ``tree_size`` leaves, or the latest when ``None``."""
    if tree_size is None:
        return await tlog_store.latest(pool)
    return await tlog_store.of_size(pool, tree_size)
