"""The stand-alone bundle checker ``tools/verify_bundle.py``: a bundle written with the library
passes; each kind of tampering is rejected with a reason; and the script imports nothing but the
standard library and ``cryptography``."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.audit.merkle import consistency_proof, inclusion_path, root_of
from noncoop_shared.audit.signed_note import sign_note, vkey_of
from noncoop_shared.audit.tlog_checkpoint import checkpoint_text

TOOL = Path(__file__).resolve().parents[4] / "tools" / "verify_bundle.py"
ORIGIN = "audit.noncoop.example/log"
OLD_SIZE = 7


def events(n: int) -> list[bytes]:
    return [
        json.dumps({"seq": i, "type": "Referred", "note": "caf\u00e9 \u2014 ok"}).encode()
        for i in range(n)
    ]


def signed_checkpoint(leaves: list[bytes], key: Ed25519PrivateKey) -> str:
    return sign_note(checkpoint_text(ORIGIN, len(leaves), root_of(leaves)), ORIGIN, key)


def write_bundle(directory: Path, key: Ed25519PrivateKey, n: int = 13) -> Path:
    leaves = events(n)
    directory.mkdir()
    (directory / "vkey.txt").write_text(vkey_of(ORIGIN, key.public_key()) + "\n")
    (directory / "checkpoint.note").write_text(signed_checkpoint(leaves, key))
    (directory / "old.note").write_text(signed_checkpoint(leaves[:OLD_SIZE], key))
    (directory / "events.jsonl").write_bytes(b"".join(leaf + b"\n" for leaf in leaves))
    proofs = [
        {"leaf_index": i, "tree_size": n, "inclusion": [h.hex() for h in inclusion_path(leaves, i)]}
        for i in range(n)
    ]
    (directory / "proofs.jsonl").write_text("".join(json.dumps(p) + "\n" for p in proofs))
    consistency = {
        "old_checkpoint": "old.note",
        "proof": [h.hex() for h in consistency_proof(leaves, OLD_SIZE)],
    }
    (directory / "consistency.json").write_text(json.dumps(consistency))
    return directory


def run(bundle: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOL), str(bundle), *extra],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def bundle(tmp_path: Path, key: Ed25519PrivateKey) -> Path:
    return write_bundle(tmp_path / "bundle", key)


def failure(bundle: Path, *extra: str) -> str:
    result = run(bundle, *extra)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("FAILED: ")
    return last


def test_an_honest_bundle_passes(bundle: Path) -> None:
    result = run(bundle)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("OK: 13 events")
    assert "consistent with old.note" in lines[-1]
    assert any(line.startswith("consistency.json:") for line in lines)


def test_a_bundle_without_consistency_proof_passes(bundle: Path) -> None:
    (bundle / "consistency.json").unlink()
    assert run(bundle).returncode == 0


def test_a_flipped_byte_in_an_event_is_rejected(bundle: Path) -> None:
    data = bytearray((bundle / "events.jsonl").read_bytes())
    lines = bytes(data).split(b"\n")
    offset = sum(len(line) + 1 for line in lines[:4]) + 3  # a byte of line 5
    data[offset] ^= 0x01
    (bundle / "events.jsonl").write_bytes(bytes(data))
    assert "events.jsonl line 5" in failure(bundle)


def test_two_swapped_hashes_in_an_inclusion_proof_are_rejected(bundle: Path) -> None:
    lines = (bundle / "proofs.jsonl").read_text().splitlines()
    proof = json.loads(lines[2])
    proof["inclusion"][0], proof["inclusion"][1] = proof["inclusion"][1], proof["inclusion"][0]
    lines[2] = json.dumps(proof)
    (bundle / "proofs.jsonl").write_text("\n".join(lines) + "\n")
    message = failure(bundle)
    assert "events.jsonl line 3" in message
    assert "proofs.jsonl line 3" in message


def test_another_key_with_the_same_name_is_rejected(bundle: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-vkey.txt"
    other.write_text(vkey_of(ORIGIN, Ed25519PrivateKey.generate().public_key()))
    message = failure(bundle, "--vkey", str(other))
    assert "checkpoint.note" in message
    assert "no signature" in message


def test_a_checkpoint_with_its_size_changed_is_rejected(bundle: Path) -> None:
    note = (bundle / "checkpoint.note").read_text()
    (bundle / "checkpoint.note").write_text(note.replace("\n13\n", "\n12\n", 1))
    message = failure(bundle)
    assert "checkpoint.note" in message
    assert "does not verify" in message


def test_a_flipped_hash_in_the_consistency_proof_is_rejected(bundle: Path) -> None:
    claim = json.loads((bundle / "consistency.json").read_text())
    first = claim["proof"][0]
    claim["proof"][0] = ("0" if first[0] != "0" else "1") + first[1:]
    (bundle / "consistency.json").write_text(json.dumps(claim))
    message = failure(bundle)
    assert "consistency.json" in message
    assert "prefix" in message


def test_an_old_checkpoint_of_another_history_is_rejected(
    bundle: Path, key: Ed25519PrivateKey
) -> None:
    forked = [b"{}", *events(13)[1:OLD_SIZE]]
    (bundle / "old.note").write_text(signed_checkpoint(forked, key))
    assert "consistency.json" in failure(bundle)


def test_a_missing_proofs_line_is_rejected(bundle: Path) -> None:
    lines = (bundle / "proofs.jsonl").read_text().splitlines()
    (bundle / "proofs.jsonl").write_text("\n".join(lines[:-1]) + "\n")
    assert "proofs.jsonl" in failure(bundle)


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("events.jsonl", b"\xff\xfe", "events.jsonl"),
        ("checkpoint.note", b"\xff\n\n", "checkpoint.note"),
        ("checkpoint.note", b"just text\n", "checkpoint.note"),
        ("vkey.txt", b"nonsense", "vkey.txt"),
        ("consistency.json", b'{"old_checkpoint": "../etc/passwd", "proof": []}', "consistency"),
        ("consistency.json", b"[1, 2", "consistency.json"),
    ],
)
def test_malformed_files_fail_with_a_reason_and_no_traceback(
    bundle: Path, name: str, content: bytes, where: str
) -> None:
    (bundle / name).write_bytes(content)
    assert where in failure(bundle)


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        '{"leaf_index": "0", "tree_size": 13, "inclusion": []}',
        '{"leaf_index": 0, "tree_size": 13, "inclusion": ["zz"]}',
        '{"leaf_index": 0, "tree_size": 12, "inclusion": []}',
        '{"leaf_index": 99, "tree_size": 13, "inclusion": []}',
        "[]",
    ],
)
def test_a_malformed_proofs_line_fails_naming_the_line(bundle: Path, line: str) -> None:
    lines = (bundle / "proofs.jsonl").read_text().splitlines()
    lines[1] = line
    (bundle / "proofs.jsonl").write_text("\n".join(lines) + "\n")
    assert "proofs.jsonl line 2" in failure(bundle)


def test_a_missing_file_fails_with_a_reason(bundle: Path) -> None:
    (bundle / "events.jsonl").unlink()
    assert "events.jsonl: cannot read" in failure(bundle)


def test_a_bundle_that_is_not_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_the_tool_runs_from_a_copy_outside_the_repository(bundle: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "verify_bundle.py"
    copy.parent.mkdir()
    shutil.copy(TOOL, copy)
    result = subprocess.run(
        [sys.executable, "-I", str(copy), str(bundle)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=copy.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_tool_imports_only_the_standard_library_and_cryptography() -> None:
    tree = ast.parse(TOOL.read_text())
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative imports"
            assert node.module is not None
            modules.add(node.module)
    tops = {module.split(".")[0] for module in modules}
    assert tops - sys.stdlib_module_names <= {"cryptography"}, tops
    assert not any(module.startswith("noncoop") for module in modules)
