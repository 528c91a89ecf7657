"""The layer over stored leaf hashes gives exactly the roots and proofs of the layer over raw
leaf bytes, for every size and index up to 40 leaves (a log keeps leaf hashes, an auditor checks
with the raw data)."""

from __future__ import annotations

import random

import pytest

from noncoop_shared.audit.merkle import (
    EMPTY_ROOT_BYTES,
    consistency_proof,
    consistency_proof_of_hashes,
    inclusion_path,
    inclusion_paths_of_hashes,
    record_leaf_hash,
    root_of,
    root_of_hashes,
)

_rng = random.Random(6962)
LEAVES = [_rng.randbytes(_rng.randrange(0, 40)) for _ in range(40)]
HASHED = [record_leaf_hash(leaf) for leaf in LEAVES]


def test_no_leaves_give_the_empty_root() -> None:
    assert root_of_hashes([]) == EMPTY_ROOT_BYTES


@pytest.mark.parametrize("n", range(1, 41))
def test_roots_and_every_inclusion_path_agree_with_the_raw_layer(n: int) -> None:
    assert root_of_hashes(HASHED[:n]) == root_of(LEAVES[:n])
    paths = inclusion_paths_of_hashes(HASHED[:n], list(range(n)))
    assert paths == [inclusion_path(LEAVES[:n], i) for i in range(n)]


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
