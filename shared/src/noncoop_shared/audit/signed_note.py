"""C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys.

Why this format: a signed note is what transparency logs publish their checkpoints in (Go's
``golang.org/x/mod/sumdb/note``, transparency-dev, Sigstore, witnesses). An auditor who holds our
verifier key can check our checkpoints with any of those tools, or with the few lines of
``tools/verify_bundle.py``, without trusting code from this project.

The format (signed-note §Format, §Signatures, §Ed25519 signatures)::

    <text, ending in a newline>
    <blank line>
    — <key name> <base64(key ID (4 bytes, big-endian) || Ed25519 signature (64 bytes))>
    ...

* the signature is over the text, final newline included; the text is separated from the
  signature lines by the *last* blank line of the note;
* notes are valid UTF-8 with no ASCII control character but the newline;
* key names are non-empty, with no Unicode space and no ``+``;
* ``key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]``;
* verifier keys read ``<name>+<key ID, 8 hex digits>+<base64(0x01 || public key)>`` and signer
  keys ``PRIVATE+KEY+<name>+<key ID>+<base64(0x01 || 32-byte seed)>`` (the Go encodings).

Verification follows the spec and Go's ``note.Open``: signature lines by other keys (another
name, or another key ID) are ignored; the first line by the trusted key must verify, or the whole
note is rejected; more than 100 signature lines make the note malformed.

Pure: no I/O.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ED25519 = 0x01
"""The signature type identifier byte of Ed25519 (signed-note §Signature types)."""

MAX_SIGNATURES = 100
"""More signature lines than this make a note malformed (the spec asks for at least 16)."""

SIGNATURE_PREFIX = "\u2014 "
"""Em dash and space: how every signature line starts."""

_PRIVATE_PREFIX = "PRIVATE+KEY+"
_KEY_ID = re.compile(r"[0-9a-fA-F]{8}")
_KEY_SIZE = 32
_SIGNATURE_SIZE = 64


class NoteError(ValueError):
    """A note, key or signature that does not hold, with the reason in the message."""


@dataclass(frozen=True)
class VerifierKey:
    """A parsed verifier key: who signs (``name``), the 4-byte ``key_id``, the public key."""

    name: str
    key_id: bytes
    public_key: bytes

    def __str__(self) -> str:
        return f"{self.name}+{self.key_id.hex()}"


def is_valid_key_name(name: str) -> bool:
    """Non-empty, no Unicode space, no ``+`` (signed-note §Format), no control character."""
    return (
        bool(name)
        and "+" not in name
        and not any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in name)
    )


def key_id(name: str, public_key: bytes) -> bytes:
    """``SHA-256(name || 0x0A || 0x01 || public key)[:4]`` (signed-note §Ed25519 signatures)."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([ED25519]) + public_key).digest()[:4]


def _raw_public(public_key: Ed25519PublicKey | bytes) -> bytes:
    if isinstance(public_key, Ed25519PublicKey):
        return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if len(public_key) != _KEY_SIZE:
        raise NoteError(f"an Ed25519 public key is {_KEY_SIZE} bytes, not {len(public_key)}")
    return bytes(public_key)


def _raw_seed(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _check_name(name: str) -> None:
    if not is_valid_key_name(name):
        raise NoteError(f"invalid key name {name!r}: it must be non-empty, without spaces or '+'")


def vkey_of(name: str, public_key: Ed25519PublicKey | bytes) -> str:
    """The verifier key string ``<name>+<key ID hex>+<base64(0x01 || public key)>``."""
    _check_name(name)
    raw = _raw_public(public_key)
    encoded = base64.b64encode(bytes([ED25519]) + raw).decode()
    return f"{name}+{key_id(name, raw).hex()}+{encoded}"


def skey_of(name: str, private_key: Ed25519PrivateKey) -> str:
    """The signer key string ``PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || seed)>``."""
    _check_name(name)
    public = _raw_public(private_key.public_key())
    encoded = base64.b64encode(bytes([ED25519]) + _raw_seed(private_key)).decode()
    return f"{_PRIVATE_PREFIX}{name}+{key_id(name, public).hex()}+{encoded}"


def _b64(text: str) -> bytes | None:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True) if text else None
    except (binascii.Error, UnicodeEncodeError):
        return None


def _split_key(text: str, what: str) -> tuple[str, bytes, bytes]:
    """``<name>+<key ID hex>+<base64(0x01 || 32 bytes)>`` -> name, key ID, the 32 bytes."""
    parts = text.split("+", 2)
    if len(parts) != 3 or not _KEY_ID.fullmatch(parts[1]):
        raise NoteError(f"malformed {what}: expected <name>+<8 hex digits>+<base64 key>")
    name, id_hex, encoded = parts
    _check_name(name)
    key = _b64(encoded)
    if key is None or len(key) != 1 + _KEY_SIZE:
        raise NoteError(f"malformed {what}: the key is not base64 of 33 bytes")
    if key[0] != ED25519:
        raise NoteError(f"unsupported {what}: signature type {key[0]:#04x} is not Ed25519 (0x01)")
    return name, bytes.fromhex(id_hex), key[1:]


