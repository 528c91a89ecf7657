"""The keyring: one data key per case, wrapped by the master key, in one PostgreSQL table.

Every service reaches the same keyring (``NONCOOP_KEYRING_URL``), so every service that must
show a name can open it, and erasing a case's personal data is one act: delete its key row
(ADR 0011). Data keys are never cached beyond one call, so an erasure is seen by every replica
of every service at its next read.

The master key (key-encryption key) only wraps: a copy of the keyring's database alone opens
nothing. Rotating it is ``rewrap`` (``python -m noncoop_shared.privacy rewrap``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

import asyncpg
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from noncoop_shared.db import keep_session
from noncoop_shared.privacy.sealing import KEY_BYTES, new_data_key
from noncoop_shared.store.schema import apply_extra

KEYRING_MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        -- One data key per scope (a case id, or a registry stream's name), wrapped by the master
        -- key named by kek_id. Deleting a row is the erasure ("crypto-shredding").
        CREATE TABLE IF NOT EXISTS privacy_keyring (
            scope        TEXT PRIMARY KEY,
            kek_id       TEXT NOT NULL,
            wrapped_key  BYTEA NOT NULL,
            created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        """,
    ),
]

#: Used when NONCOOP_MASTER_KEY is unset (development, tests): not a secret, see ADR 0011.
DEVELOPMENT_MASTER_KEY = hashlib.sha256(b"noncoop development master key, not a secret").digest()

_WRAP_AAD = b"noncoop-data-key-v1|"
_NONCE_BYTES = 12


def parse_master_key(text: str) -> bytes:
    """A master key as configured: 32 bytes in base64 (URL-safe or not) or 64 hex digits."""
    text = text.strip()
    try:
        key = bytes.fromhex(text) if len(text) == 2 * KEY_BYTES else _b64(text)
    except (ValueError, binascii.Error):
        raise ValueError("a master key is 32 bytes in base64 or hex") from None
    if len(key) != KEY_BYTES:
        raise ValueError(f"a master key is {KEY_BYTES} bytes, got {len(key)}")
    return key


def _b64(text: str) -> bytes:
    padded = text + "=" * (-len(text) % 4)
    return base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)


def kek_id(key: bytes) -> str:
    """A public name for a master key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(b"noncoop-kek-id|" + key).hexdigest()[:16]


@dataclass(frozen=True)
class MasterKeys:
    """The current master key (wraps new keys) and retired ones still accepted to unwrap."""

    current: bytes
    retired: tuple[bytes, ...] = ()
    _by_id: dict[str, bytes] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = {kek_id(k): k for k in (*self.retired, self.current)}
        object.__setattr__(self, "_by_id", keys)

    @property
    def current_id(self) -> str:
        return kek_id(self.current)

    @property
    def is_development(self) -> bool:
        return self.current == DEVELOPMENT_MASTER_KEY

    def wrap(self, scope: str, data_key: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + AESGCM(self.current).encrypt(nonce, data_key, _WRAP_AAD + scope.encode())

    def unwrap(self, scope: str, key_id: str, wrapped: bytes) -> bytes | None:
        master = self._by_id.get(key_id)
        if master is None:
            return None
        try:
            return AESGCM(master).decrypt(
                wrapped[:_NONCE_BYTES], wrapped[_NONCE_BYTES:], _WRAP_AAD + scope.encode()
            )
        except InvalidTag:
            return None


class UnknownMasterKeyError(RuntimeError):
    """A key row is wrapped by a master key this process was not given."""


class Keyring:
    def __init__(self, pool: asyncpg.Pool, master: MasterKeys) -> None:
        self.pool = pool
        self.master = master

    @classmethod
    async def open(cls, dsn: str, master: MasterKeys) -> Keyring:
        pool = await asyncpg.create_pool(dsn, min_size=1, max_size=4, reset=keep_session)
        try:
            await apply_extra(pool, "privacy_keyring", KEYRING_MIGRATIONS)
        except BaseException:
            await pool.close()
            raise
        return cls(pool, master)

    async def close(self) -> None:
        await self.pool.close()

    async def data_key(self, scope: str) -> bytes:
        """The scope's data key, created on first use (for sealing new personal data)."""
        # One statement (one round trip, one transaction): insert a new key unless the scope
        # has one, and read whichever is there. Two writers racing on a new case agree on one
        # key; a key committed by another writer after this statement's snapshot is seen by
        # neither branch: then ask again.
        row = await self.pool.fetchrow(
            "WITH made AS (INSERT INTO privacy_keyring (scope, kek_id, wrapped_key)"
            " VALUES ($1, $2, $3) ON CONFLICT (scope) DO NOTHING RETURNING kek_id, wrapped_key)"
            " SELECT kek_id, wrapped_key FROM made"
            " UNION ALL SELECT kek_id, wrapped_key FROM privacy_keyring WHERE scope = $1"
            " LIMIT 1",
            scope,
            self.master.current_id,
            self.master.wrap(scope, new_data_key()),
        )
        if row is None:  # erased meanwhile, or made by a concurrent writer: ask again
            return await self.data_key(scope)
        key = self.master.unwrap(scope, row["kek_id"], bytes(row["wrapped_key"]))
        if key is None:
            raise UnknownMasterKeyError(
                f"the data key of {scope} is wrapped by master key {row['kek_id']}, which this "
                "service does not have (NONCOOP_MASTER_KEY / NONCOOP_RETIRED_MASTER_KEYS)"
            )
        return key

    async def data_keys(self, scopes: Iterable[str]) -> dict[str, bytes]:
        """The existing keys of ``scopes`` (for reading); an erased scope is simply absent."""
        wanted = sorted(set(scopes))
        if not wanted:
            return {}
        rows = await self.pool.fetch(
            "SELECT scope, kek_id, wrapped_key FROM privacy_keyring WHERE scope = ANY($1::text[])",
            wanted,
        )
        keys: dict[str, bytes] = {}
        for row in rows:
            key = self.master.unwrap(row["scope"], row["kek_id"], bytes(row["wrapped_key"]))
            if key is not None:
                keys[row["scope"]] = key
        return keys

    async def erase(self, scope: str) -> bool:
        """Delete the scope's key: its sealed values are unreadable from now on, everywhere.

        Idempotent; ``True`` if a key was deleted by this call. Personal data recorded for the
        scope afterwards gets a new key, which cannot open what was sealed before.
        """
        deleted = await self.pool.fetchval(
            "DELETE FROM privacy_keyring WHERE scope = $1 RETURNING scope", scope
        )
        return deleted is not None

    async def rewrap(self) -> int:
        """Wrap every key not yet under the current master key with it; returns how many.

        Run after setting a new NONCOOP_MASTER_KEY with the old one in
        NONCOOP_RETIRED_MASTER_KEYS; once it reports 0, the old key can be dropped.
        """
        changed = 0
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT scope, kek_id, wrapped_key FROM privacy_keyring WHERE kek_id <> $1",
                self.master.current_id,
            )
            for row in rows:
                key = self.master.unwrap(row["scope"], row["kek_id"], bytes(row["wrapped_key"]))
                if key is None:
                    raise UnknownMasterKeyError(
                        f"the key of {row['scope']} is wrapped by master key {row['kek_id']}, "
                        "which is neither the current nor a retired master key"
                    )
                updated = await conn.execute(
                    "UPDATE privacy_keyring SET kek_id = $2, wrapped_key = $3"
                    " WHERE scope = $1 AND kek_id = $4",
                    row["scope"],
                    self.master.current_id,
                    self.master.wrap(row["scope"], key),
                    row["kek_id"],
                )
                changed += updated == "UPDATE 1"
        return changed
