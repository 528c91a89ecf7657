"""Signed audit checkpoints (docs/architecture.md §7).

A checkpoint seals the log up to a position: the Merkle root over every event hash up to there,
how many events that is, when it was sealed, and an Ed25519 signature over the canonical JSON
(``noncoop_shared.canonical.canonical_json``) of all of that (every field but ``signature``).

Anyone holding only the public key and the event hashes (the log) can check a checkpoint:
``verify_checkpoint`` says whether the signature holds and whether the root recomputed from the
hashes matches the sealed one, and in a sentence which of them failed.

Pure: no I/O; keys are loaded from PEM bytes or strings the caller provides.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from pydantic import BaseModel, ConfigDict, Field, field_validator

from noncoop_shared.audit.merkle import merkle_root
from noncoop_shared.canonical import canonical_json


class Checkpoint(BaseModel):
    """A sealed, signed summary of the log up to ``position``. Immutable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    position: dict[str, int] = Field(
        description='where the log was sealed, e.g. {"noncoop.referrals/0": 1234} '
        "(topic/partition -> next offset) or any named position"
    )
    event_count: int = Field(ge=0, description="how many event hashes the root covers")
    merkle_root: str = Field(pattern=r"^[0-9a-f]{64}$")
    sealed_at: datetime = Field(description="when it was sealed; timezone-aware, kept in UTC")
    key_id: str = Field(min_length=1, description="which key signed it (see key_id_of)")
    signature: str = Field(description="Ed25519 signature, standard base64")

    @field_validator("sealed_at")
    @classmethod
    def _aware_utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("sealed_at must carry a timezone")
        return value.astimezone(UTC)

    def signed_bytes(self) -> bytes:
        """The exact bytes the signature covers."""
        return _signed_bytes(self.model_dump(mode="json", exclude={"signature"}))


def _signed_bytes(unsigned: dict[str, Any]) -> bytes:
    return canonical_json(unsigned)


# --- keys ----------------------------------------------------------------------------------------


def generate_signing_key() -> tuple[bytes, bytes]:
    """A fresh Ed25519 key pair as ``(private_pem, public_pem)``: PKCS#8 (unencrypted) and
    SubjectPublicKeyInfo."""
    private_key = Ed25519PrivateKey.generate()
    private_pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, public_pem


def _pem_bytes(pem: bytes | str) -> bytes:
    return pem.encode("ascii") if isinstance(pem, str) else pem


def load_private_key(pem: bytes | str) -> Ed25519PrivateKey:
    """Load an unencrypted PEM private key; ``ValueError`` unless it is Ed25519."""
    key = serialization.load_pem_private_key(_pem_bytes(pem), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"expected an Ed25519 private key, got {type(key).__name__}")
    return key


def load_public_key(pem: bytes | str) -> Ed25519PublicKey:
    """Load a PEM public key; ``ValueError`` unless it is Ed25519."""
    key = serialization.load_pem_public_key(_pem_bytes(pem))
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"expected an Ed25519 public key, got {type(key).__name__}")
    return key


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """First 16 hex characters of SHA-256 over the raw 32-byte public key."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


# --- sealing and verifying -----------------------------------------------------------------------


def seal(
    hashes: Sequence[str],
    position: dict[str, int],
    sealed_at: datetime,
    private_key: Ed25519PrivateKey,
    key_id: str | None = None,
) -> Checkpoint:
    """Seal the log: Merkle root over ``hashes`` (event hashes in log order up to
    ``position``), signed with ``private_key``. ``key_id`` defaults to ``key_id_of`` the key's
    public half."""
    if key_id is None:
        key_id = key_id_of(private_key.public_key())
    unsigned = Checkpoint.model_validate(
        {
            "position": dict(position),
            "event_count": len(hashes),
            "merkle_root": merkle_root(hashes),
            "sealed_at": sealed_at,
            "key_id": key_id,
            "signature": "",
        }
    )
    signature = private_key.sign(unsigned.signed_bytes())
    return unsigned.model_copy(update={"signature": base64.b64encode(signature).decode("ascii")})


@dataclass(frozen=True)
class CheckpointVerdict:
    """What ``verify_checkpoint`` found."""

    signature_valid: bool
    """The signature verifies under the public key given, over the checkpoint as it stands."""
    root_matches: bool
    """The root recomputed over the hashes given equals the checkpoint's ``merkle_root``."""
    count_matches: bool
    """The number of hashes given equals the checkpoint's ``event_count``."""
    recomputed_root: str | None
    """The root over the hashes given (``None`` if a hash was malformed)."""
    message: str
    """One sentence saying what held and what failed."""

    @property
    def ok(self) -> bool:
        return self.signature_valid and self.root_matches and self.count_matches


def _signature_holds(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> bool:
    try:
        signature = base64.b64decode(checkpoint.signature, validate=True)
    except (binascii.Error, ValueError):
        return False
    try:
        public_key.verify(signature, checkpoint.signed_bytes())
    except InvalidSignature:
        return False
    return True


def verify_checkpoint(
    checkpoint: Checkpoint, public_key: Ed25519PublicKey, hashes: Sequence[str]
) -> CheckpointVerdict:
    """Check ``checkpoint`` against the public key and the event hashes (in log order up to its
    position). Never raises on bad data: the verdict says what failed."""
    signature_valid = _signature_holds(checkpoint, public_key)
    try:
        recomputed: str | None = merkle_root(hashes)
    except ValueError:
        recomputed = None
    root_matches = recomputed == checkpoint.merkle_root
    count_matches = len(hashes) == checkpoint.event_count

    problems: list[str] = []
    if not signature_valid:
        hint = ""
        if checkpoint.key_id != key_id_of(public_key):
            hint = f" (it names key {checkpoint.key_id}, the key given is {key_id_of(public_key)})"
        problems.append(
            "the signature is not valid for this key: the checkpoint was altered or signed "
            f"with another key{hint}"
        )
    if recomputed is None:
        problems.append("the root could not be recomputed: a hash given is not a SHA-256 digest")
    elif not root_matches:
        problems.append(
            f"the Merkle root recomputed over the {len(hashes)} hashes given ({recomputed}) does "
            f"not match the sealed root ({checkpoint.merkle_root}): an event was altered, "
            "removed, inserted or reordered"
        )
    if not count_matches:
        problems.append(
            f"the checkpoint covers {checkpoint.event_count} events but {len(hashes)} were given"
        )
    if problems:
        message = "Checkpoint verification failed: " + "; ".join(problems) + "."
    else:
        message = (
            f"Checkpoint verified: the signature by key {checkpoint.key_id} is valid and the root "
            f"over the {len(hashes)} hashes matches."
        )
    return CheckpointVerdict(
        signature_valid=signature_valid,
        root_matches=root_matches,
        count_matches=count_matches,
        recomputed_root=recomputed,
        message=message,
    )