def parse_vkey(text: str) -> VerifierKey:
    """Parse a verifier key string; ``NoteError`` if malformed or its key ID does not match."""
    name, claimed, public = _split_key(text.strip(), "verifier key")
    if claimed != key_id(name, public):
        raise NoteError("malformed verifier key: the key ID does not match the name and key")
    return VerifierKey(name=name, key_id=claimed, public_key=public)


def parse_skey(text: str) -> tuple[str, Ed25519PrivateKey]:
    """Parse a signer key string into its name and private key (``NoteError`` if malformed)."""
    text = text.strip()
    if not text.startswith(_PRIVATE_PREFIX):
        raise NoteError(f"malformed signer key: it must start with {_PRIVATE_PREFIX!r}")
    name, claimed, seed = _split_key(text.removeprefix(_PRIVATE_PREFIX), "signer key")
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    if claimed != key_id(name, _raw_public(private_key.public_key())):
        raise NoteError("malformed signer key: the key ID does not match the name and key")
    return name, private_key


def _check_characters(text: str, what: str) -> None:
    """Valid UTF-8 (no lone surrogates) and no ASCII control character but the newline."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise NoteError(f"malformed note: {what} is not valid UTF-8") from exc
    for c in text:
        if ord(c) < 0x20 and c != "\n":
            raise NoteError(f"malformed note: {what} holds control character {ord(c):#04x}")


def sign_note(text: str, name: str, private_key: Ed25519PrivateKey) -> str:
    """The signed note: ``text``, a blank line, and one signature line by ``name``'s key."""
    _check_name(name)
    _check_characters(text, "the text")
    if not text.endswith("\n"):
        raise NoteError("malformed note: the text must end in a newline")
    public = _raw_public(private_key.public_key())
    signature = private_key.sign(text.encode())
    blob = base64.b64encode(key_id(name, public) + signature).decode()
    return f"{text}\n{SIGNATURE_PREFIX}{name} {blob}\n"


@dataclass(frozen=True)
class _SignatureLine:
    name: str
    key_id: bytes
    signature: bytes


def _parse_signature_line(line: str) -> _SignatureLine:
    if not line.startswith(SIGNATURE_PREFIX):
        raise NoteError(f"malformed note: signature line {line!r} does not start with an em dash")
    name, _, encoded = line.removeprefix(SIGNATURE_PREFIX).partition(" ")
    blob = _b64(encoded)
    if not is_valid_key_name(name) or blob is None or len(blob) < 5:
        raise NoteError(f"malformed note: bad signature line {line!r}")
    return _SignatureLine(name=name, key_id=blob[:4], signature=blob[4:])


def _split_note(note: str) -> tuple[str, list[_SignatureLine]]:
    """The text (with its final newline) and the signature lines, or ``NoteError``."""
    _check_characters(note, "the note")
    split = note.rfind("\n\n")
    if split < 0:
        raise NoteError("malformed note: no blank line between the text and the signatures")
    text, signatures = note[: split + 1], note[split + 2 :]
    if not signatures.endswith("\n"):
        raise NoteError("malformed note: no signature lines, or the last one has no newline")
    lines = signatures[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError(f"malformed note: more than {MAX_SIGNATURES} signature lines")
    return text, [_parse_signature_line(line) for line in lines]


def _verifies(key: VerifierKey, text: str, signature: bytes) -> bool:
    if len(signature) != _SIGNATURE_SIZE:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, text.encode())
    except (InvalidSignature, ValueError):
        return False
    return True


def open_note(note: str | bytes, vkey: str | VerifierKey) -> str:
    """The text of ``note`` if it carries a valid signature by ``vkey``; else ``NoteError``.

    Signature lines by other keys (another name or another key ID) are ignored; the first line by
    this key decides: if it does not verify the note is rejected.
    """
    key = vkey if isinstance(vkey, VerifierKey) else parse_vkey(vkey)
    if isinstance(note, bytes):
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NoteError("malformed note: the note is not valid UTF-8") from exc
    text, lines = _split_note(note)
    for line in lines:
        if line.name == key.name and line.key_id == key.key_id:
            if not _verifies(key, text, line.signature):
                raise NoteError(f"invalid signature by key {key}")
            return text
    raise NoteError(f"no signature by key {key}")
