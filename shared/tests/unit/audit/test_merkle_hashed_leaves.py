"""The layer over stored leaf hashes gives exactly the roots and proofs of the layer over raw
leaf bytes, for every size and index up to 40 leaves (a log keeps leaf hashes, an auditor checks
with the raw data), and both give the RFC's own recursive ``PATH``."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

import pytest

from noncoop_shared.audit.merkle import (
    EMPTY_ROOT_BYTES,
    consistency_proof,
    consistency_proof_of_hashes,
    extend_frontier,
    inclusion_path,
    inclusion_paths_of_hashes,
    record_leaf_hash,
    root_of,
    root_of_frontier,
    root_of_hashes,
)

_rng = random.Random(6962)
LEAVES = [_rng.randbytes(_rng.randrange(0, 40)) for _ in range(40)]
HASHED = [record_leaf_hash(leaf) for leaf in LEAVES]


def _rfc_root(hashed: Sequence[bytes]) -> bytes:
    """``MTH`` written as RFC 9162 §2.1.1 states it: recursive, split at the largest power of
    two smaller than ``n``. Independent of the module, so the module cannot agree with itself."""
    if len(hashed) == 1:
        return hashed[0]
    k = 1 << ((len(hashed) - 1).bit_length() - 1)
    return hashlib.sha256(b"\x01" + _rfc_root(hashed[:k]) + _rfc_root(hashed[k:])).digest()


def _rfc_path(m: int, hashed: Sequence[bytes]) -> list[bytes]:
    """``PATH(m, D[n])`` written as RFC 9162 §2.1.3.1 states it."""
    if len(hashed) == 1:
        return []
    k = 1 << ((len(hashed) - 1).bit_length() - 1)
    if m < k:
        return [*_rfc_path(m, hashed[:k]), _rfc_root(hashed[k:])]
    return [*_rfc_path(m - k, hashed[k:]), _rfc_root(hashed[:k])]


def test_the_leaf_hash_is_sha256_of_a_zero_byte_and_the_data() -> None:
    assert record_leaf_hash(b"abc") == hashlib.sha256(b"\x00abc").digest()


def test_no_leaves_give_the_empty_root() -> None:
    assert root_of_hashes([]) == EMPTY_ROOT_BYTES


@pytest.mark.parametrize("n", range(1, 41))
def test_roots_and_every_inclusion_path_agree_with_the_raw_layer(n: int) -> None:
    assert root_of_hashes(HASHED[:n]) == root_of(LEAVES[:n]) == _rfc_root(HASHED[:n])
    expected = [_rfc_path(i, HASHED[:n]) for i in range(n)]
    assert inclusion_paths_of_hashes(HASHED[:n], list(range(n))) == expected
    assert [inclusion_path(LEAVES[:n], i) for i in range(n)] == expected
    # Asked in any order, with repeats, each proof is its own leaf's.
    backwards = list(range(n - 1, -1, -1)) * 2
    assert inclusion_paths_of_hashes(HASHED[:n], backwards) == [expected[i] for i in backwards]


@pytest.mark.parametrize("n", range(1, 41))
def test_every_consistency_proof_agrees_with_the_raw_layer(n: int) -> None:
    for m in range(n + 1):
        assert consistency_proof_of_hashes(HASHED[:n], m) == consistency_proof(LEAVES[:n], m)


def test_an_index_outside_the_tree_or_a_hash_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(IndexError):
        inclusion_paths_of_hashes(HASHED[:3], [3])
    with pytest.raises(ValueError, match="not 32 bytes"):
        root_of_hashes([b"short"])
    with pytest.raises(ValueError, match="old size"):
        consistency_proof_of_hashes(HASHED[:3], 4)


@pytest.mark.parametrize("n", range(41))
def test_a_frontier_extended_from_any_earlier_size_gives_the_rfc_root(n: int) -> None:
    whole = extend_frontier([], 0, HASHED[:n])
    assert len(whole) == n.bit_count()
    assert root_of_frontier(whole) == (_rfc_root(HASHED[:n]) if n else EMPTY_ROOT_BYTES)
    for m in range(n + 1):
        earlier = extend_frontier([], 0, HASHED[:m])
        assert extend_frontier(earlier, m, HASHED[m:n]) == whole, (m, n)


def test_a_frontier_of_another_size_or_a_short_hash_is_refused() -> None:
    three = extend_frontier([], 0, HASHED[:3])
    with pytest.raises(ValueError, match="not that of 4 leaves"):
        extend_frontier(three, 4, HASHED[4:5])
    with pytest.raises(ValueError, match="not 32 bytes"):
        extend_frontier(three, 3, [b"short"])
    with pytest.raises(ValueError, match="not 32 bytes"):
        extend_frontier([b"short", *three[1:]], 3, [])
