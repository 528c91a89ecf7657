"""The Merkle tree over event hashes (docs/architecture.md §7): hand-computed small trees, every
inclusion proof up to 17 leaves, tampering, and a property over random logs."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from noncoop_shared.audit.merkle import (
    EMPTY_ROOT,
    inclusion_proof,
    leaf_hash,
    merkle_root,
    verify_inclusion,
)


def event_hash(i: int) -> str:
    return hashlib.sha256(f"event {i}".encode()).hexdigest()


def L(h: str) -> bytes:
    return hashlib.sha256(b"\x00" + bytes.fromhex(h)).digest()


def N(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


H = [event_hash(i) for i in range(20)]


def test_empty_tree_root_is_sha256_of_nothing() -> None:
    assert merkle_root([]) == hashlib.sha256(b"").hexdigest() == EMPTY_ROOT


def test_one_leaf() -> None:
    assert merkle_root(H[:1]) == L(H[0]).hex() == leaf_hash(H[0])


def test_two_leaves() -> None:
    assert merkle_root(H[:2]) == N(L(H[0]), L(H[1])).hex()


def test_three_leaves_split_at_two_without_duplicating_the_last() -> None:
    expected = N(N(L(H[0]), L(H[1])), L(H[2]))
    assert merkle_root(H[:3]) == expected.hex()
    # Bitcoin-style duplication would give a different root (and collide with [0, 1, 2, 2]).
    assert merkle_root(H[:3]) != merkle_root([H[0], H[1], H[2], H[2]])


def test_five_leaves() -> None:
    left = N(N(L(H[0]), L(H[1])), N(L(H[2]), L(H[3])))
    assert merkle_root(H[:5]) == N(left, L(H[4])).hex()


def test_proofs_of_the_five_leaf_tree_by_hand() -> None:
    a, b, c, d, e = (L(h) for h in H[:5])
    assert inclusion_proof(H[:5], 0) == [b.hex(), N(c, d).hex(), e.hex()]
    assert inclusion_proof(H[:5], 3) == [c.hex(), N(a, b).hex(), e.hex()]
    assert inclusion_proof(H[:5], 4) == [N(N(a, b), N(c, d)).hex()]


def test_single_leaf_proof_is_empty() -> None:
    assert inclusion_proof(H[:1], 0) == []
    assert verify_inclusion(H[0], 0, 1, [], merkle_root(H[:1]))


def test_upper_case_hex_is_accepted_and_output_is_lower_case() -> None:
    assert merkle_root([h.upper() for h in H[:3]]) == merkle_root(H[:3])


@pytest.mark.parametrize("n", range(1, 18))
def test_every_proof_verifies_up_to_17_leaves(n: int) -> None:
    hashes = H[:n] if n <= len(H) else H
    root = merkle_root(hashes)
    for index in range(n):
        proof = inclusion_proof(hashes, index)
        assert verify_inclusion(hashes[index], index, n, proof, root), (n, index)
        # The same proof does not prove another leaf, another position or another size.
        other = hashes[(index + 1) % n]
        if n > 1:
            assert not verify_inclusion(other, index, n, proof, root)
            assert not verify_inclusion(hashes[index], (index + 1) % n, n, proof, root)
        # (A wrong size can still pass when the path has the same shape, as in RFC 9162: the
        # size is trusted together with the root, e.g. from a signed checkpoint.)
        assert not verify_inclusion(hashes[index], index, n, proof, EMPTY_ROOT)


@pytest.mark.parametrize("n", range(2, 18))
def test_tampered_proof_fails(n: int) -> None:
    hashes = H[:n]
    root = merkle_root(hashes)
    for index in range(n):
        proof = inclusion_proof(hashes, index)
        for k in range(len(proof)):
            flipped = list(proof)
            flipped[k] = ("0" if proof[k][0] != "0" else "1") + proof[k][1:]
            assert not verify_inclusion(hashes[index], index, n, flipped, root)
        assert not verify_inclusion(hashes[index], index, n, proof[:-1], root)
        assert not verify_inclusion(hashes[index], index, n, [*proof, proof[-1]], root)
        if len(proof) >= 2:
            swapped = [proof[1], proof[0], *proof[2:]]
            assert not verify_inclusion(hashes[index], index, n, swapped, root)


def test_tampered_leaf_changes_the_root_and_fails_its_proof() -> None:
    hashes = H[:7]
    root = merkle_root(hashes)
    proof = inclusion_proof(hashes, 4)
    tampered = list(hashes)
    tampered[4] = event_hash(999)
    assert merkle_root(tampered) != root
    assert not verify_inclusion(tampered[4], 4, 7, proof, root)


def test_malformed_input() -> None:
    with pytest.raises(ValueError, match="not a hex string"):
        merkle_root(["xyz"])
    with pytest.raises(ValueError, match="not a SHA-256 digest"):
        merkle_root(["abcd"])
    with pytest.raises(IndexError):
        inclusion_proof(H[:3], 3)
    with pytest.raises(IndexError):
        inclusion_proof(H[:3], -1)
    with pytest.raises(IndexError):
        inclusion_proof([], 0)
    root = merkle_root(H[:3])
    proof = inclusion_proof(H[:3], 0)
    assert not verify_inclusion("zz", 0, 3, proof, root)
    assert not verify_inclusion(H[0], 0, 3, ["zz", *proof[1:]], root)
    assert not verify_inclusion(H[0], 0, 3, proof, "zz")
    assert not verify_inclusion(H[0], -1, 3, proof, root)
    assert not verify_inclusion(H[0], 3, 3, proof, root)
    assert not verify_inclusion(H[0], 0, 0, [], EMPTY_ROOT)


def test_a_leaf_cannot_pass_for_an_interior_node() -> None:
    # Second-preimage guard: the two children of the root of a 2-leaf tree, presented as
    # "event hashes" of a one-level tree, do not reproduce the root.
    two = merkle_root(H[:2])
    assert merkle_root([L(H[0]).hex(), L(H[1]).hex()]) != two


digests = st.binary(min_size=32, max_size=32).map(bytes.hex)


@given(st.lists(digests, min_size=1, max_size=40), st.data())
def test_property_proofs_verify_and_changes_move_the_root(
    hashes: list[str], data: st.DataObject
) -> None:
    n = len(hashes)
    root = merkle_root(hashes)
    index = data.draw(st.integers(0, n - 1))
    proof = inclusion_proof(hashes, index)
    assert len(proof) <= max(1, (n - 1).bit_length())
    assert verify_inclusion(hashes[index], index, n, proof, root)

    replacement = data.draw(digests)
    if replacement != hashes[index]:
        changed = [*hashes[:index], replacement, *hashes[index + 1 :]]
        assert merkle_root(changed) != root
        assert not verify_inclusion(replacement, index, n, proof, root)
    assert merkle_root(hashes[:index] + hashes[index + 1 :]) != root
    assert merkle_root([*hashes, replacement]) != root
