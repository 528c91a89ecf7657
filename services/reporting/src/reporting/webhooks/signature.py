"""Standard Webhooks signatures (https://www.standardwebhooks.com/).

The secret is ``whsec_`` and the base64 of random bytes, which are the HMAC key; each request
carries ``webhook-id``, ``webhook-timestamp`` (Unix seconds) and ``webhook-signature``:
``v1,`` and the base64 of HMAC-SHA256 over ``{id}.{timestamp}.{body}``. Any library of the
specification verifies them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

SECRET_PREFIX = "whsec_"  # noqa: S105 - the specification's prefix, not a secret
SECRET_BYTES = 32
"""Within the specification's 24 to 64 bytes."""


def new_secret() -> bytes:
    return os.urandom(SECRET_BYTES)


def secret_text(key: bytes) -> str:
    """The secret as the specification writes it (shown once, at creation)."""
    return SECRET_PREFIX + base64.b64encode(key).decode("ascii")


def sign(key: bytes, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(key: bytes, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(key, message_id, timestamp, body),
    }
