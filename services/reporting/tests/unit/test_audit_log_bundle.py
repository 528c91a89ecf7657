"""The audit log without I/O: which records become leaves, and the files of a case's bundle,
which the stand-alone ``tools/verify_bundle.py`` accepts."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.audit.merkle import record_leaf_hash, root_of_hashes
from noncoop_shared.audit.signed_note import open_note, vkey_of
from noncoop_shared.audit.tlog_checkpoint import parse_checkpoint_text
from reporting.domain.bundle import BundleError, BundleSource, bundle_files
from reporting.domain.tlog import (
    Leaf,
    Member,
    StoredCheckpoint,
    TlogError,
    advanced,
    checkpoint_note,
    new_leaves,
    signed_root,
)

TOOL = Path(__file__).resolve().parents[4] / "tools" / "verify_bundle.py"
ORIGIN = "audit.example/log"
SEALED_AT = datetime(2026, 12, 6, tzinfo=UTC)
KEY = Ed25519PrivateKey.generate()


def record(event_id: uuid.UUID, subject: str) -> bytes:
    return json.dumps({"id": str(event_id), "subject": subject, "note": "caf\u00e9"}).encode()


def log_of(subjects: list[str]) -> tuple[list[Member], dict[tuple[int, int], bytes]]:
    members, values = [], {}
    for offset, subject in enumerate(subjects):
        member = Member(uuid.uuid4(), subject, 0, offset)
        members.append(member)
        values[(0, offset)] = record(member.event_id, subject)
    return members, values


def note_of(hashes: list[bytes]) -> str:
    return checkpoint_note(ORIGIN, len(hashes), root_of_hashes(hashes), KEY)


def checkpoint(leaves: list[Leaf]) -> StoredCheckpoint:
    note = note_of([x.leaf_hash for x in leaves])
    return StoredCheckpoint(len(leaves), {"0": len(leaves)}, SEALED_AT, note)


def source(case_id: str) -> tuple[BundleSource, dict[tuple[int, int], bytes]]:
    members, values = log_of(["A", "B", "A", "registry", "B", "A", "A"])
    first = new_leaves(members[:3], values, 0)
    leaves = first + new_leaves(members[3:], values, 3)
    events = [(x, values[(x.partition, x.offset)]) for x in leaves if x.subject == case_id]
    return (
        BundleSource(
            case_id,
            vkey_of(ORIGIN, KEY.public_key()),
            checkpoint(leaves),
            checkpoint(first),
            [x.leaf_hash for x in leaves],
            events,
        ),
        values,
    )


def test_leaves_are_the_records_bytes_hashed_and_numbered_after_the_tree() -> None:
    members, values = log_of(["A", "B"])
    leaves = new_leaves(members, values, 5)
    assert [x.index for x in leaves] == [5, 6]
    assert [x.leaf_hash for x in leaves] == [record_leaf_hash(values[(0, i)]) for i in (0, 1)]


def test_a_record_missing_or_holding_another_event_stops_the_seal() -> None:
    members, values = log_of(["A", "B"])
    with pytest.raises(TlogError, match="is not event"):
        new_leaves(members, {(0, 0): values[(0, 1)], (0, 1): values[(0, 1)]}, 0)
    with pytest.raises(TlogError, match="no record"):
        new_leaves(members, {(0, 0): values[(0, 0)]}, 0)


def test_a_seal_position_never_goes_back() -> None:
    assert advanced({"0": 5, "2": 1}, {"0": 3, "1": 4}) == {"0": 5, "1": 4, "2": 1}


def test_the_note_is_a_c2sp_checkpoint_signed_by_the_key_named_after_the_origin() -> None:
    members, values = log_of(["A"])
    leaf = new_leaves(members, values, 0)[0]
    note = note_of([leaf.leaf_hash])
    text = open_note(note, vkey_of(ORIGIN, KEY.public_key()))
    parsed = parse_checkpoint_text(text)
    assert (parsed.origin, parsed.size, parsed.root, parsed.extensions) == (
        ORIGIN,
        1,
        leaf.leaf_hash,
        (),
    )
    assert signed_root(note) == leaf.leaf_hash  # read back as a seal reads the last one


def test_a_cases_bundle_holds_its_records_only_and_the_verifier_accepts_it(
    tmp_path: Path,
) -> None:
    bundle, values = source("A")
    files = bundle_files(bundle)
    assert files["events.jsonl"] == b"".join(values[(0, o)] + b"\n" for o in (0, 2, 5, 6))
    proofs = [json.loads(line) for line in files["proofs.jsonl"].splitlines()]
    assert [(p["leaf_index"], p["tree_size"]) for p in proofs] == [(0, 7), (2, 7), (5, 7), (6, 7)]
    assert json.loads(files["consistency.json"])["old_checkpoint"] == "checkpoint-3.note"
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    result = subprocess.run(
        [sys.executable, str(TOOL), str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: 4 events in audit.example/log at size 7, consistent with" in result.stdout


def test_no_consistency_proof_without_an_older_non_empty_checkpoint() -> None:
    bundle, _ = source("B")
    empty = StoredCheckpoint(0, {}, SEALED_AT, note_of([]))
    for previous in (None, empty):
        files = bundle_files(BundleSource(**{**bundle.__dict__, "previous": previous}))
        assert set(files) == {"vkey.txt", "checkpoint.note", "events.jsonl", "proofs.jsonl"}


def test_nothing_sealed_or_a_record_not_the_sealed_bytes_is_no_bundle() -> None:
    bundle, _ = source("A")
    with pytest.raises(BundleError, match="no event sealed"):
        bundle_files(BundleSource(**{**bundle.__dict__, "events": []}))
    leaf, value = bundle.events[0]
    altered = [(leaf, value.replace(b"caf", b"cab")), *bundle.events[1:]]
    with pytest.raises(BundleError, match="is not the bytes sealed as leaf 0"):
        bundle_files(BundleSource(**{**bundle.__dict__, "events": altered}))


def test_stored_leaves_that_do_not_give_the_signed_root_are_no_bundle() -> None:
    bundle, _ = source("A")
    hashes = list(bundle.leaf_hashes)
    hashes[3] = bytes(32)
    with pytest.raises(BundleError, match="do not give the root signed at size 7"):
        bundle_files(BundleSource(**{**bundle.__dict__, "leaf_hashes": hashes}))
