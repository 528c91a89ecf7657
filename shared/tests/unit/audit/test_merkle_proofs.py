"""RFC 9162 proofs over raw leaf bytes: roots, inclusion proofs for every index up to 40 leaves,
consistency proofs for every pair of sizes up to 40, and what tampering does to them."""

from __future__ import annotations

import hashlib
import random

import pytest

from noncoop_shared.audit.merkle import (
    EMPTY_ROOT_BYTES,
    consistency_proof,
    inclusion_path,
    merkle_root,
    root_of,
    verify_consistency,
    verify_inclusion_bytes,
)

_rng = random.Random(9162)
LEAVES = [_rng.randbytes(_rng.randrange(0, 40)) for _ in range(40)]


def L(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def N(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def flipped(proof: list[bytes], k: int) -> list[bytes]:
    out = list(proof)
    out[k] = bytes([out[k][0] ^ 1]) + out[k][1:]
    return out


def test_the_empty_tree_root_is_sha256_of_nothing() -> None:
    assert root_of([]) == hashlib.sha256(b"").digest() == EMPTY_ROOT_BYTES


def test_small_trees_split_at_the_largest_power_of_two_below_their_size() -> None:
    a, b, c, d, e = (L(x) for x in LEAVES[:5])
    assert root_of(LEAVES[:1]) == a
    assert root_of(LEAVES[:3]) == N(N(a, b), c)
    assert root_of(LEAVES[:5]) == N(N(N(a, b), N(c, d)), e)


@pytest.mark.parametrize("n", range(41))
def test_root_of_agrees_with_merkle_root_on_event_hashes(n: int) -> None:
    hashes = [hashlib.sha256(x).hexdigest() for x in LEAVES[:n]]
    assert root_of([bytes.fromhex(h) for h in hashes]).hex() == merkle_root(hashes)


@pytest.mark.parametrize("n", range(1, 41))
def test_every_inclusion_proof_verifies_and_tampering_fails(n: int) -> None:
    leaves = LEAVES[:n]
    root = root_of(leaves)
    for index in range(n):
        proof = inclusion_path(leaves, index)
        assert verify_inclusion_bytes(leaves[index], index, n, proof, root), (n, index)
        assert not verify_inclusion_bytes(leaves[index] + b"!", index, n, proof, root)
        assert not verify_inclusion_bytes(leaves[index], index, n, [*proof, root], root)
        for k in range(len(proof)):
            assert not verify_inclusion_bytes(leaves[index], index, n, flipped(proof, k), root)
        if proof:
            assert not verify_inclusion_bytes(leaves[index], index, n, proof[:-1], root)


def test_an_inclusion_index_outside_the_tree_is_an_error() -> None:
    with pytest.raises(IndexError):
        inclusion_path(LEAVES[:3], 3)
    with pytest.raises(IndexError):
        inclusion_path([], 0)


@pytest.mark.parametrize("n", range(41))
def test_every_consistency_proof_up_to_40_leaves_verifies(n: int) -> None:
    new_root = root_of(LEAVES[:n])
    for m in range(n + 1):
        old_root = root_of(LEAVES[:m])
        proof = consistency_proof(LEAVES[:n], m)
        assert verify_consistency(m, n, old_root, new_root, proof), (m, n)


@pytest.mark.parametrize("n", range(1, 41))
def test_a_tampered_consistency_proof_or_root_fails(n: int) -> None:
    new_root = root_of(LEAVES[:n])
    other = hashlib.sha256(b"another root").digest()
    for m in range(n + 1):
        old_root = root_of(LEAVES[:m])
        proof = consistency_proof(LEAVES[:n], m)
        assert not verify_consistency(m, n, other, new_root, proof), (m, n)
        if m > 0:  # the empty tree is a prefix of any tree, whatever its root
            assert not verify_consistency(m, n, old_root, other, proof), (m, n)
        assert not verify_consistency(m, n, old_root, new_root, [*proof, new_root]), (m, n)
        for k in range(len(proof)):
            assert not verify_consistency(m, n, old_root, new_root, flipped(proof, k)), (m, n, k)
        if proof:
            assert not verify_consistency(m, n, old_root, new_root, proof[:-1]), (m, n)


def test_consistency_proofs_of_the_seven_leaf_tree_by_hand() -> None:
    # RFC 9162 §2.1.5's example tree of seven leaves, d0 .. d6.
    h = [L(x) for x in LEAVES[:7]]
    a, b, c, d = N(h[0], h[1]), N(h[2], h[3]), N(h[4], h[5]), h[6]
    assert consistency_proof(LEAVES[:7], 3) == [h[2], h[3], a, N(c, d)]
    assert consistency_proof(LEAVES[:7], 4) == [N(c, d)]
    assert consistency_proof(LEAVES[:7], 6) == [c, d, N(a, b)]


def test_equal_sizes_need_an_empty_proof_and_equal_roots() -> None:
    root = root_of(LEAVES[:5])
    assert verify_consistency(5, 5, root, root, [])
    assert not verify_consistency(5, 5, root, root, [root])
    assert not verify_consistency(5, 5, root, root_of(LEAVES[:4]), [])


def test_the_empty_tree_is_a_prefix_of_every_tree_only_with_an_empty_proof() -> None:
    root = root_of(LEAVES[:5])
    assert verify_consistency(0, 5, EMPTY_ROOT_BYTES, root, [])
    assert not verify_consistency(0, 5, EMPTY_ROOT_BYTES, root, [root])
    assert not verify_consistency(0, 5, root, root, [])


def test_a_proof_between_other_sizes_fails() -> None:
    leaves = LEAVES[:20]
    proof = consistency_proof(leaves, 7)
    assert not verify_consistency(6, 20, root_of(leaves[:6]), root_of(leaves), proof)
    assert not verify_consistency(7, 19, root_of(leaves[:7]), root_of(leaves[:19]), proof)


@pytest.mark.parametrize(
    ("old_size", "new_size", "old_root", "new_root", "proof"),
    [
        (5, 4, EMPTY_ROOT_BYTES, EMPTY_ROOT_BYTES, []),
        (-1, 4, EMPTY_ROOT_BYTES, EMPTY_ROOT_BYTES, []),
        (True, 4, EMPTY_ROOT_BYTES, EMPTY_ROOT_BYTES, []),
        (1, 2, b"short", EMPTY_ROOT_BYTES, [EMPTY_ROOT_BYTES]),
        (1, 2, EMPTY_ROOT_BYTES, EMPTY_ROOT_BYTES.hex(), [EMPTY_ROOT_BYTES]),
        (1, 2, EMPTY_ROOT_BYTES, EMPTY_ROOT_BYTES, [b"short"]),
        (1, 2, EMPTY_ROOT_BYTES, EMPTY_ROOT_BYTES, EMPTY_ROOT_BYTES),
        (1, 2, EMPTY_ROOT_BYTES, EMPTY_ROOT_BYTES, None),
        ("1", 2, EMPTY_ROOT_BYTES, EMPTY_ROOT_BYTES, [EMPTY_ROOT_BYTES]),
    ],
)
def test_malformed_consistency_input_is_false_not_an_exception(
    old_size: object, new_size: object, old_root: object, new_root: object, proof: object
) -> None:
    assert verify_consistency(old_size, new_size, old_root, new_root, proof) is False  # type: ignore[arg-type]


def test_malformed_inclusion_input_is_false_not_an_exception() -> None:
    root = root_of(LEAVES[:2])
    proof = inclusion_path(LEAVES[:2], 0)
    assert not verify_inclusion_bytes(LEAVES[0], 2, 2, proof, root)
    assert not verify_inclusion_bytes(LEAVES[0], -1, 2, proof, root)
    assert not verify_inclusion_bytes(LEAVES[0], 0, 2, proof, root[:31])
    assert not verify_inclusion_bytes(LEAVES[0].hex(), 0, 2, proof, root)  # type: ignore[arg-type]
    assert not verify_inclusion_bytes(LEAVES[0], 0, 2, [p.hex() for p in proof], root)  # type: ignore[misc]


def test_a_consistency_old_size_outside_the_tree_is_an_error() -> None:
    with pytest.raises(ValueError, match="old size"):
        consistency_proof(LEAVES[:3], 4)
    with pytest.raises(ValueError, match="old size"):
        consistency_proof(LEAVES[:3], -1)


def test_a_large_tree_proves_inclusion_and_consistency() -> None:
    # Linear work over index ranges: a million leaves take a few seconds, so a unit test keeps
    # to a hundred thousand.
    leaves = [i.to_bytes(4, "big") for i in range(100_003)]
    root = root_of(leaves)
    proof = consistency_proof(leaves, 99_999)
    assert verify_consistency(99_999, len(leaves), root_of(leaves[:99_999]), root, proof)
    path = inclusion_path(leaves, 76_543)
    assert len(path) == 17
    assert verify_inclusion_bytes(leaves[76_543], 76_543, len(leaves), path, root)
