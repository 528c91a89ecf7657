#!/usr/bin/env python3
"""Check a noncoop audit bundle with nothing but Python's standard library and ``cryptography``.

Why a separate script: an auditor must not have to trust this project's code to check this
project's log. This file imports nothing from the repository; it re-implements, in a few lines
each, the public formats the bundle is written in:

* C2SP signed notes with Ed25519 keys (https://c2sp.org/signed-note);
* C2SP tlog-checkpoint note texts (https://c2sp.org/tlog-checkpoint);
* RFC 9162 Merkle inclusion proofs (§2.1.3.2) and consistency proofs (§2.1.4.2), with
  ``leaf = SHA-256(0x00 || data)`` and ``node = SHA-256(0x01 || left || right)``.

A bundle directory holds::

    vkey.txt          the log's verifier key, <name>+<key ID hex>+<base64(0x01 || public key)>
    checkpoint.note   a signed note by that key whose text is a tlog-checkpoint
    events.jsonl      one event per line: the line's bytes (without the "\\n") are the leaf data
    proofs.jsonl      per event, same order: {"leaf_index": i, "tree_size": N, "inclusion": [hex]}
    consistency.json  optional: {"old_checkpoint": "<file in the bundle>", "proof": [hex]}

Usage: ``python verify_bundle.py <bundle-dir> [--vkey <file>]``. Prints one line per check, then
``OK: ...`` (exit 0) or ``FAILED: <reason>`` (exit 1); usage errors exit 2.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import hmac
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

EM_DASH = "\u2014 "
HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


class BundleError(Exception):
    """A check that did not hold; the message names the file (and line) and the reason."""


# RFC 9162 §2.1: the Merkle tree hash.


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def inclusion_root(data: bytes, index: int, size: int, proof: Sequence[bytes]) -> bytes | None:
    """RFC 9162 §2.1.3.2: the root the inclusion proof leads to, or None."""
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf_hash(data)
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def consistent(old: int, new: int, old_root: bytes, new_root: bytes, proof: list[bytes]) -> bool:
    """RFC 9162 §2.1.4.2, plus the trivial cases of equal sizes and of the empty old tree."""
    if old > new:
        return False
    if old == new:
        return not proof and hmac.compare_digest(old_root, new_root)
    if old == 0:
        return not proof and old_root == hashlib.sha256(b"").digest()
    if not proof:
        return False
    path = [old_root, *proof] if old & (old - 1) == 0 else list(proof)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and hmac.compare_digest(fr, old_root) and hmac.compare_digest(sr, new_root)


# c2sp.org/signed-note with Ed25519 (signature type 0x01).


@dataclass(frozen=True)
class VerifierKey:
    name: str
    key_id: bytes
    public_key: bytes


def valid_name(name: str) -> bool:
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n\x01" + public_key).digest()[:4]


def b64(text: str) -> bytes | None:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True) if text else None
    except (binascii.Error, UnicodeEncodeError):
        return None


def parse_vkey(text: str, where: str) -> VerifierKey:
    parts = text.strip().split("+", 2)
    if len(parts) != 3 or not re.fullmatch(r"[0-9a-fA-F]{8}", parts[1]):
        raise BundleError(f"{where}: not a verifier key <name>+<8 hex digits>+<base64 key>")
    name, id_hex, encoded = parts
    key = b64(encoded)
    if not valid_name(name) or key is None or len(key) != 33 or key[0] != 0x01:
        raise BundleError(f"{where}: not an Ed25519 verifier key")
    if key_id(name, key[1:]) != bytes.fromhex(id_hex):
        raise BundleError(f"{where}: the key ID does not match the name and key")
    return VerifierKey(name, bytes.fromhex(id_hex), key[1:])


def note_parts(note: str, where: str) -> tuple[str, list[tuple[str, bytes, bytes]]]:
    """The text and the (name, key ID, signature) of each signature line."""
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise BundleError(f"{where}: malformed note (control character)")
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n") or split + 2 >= len(note):
        raise BundleError(f"{where}: malformed note (no blank line followed by signature lines)")
    text, lines = note[: split + 1], note[split + 2 : -1].split("\n")
    if len(lines) > 100:
        raise BundleError(f"{where}: malformed note (more than 100 signatures)")
    signatures = []
    for number, line in enumerate(lines, start=1):
        name, _, encoded = line.removeprefix(EM_DASH).partition(" ")
        blob = b64(encoded)
        if not line.startswith(EM_DASH) or not valid_name(name) or blob is None or len(blob) < 5:
            raise BundleError(f"{where}: malformed note (signature line {number})")
        signatures.append((name, blob[:4], blob[4:]))
    return text, signatures


def open_note(path: Path, key: VerifierKey) -> str:
    """The note's text, if the first signature line by ``key`` verifies."""
    try:
        note = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise BundleError(f"{path.name}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise BundleError(f"{path.name}: malformed note (not UTF-8)") from exc
    text, signatures = note_parts(note, path.name)
    for name, kid, signature in signatures:
        if (name, kid) == (key.name, key.key_id):
            try:
                Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, text.encode())
            except (InvalidSignature, ValueError) as exc:
                raise BundleError(
                    f"{path.name}: the signature by {key.name} does not verify"
                ) from exc
            return text
    raise BundleError(f"{path.name}: no signature by {key.name}+{key.key_id.hex()}")


# c2sp.org/tlog-checkpoint.


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes


