"""The files of a case's audit bundle, as ``tools/verify_bundle.py`` checks them (ADR 0033).
Pure: the caller reads the database and the log, this decides what is written.

A bundle proves, to someone who trusts only the verifier key, that these records are exactly
the case's events in the log this key signed: each record is a leaf of the latest checkpoint's
tree (an inclusion proof), and, when there is an older checkpoint, that the older tree is a
prefix of the newer (a consistency proof), so nothing sealed earlier was rewritten since.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from noncoop_shared.audit.merkle import (
    consistency_proof_of_hashes,
    inclusion_paths_of_hashes,
    record_leaf_hash,
    root_of_hashes,
)
from noncoop_shared.audit.tlog_checkpoint import CheckpointFormatError, parse_checkpoint_text
from reporting.domain.tlog import Leaf, StoredCheckpoint


class BundleError(RuntimeError):
    """No bundle can be written; the message says why."""


@dataclass(frozen=True)
class BundleSource:
    """What a case's bundle is drawn from."""

    case_id: str
    vkey: str
    checkpoint: StoredCheckpoint
    previous: StoredCheckpoint | None
    leaf_hashes: Sequence[bytes]
    """The hashes of the checkpoint's leaves, in leaf order (``checkpoint.tree_size`` of them)."""
    events: Sequence[tuple[Leaf, bytes]]
    """The case's leaves below the checkpoint's size, in leaf order, with their records' bytes
    as read from the log."""


def previous_note_name(previous: StoredCheckpoint) -> str:
    return f"checkpoint-{previous.tree_size}.note"


def _signed_tree(note: str) -> tuple[int, bytes]:
    """The size and root a note's checkpoint text states (its signature is the shell's to
    check, with the verifier key)."""
    try:
        text = parse_checkpoint_text(note[: note.rfind("\n\n") + 1])
    except CheckpointFormatError as error:
        raise BundleError(f"the checkpoint is not a tlog checkpoint: {error}") from error
    return text.size, text.root


def _check(source: BundleSource) -> None:
    size = source.checkpoint.tree_size
    if len(source.leaf_hashes) != size:
        raise BundleError(f"the tree holds {len(source.leaf_hashes)} leaves, not {size}")
    if _signed_tree(source.checkpoint.note) != (size, root_of_hashes(source.leaf_hashes)):
        raise BundleError(f"the stored leaves do not give the root signed at size {size}")
    if not source.events:
        raise BundleError(f"case {source.case_id} has no event sealed in the audit log")
    for leaf, value in source.events:
        if not leaf.index < size or source.leaf_hashes[leaf.index] != leaf.leaf_hash:
            raise BundleError(f"leaf {leaf.index} is not in the tree of {size} leaves")
        if record_leaf_hash(value) != leaf.leaf_hash:
            raise BundleError(
                f"the record at partition {leaf.partition} offset {leaf.offset} is not the "
                f"bytes sealed as leaf {leaf.index}"
            )
        if b"\n" in value:
            raise BundleError(f"the record of leaf {leaf.index} holds a newline")


def _hex(hashes: Sequence[bytes]) -> list[str]:
    return [h.hex() for h in hashes]


def bundle_files(source: BundleSource) -> dict[str, bytes]:
    """File name -> content of the bundle; ``BundleError`` when the sources disagree or the
    case has nothing sealed."""
    _check(source)
    size = source.checkpoint.tree_size
    indices = [leaf.index for leaf, _ in source.events]
    paths = inclusion_paths_of_hashes(source.leaf_hashes, indices)
    proofs = [
        {"leaf_index": index, "tree_size": size, "inclusion": _hex(path)}
        for index, path in zip(indices, paths, strict=True)
    ]
    files = {
        "vkey.txt": f"{source.vkey}\n".encode(),
        "checkpoint.note": source.checkpoint.note.encode(),
        "events.jsonl": b"".join(value + b"\n" for _, value in source.events),
        "proofs.jsonl": "".join(json.dumps(p) + "\n" for p in proofs).encode(),
    }
    previous = source.previous
    if previous is not None and 0 < previous.tree_size < size:
        name = previous_note_name(previous)
        proof = consistency_proof_of_hashes(source.leaf_hashes, previous.tree_size)
        files[name] = previous.note.encode()
        files["consistency.json"] = (
            json.dumps({"old_checkpoint": name, "proof": _hex(proof)}) + "\n"
        ).encode()
    return files
