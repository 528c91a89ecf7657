"""Signed audit checkpoints (docs/architecture.md §7): round trip, tampering with any sealed field,
the wrong key, and a log with one event altered, removed, inserted or reordered."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError

from noncoop_shared.audit import (
    Checkpoint,
    generate_signing_key,
    key_id_of,
    load_private_key,
    load_public_key,
    merkle_root,
    seal,
    verify_checkpoint,
)
from noncoop_shared.canonical import canonical_json

SEALED_AT = datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)
POSITION = {"noncoop.referrals/0": 12, "noncoop.referrals/1": 9}
HASHES = [hashlib.sha256(f"event {i}".encode()).hexdigest() for i in range(21)]


@pytest.fixture(scope="module")
def keys() -> tuple[bytes, bytes]:
    return generate_signing_key()


@pytest.fixture(scope="module")
def checkpoint(keys: tuple[bytes, bytes]) -> Checkpoint:
    private_pem, public_pem = keys
    return seal(
        HASHES,
        POSITION,
        SEALED_AT,
        load_private_key(private_pem),
        key_id_of(load_public_key(public_pem)),
    )


@pytest.fixture(scope="module")
def public_key(keys: tuple[bytes, bytes]) -> Ed25519PublicKey:
    return load_public_key(keys[1])


def test_round_trip(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> None:
    assert checkpoint.event_count == len(HASHES)
    assert checkpoint.merkle_root == merkle_root(HASHES)
    assert checkpoint.position == POSITION
    assert checkpoint.sealed_at == SEALED_AT
    assert len(base64.b64decode(checkpoint.signature, validate=True)) == 64
    verdict = verify_checkpoint(checkpoint, public_key, HASHES)
    assert verdict.ok
    assert verdict.signature_valid and verdict.root_matches and verdict.count_matches
    assert "verified" in verdict.message


def test_survives_json_serialisation(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> None:
    again = Checkpoint.model_validate_json(checkpoint.model_dump_json())
    assert again == checkpoint
    assert verify_checkpoint(again, public_key, HASHES).ok


def test_signature_covers_canonical_json_of_everything_but_the_signature(
    checkpoint: Checkpoint, public_key: Ed25519PublicKey
) -> None:
    unsigned = checkpoint.model_dump(mode="json", exclude={"signature"})
    assert set(unsigned) == {"position", "event_count", "merkle_root", "sealed_at", "key_id"}
    public_key.verify(base64.b64decode(checkpoint.signature), canonical_json(unsigned))


def test_only_public_key_pem_and_hashes_are_needed(keys: tuple[bytes, bytes]) -> None:
    private_pem, public_pem = keys
    sealed = seal(HASHES[:5], {"end": 5}, SEALED_AT, load_private_key(private_pem.decode()), "k1")
    wire = sealed.model_dump_json()
    verdict = verify_checkpoint(
        Checkpoint.model_validate_json(wire), load_public_key(public_pem.decode()), HASHES[:5]
    )
    assert verdict.ok


def test_key_id_defaults_to_the_public_key_fingerprint(keys: tuple[bytes, bytes]) -> None:
    private_key = load_private_key(keys[0])
    sealed = seal(HASHES, POSITION, SEALED_AT, private_key)
    raw = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    assert (
        sealed.key_id == hashlib.sha256(raw).hexdigest()[:16] == key_id_of(load_public_key(keys[1]))
    )


@pytest.mark.parametrize(
    "change",
    [
        {"event_count": len(HASHES) - 1},
        {"merkle_root": merkle_root(HASHES[:-1])},
        {"position": {"noncoop.referrals/0": 12, "noncoop.referrals/1": 10}},
        {"position": {"noncoop.referrals/0": 12}},
        {"sealed_at": SEALED_AT + timedelta(microseconds=1)},
        {"key_id": "someone-else"},
    ],
    ids=["event_count", "merkle_root", "position-offset", "position-partition", "time", "key_id"],
)
def test_changing_a_sealed_field_breaks_the_signature(
    checkpoint: Checkpoint, public_key: Ed25519PublicKey, change: dict[str, Any]
) -> None:
    forged = Checkpoint.model_validate({**checkpoint.model_dump(), **change})
    verdict = verify_checkpoint(forged, public_key, HASHES)
    assert not verdict.signature_valid
    assert not verdict.ok
    assert "signature is not valid" in verdict.message


def test_a_different_key_fails(checkpoint: Checkpoint) -> None:
    _, other_public = generate_signing_key()
    other = load_public_key(other_public)
    verdict = verify_checkpoint(checkpoint, other, HASHES)
    assert not verdict.signature_valid
    assert verdict.root_matches
    assert "signature is not valid" in verdict.message
    assert key_id_of(other) in verdict.message


def test_garbage_signature_is_reported_not_raised(
    checkpoint: Checkpoint, public_key: Ed25519PublicKey
) -> None:
    for bad in ["", "not base64!!", base64.b64encode(b"\x00" * 64).decode()]:
        verdict = verify_checkpoint(
            checkpoint.model_copy(update={"signature": bad}), public_key, HASHES
        )
        assert not verdict.signature_valid


def _altered() -> list[str]:
    out = list(HASHES)
    out[7] = hashlib.sha256(b"forged").hexdigest()
    return out


def _reordered() -> list[str]:
    out = list(HASHES)
    out[3], out[4] = out[4], out[3]
    return out


@pytest.mark.parametrize(
    "log",
    [
        _altered(),
        HASHES[:10] + HASHES[11:],
        [*HASHES[:10], hashlib.sha256(b"inserted").hexdigest(), *HASHES[10:]],
        _reordered(),
        HASHES[:-1],
    ],
    ids=["altered", "removed", "inserted", "reordered", "truncated"],
)
def test_a_tampered_log_does_not_match_the_root(
    checkpoint: Checkpoint, public_key: Ed25519PublicKey, log: list[str]
) -> None:
    verdict = verify_checkpoint(checkpoint, public_key, log)
    assert verdict.signature_valid
    assert not verdict.root_matches
    assert not verdict.ok
    assert verdict.recomputed_root == merkle_root(log) != checkpoint.merkle_root
    assert "does not match the sealed root" in verdict.message
    assert "signature is not valid" not in verdict.message


def test_malformed_hash_is_reported(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> None:
    verdict = verify_checkpoint(checkpoint, public_key, [*HASHES[:-1], "nope"])
    assert not verdict.root_matches
    assert verdict.recomputed_root is None
    assert "could not be recomputed" in verdict.message


def test_empty_log_can_be_sealed(keys: tuple[bytes, bytes], public_key: Ed25519PublicKey) -> None:
    sealed = seal([], {}, SEALED_AT, load_private_key(keys[0]), "k")
    assert sealed.event_count == 0
    assert sealed.merkle_root == hashlib.sha256(b"").hexdigest()
    assert verify_checkpoint(sealed, public_key, []).ok
    assert not verify_checkpoint(sealed, public_key, HASHES[:1]).ok


def test_sealed_at_must_be_aware_and_is_kept_in_utc(keys: tuple[bytes, bytes]) -> None:
    private_key = load_private_key(keys[0])
    with pytest.raises(ValidationError):
        seal(HASHES, POSITION, datetime(2025, 1, 1), private_key, "k")
    paris = timezone(timedelta(hours=1))
    sealed = seal(HASHES, POSITION, SEALED_AT.astimezone(paris), private_key, "k")
    assert sealed.sealed_at.utcoffset() == timedelta(0)
    assert sealed.sealed_at == SEALED_AT


def test_checkpoint_is_frozen(checkpoint: Checkpoint) -> None:
    with pytest.raises(ValidationError):
        checkpoint.event_count = 0  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Checkpoint.model_validate({**checkpoint.model_dump(), "extra": 1})


def test_seal_copies_position(keys: tuple[bytes, bytes], public_key: Ed25519PublicKey) -> None:
    position = {"p": 1}
    sealed = seal(HASHES, position, SEALED_AT, load_private_key(keys[0]), "k")
    position["p"] = 2
    assert sealed.position == {"p": 1}
    assert verify_checkpoint(sealed, public_key, HASHES).ok


def test_loading_refuses_other_key_types() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    ec_key = ec.generate_private_key(ec.SECP256R1())
    ec_private = ec_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    ec_public = ec_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(ValueError, match="Ed25519"):
        load_private_key(ec_private)
    with pytest.raises(ValueError, match="Ed25519"):
        load_public_key(ec_public)