def parse_checkpoint(text: str, where: str) -> Checkpoint:
    lines = text[:-1].split("\n")
    if len(lines) < 3 or not all(lines):
        raise BundleError(f"{where}: not a checkpoint (origin, size, root on non-empty lines)")
    origin, size, root_b64 = lines[:3]
    if not re.fullmatch(r"0|[1-9][0-9]*", size):
        raise BundleError(f"{where}: line 2: tree size {size!r} is not a decimal without leading 0")
    root = b64(root_b64)
    if root is None or len(root) != 32 or base64.b64encode(root).decode() != root_b64:
        raise BundleError(f"{where}: line 3: the root is not base64 of 32 bytes")
    return Checkpoint(origin, int(size), root)


# The bundle.


def hex_digests(value: Any, where: str) -> list[bytes]:
    if not isinstance(value, list) or not all(
        isinstance(h, str) and HEX_DIGEST.fullmatch(h) for h in value
    ):
        raise BundleError(f"{where}: a proof is a list of 64-digit lower-case hex hashes")
    return [bytes.fromhex(h) for h in value]


def read_lines(path: Path) -> list[bytes]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"{path.name}: cannot read ({exc.strerror})") from exc
    if data and not data.endswith(b"\n"):
        raise BundleError(f"{path.name}: the last line does not end in a newline")
    return data.split(b"\n")[:-1]


def read_json(raw: bytes, where: str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise BundleError(f"{where}: not JSON") from exc


def load_checkpoint(path: Path, key: VerifierKey) -> Checkpoint:
    checkpoint = parse_checkpoint(open_note(path, key), path.name)
    print(f"{path.name}: signed by {key.name}; origin {checkpoint.origin}, size {checkpoint.size}")
    return checkpoint


def int_field(proof: Any, field: str, where: str) -> int:
    value = proof.get(field) if isinstance(proof, dict) else None
    if not isinstance(value, int) or isinstance(value, bool):
        raise BundleError(f"{where}: {field!r} must be an integer")
    return value


def check_event(data: bytes, proof: Any, number: int, checkpoint: Checkpoint) -> int:
    where = f"proofs.jsonl line {number}"
    index = int_field(proof, "leaf_index", where)
    if int_field(proof, "tree_size", where) != checkpoint.size:
        raise BundleError(f"{where}: tree_size is not the checkpoint's size {checkpoint.size}")
    path = hex_digests(proof.get("inclusion"), where)
    root = inclusion_root(data, index, checkpoint.size, path)
    if root is None or not hmac.compare_digest(root, checkpoint.root):
        raise BundleError(
            f"events.jsonl line {number}: not included at leaf {index} of the checkpoint's tree "
            f"(the event or {where} was altered)"
        )
    return index


def check_events(bundle: Path, checkpoint: Checkpoint) -> int:
    events = read_lines(bundle / "events.jsonl")
    proofs = read_lines(bundle / "proofs.jsonl")
    if len(events) != len(proofs):
        raise BundleError(
            f"proofs.jsonl: {len(proofs)} lines for {len(events)} events in events.jsonl"
        )
    last = -1
    for number, (data, raw) in enumerate(zip(events, proofs, strict=True), start=1):
        index = check_event(data, read_json(raw, f"proofs.jsonl line {number}"), number, checkpoint)
        if index <= last:
            raise BundleError(f"proofs.jsonl line {number}: leaf indices must increase (log order)")
        last = index
    print(f"events.jsonl: {len(events)} events, each included in the checkpoint's tree")
    return len(events)


def check_consistency(bundle: Path, key: VerifierKey, checkpoint: Checkpoint) -> str:
    path = bundle / "consistency.json"
    try:
        claim = read_json(path.read_bytes(), path.name)
    except OSError as exc:
        raise BundleError(f"{path.name}: cannot read ({exc.strerror})") from exc
    name = claim.get("old_checkpoint") if isinstance(claim, dict) else None
    if not isinstance(name, str) or not name or Path(name).name != name or name in (".", ".."):
        raise BundleError(f"{path.name}: 'old_checkpoint' must name a file in the bundle")
    proof = hex_digests(claim.get("proof"), path.name)
    old = load_checkpoint(bundle / name, key)
    if old.origin != checkpoint.origin:
        raise BundleError(f"{path.name}: {name} is from another log ({old.origin})")
    if not consistent(old.size, checkpoint.size, old.root, checkpoint.root, proof):
        raise BundleError(
            f"{path.name}: the proof does not show {name} is a prefix of checkpoint.note"
        )
    print(f"{path.name}: {name} (size {old.size}) is a prefix of checkpoint.note")
    return f", consistent with {name}"


def verify(bundle: Path, vkey_path: Path) -> str:
    try:
        vkey_text = vkey_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleError(f"{vkey_path.name}: cannot read a verifier key") from exc
    key = parse_vkey(vkey_text, vkey_path.name)
    print(f"{vkey_path.name}: verifier key {key.name}+{key.key_id.hex()}")
    checkpoint = load_checkpoint(bundle / "checkpoint.note", key)
    count = check_events(bundle, checkpoint)
    extra = ""
    if (bundle / "consistency.json").exists():
        extra = check_consistency(bundle, key, checkpoint)
    return f"{count} events in {checkpoint.origin} at size {checkpoint.size}{extra}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check a noncoop audit bundle.")
    parser.add_argument("bundle", type=Path, help="the bundle directory")
    parser.add_argument("--vkey", type=Path, help="verifier key file (default: <bundle>/vkey.txt)")
    args = parser.parse_args(argv)
    if not args.bundle.is_dir():
        parser.error(f"{args.bundle} is not a directory")
    try:
        summary = verify(args.bundle, args.vkey or args.bundle / "vkey.txt")
    except BundleError as failure:
        print(f"FAILED: {failure}")
        return 1
    print(f"OK: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
