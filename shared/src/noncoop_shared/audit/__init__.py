"""Audit checkpoints (docs/architecture.md §7): a Merkle tree over event hashes and Ed25519-signed
seals."""

from noncoop_shared.audit.checkpoint import (
    Checkpoint,
    CheckpointVerdict,
    generate_signing_key,
    key_id_of,
    load_private_key,
    load_public_key,
    seal,
    verify_checkpoint,
)
from noncoop_shared.audit.merkle import (
    EMPTY_ROOT,
    inclusion_proof,
    leaf_hash,
    merkle_root,
    verify_inclusion,
)

__all__ = [
    "EMPTY_ROOT",
    "Checkpoint",
    "CheckpointVerdict",
    "generate_signing_key",
    "inclusion_proof",
    "key_id_of",
    "leaf_hash",
    "load_private_key",
    "load_public_key",
    "merkle_root",
    "seal",
    "verify_checkpoint",
    "verify_inclusion",
]
