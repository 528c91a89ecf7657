"""Sealing personal data: AES-256-GCM per case, before hashing (docs/architecture.md §7, ADR 0011).

A sealed value is a string ``enc:v1:<scope>:<base64url(nonce || ciphertext || tag)>``. The scope
is the key's owner, the event's subject (a case id, or a registry stream's name); it is also the
associated data, so a value sealed for one case never opens under another case's key. Everything
here is pure: the keys come from the keyring (``noncoop_shared.privacy.keyring``).

A string without the prefix is plaintext: events recorded before sealing existed stay readable.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SEALED_PREFIX = "enc:v1:"
ERASED = "[erased]"
"""What a reader sees in place of a value whose case key was erased (or cannot open it)."""

KEY_BYTES = 32
_NONCE_BYTES = 12
_AAD_PREFIX = b"noncoop-personal-data-v1|"


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(SEALED_PREFIX)


def scope_of(sealed: str) -> str | None:
    """The scope a sealed value names, or ``None`` if it is not a well-formed sealed value."""
    scope, sep, _ = sealed[len(SEALED_PREFIX) :].rpartition(":")
    return scope if sep and scope else None


def seal(key: bytes, scope: str, plaintext: str) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), _aad(scope))
    body = base64.urlsafe_b64encode(nonce + ciphertext).rstrip(b"=").decode("ascii")
    return f"{SEALED_PREFIX}{scope}:{body}"


def open_sealed(key: bytes | None, sealed: str) -> str | None:
    """The plaintext, or ``None`` when the key is gone or is not the one that sealed it."""
    scope = scope_of(sealed)
    if key is None or scope is None:
        return None
    body = sealed.rpartition(":")[2]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        plain = AESGCM(key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], _aad(scope))
    except (InvalidTag, ValueError, binascii.Error):
        return None
    return plain.decode("utf-8")


def _aad(scope: str) -> bytes:
    return _AAD_PREFIX + scope.encode("utf-8")


def seal_payload(data: dict[str, Any], paths: list[str], key: bytes, scope: str) -> dict[str, Any]:
    """A copy of an event's JSON payload with every value at ``paths`` sealed for ``scope``.

    ``paths`` are ``personal_data_paths`` of the payload model. A value already sealed under this
    scope's key (copied from an earlier event) is kept as is; anything else is plaintext, sealed
    here, so a client cannot slip a value sealed for another case into this one.
    """

    def seal_one(value: str) -> str:
        if is_sealed(value) and scope_of(value) == scope and open_sealed(key, value) is not None:
            return value
        return seal(key, scope, value)

    result = data
    for path in paths:
        result = _map_at(result, path.split("."), seal_one)
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


_TOKEN = re.compile(r"enc:v1:([^\s:\"]+):([A-Za-z0-9_-]+)")
"""A sealed value, alone or quoted inside a text (a refusal's detail naming a focal point)."""


def sealed_scopes(node: Any) -> set[str]:
    """Every scope named by a sealed value anywhere in a JSON value."""
    if isinstance(node, str):
        return {m.group(1) for m in _TOKEN.finditer(node)} if SEALED_PREFIX in node else set()
    if isinstance(node, dict):
        return set().union(*(sealed_scopes(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(sealed_scopes(v) for v in node)) if node else set()
    return set()


def reveal(node: Any, keys: Mapping[str, bytes]) -> Any:
    """A copy of a JSON value with each sealed value opened, or :data:`ERASED` if it cannot be."""
    if isinstance(node, str):
        return _reveal_text(node, keys) if SEALED_PREFIX in node else node
    if isinstance(node, dict):
        return {k: reveal(v, keys) for k, v in node.items()}
    if isinstance(node, list):
        return [reveal(v, keys) for v in node]
    return node


def _reveal_text(text: str, keys: Mapping[str, bytes]) -> str:
    def opened(match: re.Match[str]) -> str:
        plain = open_sealed(keys.get(match.group(1)), match.group(0))
        return ERASED if plain is None else plain

    revealed = _TOKEN.sub(opened, text)
    # A whole value that claims to be sealed but is not well formed is not shown either.
    return ERASED if revealed.startswith(SEALED_PREFIX) else revealed
