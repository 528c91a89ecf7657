"""Sealing personal data: AES-256-GCM per case, before hashing (docs/architecture.md §7, ADR 0011,
ADR 0022).

A sealed value is a string ``enc:v2:<scope>:<field>:<base64url(nonce || ciphertext || tag)>``. The
scope is the key's owner, the event's subject (a case id, or a registry stream's name); the field
is the name of the personal-data field it was sealed for. Both are the associated data, so a value
opens only as that field of that case: copied into another case, or into another field of the same
case, it does not open. The labels are also written in clear, so the store can re-seal a value it
read back itself when a new event copies it into another field (``seal_payload``).

Values sealed before ADR 0022 (``enc:v1:<scope>:<body>``) bind the scope only; they are opened only
in a declared field of a record of that very scope, never anywhere else.

A value is opened only where a view declares it personal (``open_declared``), with the key of the
case the record belongs to, never the one the value names. Everywhere else a value that looks
sealed is text and is shown verbatim. Everything here is pure: keys come from the keyring.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SEALED_PREFIX = "enc:v2:"
LEGACY_SEALED_PREFIX = "enc:v1:"
ERASED = "[erased]"
"""What a reader sees in place of a value whose case key was erased."""

KEY_BYTES = 32
_NONCE_BYTES = 12
_TAG_BYTES = 16
_AAD_V1 = b"noncoop-personal-data-v1|"
_AAD_V2 = b"noncoop-personal-data-v2|"

MAX_PLAINTEXT_CHARS = 300
"""The longest plaintext of any personal-data field (each field's ``max_length``; a unit test
holds every catalogue field to it). Bounds what a stored sealed value may be."""
MAX_SCOPE_CHARS = 200
MAX_FIELD_CHARS = 64
MAX_SEALED_CHARS = (
    len(SEALED_PREFIX)
    + MAX_SCOPE_CHARS
    + 1
    + MAX_FIELD_CHARS
    + 1
    + -(-(_NONCE_BYTES + 4 * MAX_PLAINTEXT_CHARS + _TAG_BYTES) * 4 // 3)
)
"""The longest well-formed sealed value: the ciphertext of the longest plaintext (four UTF-8 bytes
a character at most) with its labels. A stored value longer than this was not sealed here."""


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


@dataclass(frozen=True)
class SealedParts:
    version: int
    scope: str
    field: str | None
    body: str


def parse_sealed(value: object) -> SealedParts | None:
    """The parts of a well-formed sealed value, or ``None`` for anything else (text)."""
    if not isinstance(value, str) or len(value) > MAX_SEALED_CHARS:
        return None
    if value.startswith(SEALED_PREFIX):
        labels, sep, body = value[len(SEALED_PREFIX) :].rpartition(":")
        scope, sep2, field = labels.rpartition(":")
        if sep and sep2 and scope and field and body:
            return SealedParts(2, scope, field, body)
    elif value.startswith(LEGACY_SEALED_PREFIX):
        scope, sep, body = value[len(LEGACY_SEALED_PREFIX) :].rpartition(":")
        if sep and scope and body:
            return SealedParts(1, scope, None, body)
    return None


def looks_sealed(value: object) -> bool:
    """Has the shape of a sealed value (whether or not it opens): from a client, it is text."""
    return parse_sealed(value) is not None


def is_sealed(value: object) -> bool:
    return looks_sealed(value)


def seal(key: bytes, scope: str, field: str, plaintext: str) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), _aad_v2(scope, field))
    body = base64.urlsafe_b64encode(nonce + ciphertext).rstrip(b"=").decode("ascii")
    return f"{SEALED_PREFIX}{scope}:{field}:{body}"


def open_sealed(key: bytes | None, sealed: str, *, scope: str, field: str) -> str | None:
    """The plaintext of ``sealed`` as field ``field`` of ``scope``, or ``None`` when the key is
    missing, the value names another scope or field, or the cipher refuses it."""
    parts = parse_sealed(sealed)
    if key is None or parts is None or parts.scope != scope:
        return None
    if parts.version == 2:
        if parts.field != field:
            return None
        aad = _aad_v2(scope, field)
    else:
        aad = _AAD_V1 + scope.encode("utf-8")
    try:
        raw = base64.urlsafe_b64decode(parts.body + "=" * (-len(parts.body) % 4))
        plain = AESGCM(key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], aad)
    except (InvalidTag, ValueError, binascii.Error):
        return None
    return plain.decode("utf-8")


def _aad_v2(scope: str, field: str) -> bytes:
    return _AAD_V2 + scope.encode("utf-8") + b"|" + field.encode("utf-8")


def open_declared(value: str, *, scope: str, field: str, keys: Mapping[str, bytes]) -> str:
    """What a reader sees of ``value`` in a field a view declares personal, for a record of
    ``scope``: the plaintext; :data:`ERASED` when the value was sealed for this field of this
    record and the key that sealed it is gone (erased, or erased and replaced by a new one);
    otherwise the value itself, verbatim (text that looks sealed, or sealed for another record).

    A client cannot forge the erased case: the store seals whatever a client sends, so a stored
    value labelled for this record was sealed here, and opens while its key exists."""
    parts = parse_sealed(value)
    if parts is None or parts.scope != scope or parts.field not in (None, field):
        return value
    plain = open_sealed(keys.get(scope), value, scope=scope, field=field)
    return ERASED if plain is None else plain


def seal_payload(
    data: dict[str, Any],
    paths: list[str],
    key: bytes,
    scope: str,
    read_back: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A copy of an event's JSON payload with every value at ``paths`` sealed for ``scope`` and
    its field (the last step of the path).

    ``paths`` are ``personal_data_paths`` of the payload model. ``read_back`` maps the sealed
    values the service read back from its own store (and copies into this event) to their
    plaintext: one already sealed for this scope and field is kept as is, another is re-sealed.
    Any other value is plaintext, even one that looks sealed: a client never hands in ciphertext.
    """
    opened = read_back or {}

    def sealer(field: str) -> Callable[[str], str]:
        def seal_one(value: str) -> str:
            if value in opened:
                parts = parse_sealed(value)
                if parts and parts.version == 2 and (parts.scope, parts.field) == (scope, field):
                    return value
                return seal(key, scope, field, opened[value])
            return seal(key, scope, field, value)

        return seal_one

    result = data
    for path in paths:
        steps = path.split(".")
        result = _map_at(result, steps, sealer(steps[-1].removesuffix("[]")))
    return result


def _map_at(node: Any, steps: list[str], change: Callable[[str], str]) -> Any:
    """Apply ``change`` to the strings at a dotted path (``name[]`` = every item of a list)."""
    if node is None:
        return None
    if not steps:
        return change(node) if isinstance(node, str) else node
    head, rest = steps[0], steps[1:]
    if not isinstance(node, dict) or head.removesuffix("[]") not in node:
        return node
    name = head.removesuffix("[]")
    copy = dict(node)
    if head.endswith("[]") and isinstance(node[name], list):
        copy[name] = [_map_at(item, rest, change) for item in node[name]]
    else:
        copy[name] = _map_at(node[name], rest, change)
    return copy
