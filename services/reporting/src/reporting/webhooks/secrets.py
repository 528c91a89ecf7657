"""Subscription secrets at rest: sealed with AES-256-GCM under a data key of the keyring.

The worker must sign with the secret itself, so it cannot be stored as a hash. The keyring's
data key is wrapped by the deployment's master key (ADR 0011), rotates with it, and lives in
another database than reporting's own, so a copy of reporting's tables alone opens no secret.
The associated data binds each sealed secret to its subscription: moved to another row, it
does not open.
"""

from __future__ import annotations

import os
from uuid import UUID

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_SCOPE = "reporting:webhook-secrets"
"""The keyring scope of the secrets' data key (no case id has this form)."""
_NONCE_BYTES = 12


class SecretBox:
    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, subscription: UUID, secret: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, secret, _aad(subscription))

    def open(self, subscription: UUID, sealed: bytes) -> bytes:
        return self._aead.decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], _aad(subscription))


def _aad(subscription: UUID) -> bytes:
    return b"noncoop-webhook-secret-v1|" + str(subscription).encode()
