"""The feed's cursor: per partition of the log, the next offset to read, sealed.

The positions are compact JSON (``{"v":1,"o":{"<partition>":<next offset>}}``), sealed with
AES-256-GCM under a data key of the keyring and written as base64url without padding. Sealed
because an offset counts every record of its partition, the ones the caller may not read too:
a reader paging through a partition holding few cases would learn when hidden events happened
(ADR 0035). A fresh nonce each time, so two cursors of one position differ and a long-poll that
only moved past hidden events tells nothing. Bound to the topic by the associated data: a cursor
of another deployment does not open. Padded to a multiple of :data:`PAD_TO` bytes before sealing,
since AES-GCM keeps the plaintext's length: a cursor that grew when an offset gained a digit, or
when a partition got its first record, would tell a reader that hidden events had landed.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

Positions = Mapping[int, int]
"""Per partition, the next offset to read; a partition not named is read from offset 0."""

KEY_SCOPE = "reporting:feed-cursor"
"""The keyring scope of the cursor's data key (no case id has this form)."""
MAX_CURSOR_CHARS = 4096
_NONCE_BYTES = 12
_VERSION = 1
PAD_TO = 512
"""Bytes the positions' JSON is padded to (with spaces, which JSON ignores): room for 24
partitions at offsets of 13 digits in one size, so every cursor of a usual topic has the same
length."""


class MalformedCursorError(ValueError):
    """The text is not a cursor this deployment made."""


class CursorSeal:
    """Seals and opens cursors with one key, for one topic."""

    def __init__(self, key: bytes, topic: str) -> None:
        self._aead = AESGCM(key)
        self._aad = f"noncoop-feed-cursor-v{_VERSION}|{topic}".encode()

    def seal(self, positions: Positions) -> str:
        plain = json.dumps(
            {"v": _VERSION, "o": {str(p): o for p, o in sorted(positions.items())}},
            separators=(",", ":"),
        ).encode()
        plain += b" " * (-len(plain) % PAD_TO)
        nonce = os.urandom(_NONCE_BYTES)
        sealed = nonce + self._aead.encrypt(nonce, plain, self._aad)
        return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")

    def open(self, text: str) -> dict[int, int]:
        """The positions ``text`` holds; :class:`MalformedCursorError` when it holds none."""
        if not text:
            return {}
        if len(text) > MAX_CURSOR_CHARS:
            raise MalformedCursorError("longer than any cursor")
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            plain = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], self._aad)
            body = json.loads(plain)
        except (binascii.Error, ValueError, InvalidTag) as error:
            raise MalformedCursorError("not a cursor of this feed") from error
        if not isinstance(body, dict) or body.get("v") != _VERSION:
            raise MalformedCursorError("not a cursor of this feed")
        return {int(p): int(o) for p, o in body["o"].items()}
