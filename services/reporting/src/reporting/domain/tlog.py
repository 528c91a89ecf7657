"""The audit log as a transparency log (docs/architecture.md §7): which records become leaves,
and the signed C2SP checkpoint over them. Pure.

A leaf is the exact bytes of a log record's value, so an auditor holding a record checks it
against a checkpoint with any RFC 9162 tool, without our parser or our hashing of envelopes.
Leaves are appended at each seal, never reordered: the events the audit trail has read below
the new position and that are not leaves yet, in (partition, offset) order, the first copy of
each event only. Ordering the whole log by (partition, offset) instead would insert an event of
partition 0 read late before those of partition 1 sealed earlier, and no consistency proof
could hold between two checkpoints.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.audit.merkle import record_leaf_hash
from noncoop_shared.audit.signed_note import sign_note
from noncoop_shared.audit.tlog_checkpoint import checkpoint_text, parse_checkpoint_text

Coordinates = tuple[int, int]
"""(partition, offset) of a record of the log."""


class TlogError(RuntimeError):
    """The log and the audit trail disagree about a record: nothing is sealed."""


@dataclass(frozen=True)
class Member:
    """An event of the audit trail that is not a leaf yet, and where it was first read."""

    event_id: UUID
    subject: str
    partition: int
    offset: int


@dataclass(frozen=True)
class Leaf:
    index: int
    event_id: UUID
    subject: str
    partition: int
    offset: int
    leaf_hash: bytes


@dataclass(frozen=True)
class StoredCheckpoint:
    tree_size: int
    position: dict[str, int]
    sealed_at: datetime
    note: str


def advanced(previous: Mapping[str, int], read: Mapping[str, int]) -> dict[str, int]:
    """The new seal's position: per partition, the further of the previous seal's and what the
    audit trail has read (a position never goes back, whatever a rebuild did meanwhile)."""
    return {p: max(previous.get(p, 0), read.get(p, 0)) for p in sorted({*previous, *read}, key=int)}


def event_id_of(value: bytes) -> str | None:
    """The ``id`` of the envelope a record holds, or ``None`` if it holds none."""
    try:
        decoded = json.loads(value)
    except ValueError:
        return None
    found = decoded.get("id") if isinstance(decoded, dict) else None
    return found if isinstance(found, str) else None


def new_leaves(
    members: Sequence[Member], values: Mapping[Coordinates, bytes], first_index: int
) -> list[Leaf]:
    """The leaves to append, numbered from ``first_index``: each member's record value, as
    read, hashed. A record missing, or holding another event than the audit trail says, stops
    the seal: a leaf must be the record the audit trail read."""
    leaves: list[Leaf] = []
    for index, member in enumerate(members, start=first_index):
        at = (member.partition, member.offset)
        value = values.get(at)
        if value is None:
            raise TlogError(f"no record at partition {at[0]} offset {at[1]} of the log")
        if event_id_of(value) != str(member.event_id):
            raise TlogError(
                f"the record at partition {at[0]} offset {at[1]} is not event {member.event_id}"
            )
        leaves.append(
            Leaf(
                index,
                member.event_id,
                member.subject,
                member.partition,
                member.offset,
                record_leaf_hash(value),
            )
        )
    return leaves


def checkpoint_note(origin: str, size: int, root: bytes, key: Ed25519PrivateKey) -> str:
    """The C2SP signed note of the tree of ``size`` leaves whose root is ``root``: the
    tlog-checkpoint text ``<origin>\\n<size>\\n<base64 root>\\n`` signed by the key named
    ``origin``."""
    return sign_note(checkpoint_text(origin, size, root), origin, key)


def signed_root(note: str) -> bytes:
    """The root one of our own kept notes signs, its signature not checked: the note comes
    from our own table, and the key that signed it may have been rotated since."""
    return parse_checkpoint_text(note[: note.rfind("\n\n") + 1]).root
