"""A Merkle tree over the log (docs/architecture.md §7), exactly as RFC 9162 §2.1 defines it.

Why the RFC's tree and not one of our own: an auditor outside the project must be able to check
our proofs with any RFC 9162 / RFC 6962 implementation (Certificate Transparency, Go's
``golang.org/x/mod/sumdb/tlog``, transparency-dev, ...). Hashing is domain separated so that a
leaf can never pass for an interior node::

    leaf = SHA-256(0x00 || leaf data)
    node = SHA-256(0x01 || left || right)

A tree of ``n > 1`` leaves splits at ``k``, the largest power of two smaller than ``n``: the left
subtree holds the first ``k`` leaves, the right one the rest (§2.1.1). The tree is therefore
defined for every ``n`` without duplicating the last leaf (which would let two different logs
share a root). The root of no leaves is ``SHA-256(b"")``.

Three layers:

* over leaf hashes already computed (``record_leaf_hash``, ``root_of_hashes``,
  ``inclusion_paths_of_hashes``, ``consistency_proof_of_hashes``): a log that keeps each leaf's
  hash, not its data, proves against its stored hashes without reading the data again; and
  ``extend_frontier`` / ``root_of_frontier``, the O(log n) right edge of the tree from which the
  next root follows without the older leaves;
* over raw leaf bytes (``bytes`` in, ``bytes`` out): ``root_of``, ``inclusion_path`` and
  ``verify_inclusion_bytes`` (§2.1.3), ``consistency_proof`` and ``verify_consistency`` (§2.1.4);
* over event hashes (hex strings, the leaf data being ``bytes.fromhex(event_hash)``):
  ``merkle_root``, ``inclusion_proof``, ``verify_inclusion`` and ``leaf_hash``.

Subtree roots are computed level by level over index ranges (pair neighbours, carry an odd last
node up), which gives the same tree as the recursive split without recursion or list slicing:
a root or a proof over a million leaves costs O(n) hashes. Verifiers never raise: malformed input
is simply not a proof.

Pure: no I/O, no state.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence

_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"
_DIGEST_SIZE = 32

EMPTY_ROOT = hashlib.sha256(b"").hexdigest()
"""The root of a tree with no leaves (hex)."""

EMPTY_ROOT_BYTES = hashlib.sha256(b"").digest()
"""The root of a tree with no leaves (raw)."""


def _digest(value: str, what: str) -> bytes:
    """Decode one hex SHA-256 digest, refusing anything else."""
    try:
        raw = bytes.fromhex(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{what} is not a hex string: {value!r}") from exc
    if len(raw) != _DIGEST_SIZE:
        raise ValueError(f"{what} is not a SHA-256 digest (64 hex characters): {value!r}")
    return raw


def record_leaf_hash(data: bytes) -> bytes:
    """The leaf hash of raw leaf data: ``SHA-256(0x00 || data)`` (RFC 9162 §2.1.1).

    The module's only leaf hasher: every layer (raw bytes, stored hashes, hex event hashes)
    goes through it, so they cannot drift apart.
    """
    return hashlib.sha256(_LEAF_PREFIX + data).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(_NODE_PREFIX + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly smaller than ``n`` (``n >= 2``)."""
    return 1 << ((n - 1).bit_length() - 1)


def _is_digest(value: object) -> bool:
    return isinstance(value, bytes) and len(value) == _DIGEST_SIZE


def _range_root(hashed: Sequence[bytes], lo: int, hi: int) -> bytes:
    """``MTH(D[lo:hi])`` over already-hashed leaves (``hi > lo``), level by level.

    Pairing neighbours and carrying an odd last node up one level yields the same tree as the
    RFC's split at the largest power of two, without recursion and without copying slices.
    """
    if hi - lo == 1:
        return hashed[lo]
    level = [_node(hashed[i], hashed[i + 1]) for i in range(lo, hi - 1, 2)]
    if (hi - lo) & 1:
        level.append(hashed[hi - 1])
    while len(level) > 1:
        paired = [_node(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) & 1:
            paired.append(level[-1])
        level = paired
    return level[0]


def _hashed_leaves(leaves: Iterable[bytes]) -> list[bytes]:
    return [record_leaf_hash(leaf) for leaf in leaves]


def root_of(leaves: Sequence[bytes]) -> bytes:
    """``MTH(D[n])`` (RFC 9162 §2.1.1) over raw leaf data; ``SHA-256(b"")`` for no leaves."""
    if not leaves:
        return EMPTY_ROOT_BYTES
    hashed = _hashed_leaves(leaves)
    return _range_root(hashed, 0, len(hashed))


def inclusion_path(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """The inclusion proof (leaf to root) that ``leaves[index]`` is in ``MTH(leaves)``.

    Raises ``IndexError`` if ``index`` is outside ``0 <= index < len(leaves)``.
    """
    if not 0 <= index < len(leaves):
        raise IndexError(f"leaf index {index} outside a tree of {len(leaves)} leaves")
    return _paths(_hashed_leaves(leaves), [index])[0]


def _subproof(hashed: Sequence[bytes], m: int) -> list[bytes]:
    """``SUBPROOF(m, D[n], true)`` (RFC 9162 §2.1.4.1) for ``0 < m < n``, without recursion.

    Walking down from the root, each step contributes one hash that the recursive definition
    appends *after* the deeper sub-proof, so they are collected top-down and reversed.
    """
    lo, hi, complete = 0, len(hashed), True
    top_down: list[bytes] = []
    while m != hi - lo:
        k = _split(hi - lo)
        if m <= k:
            top_down.append(_range_root(hashed, lo + k, hi))
            hi = lo + k
        else:
            top_down.append(_range_root(hashed, lo, lo + k))
            lo, m, complete = lo + k, m - k, False
    if not complete:
        top_down.append(_range_root(hashed, lo, hi))
    top_down.reverse()
    return top_down


def consistency_proof(leaves: Sequence[bytes], old_size: int) -> list[bytes]:
    """``PROOF(m, D[n])`` (RFC 9162 §2.1.4.1): that the first ``old_size`` leaves' tree is a
    prefix of the tree of all ``leaves``. Empty when ``old_size`` is 0 or ``len(leaves)``.

    Raises ``ValueError`` if ``old_size`` is outside ``0 <= old_size <= len(leaves)``.
    """
    n = len(leaves)
    if not 0 <= old_size <= n:
        raise ValueError(f"old size {old_size} outside a tree of {n} leaves")
    if old_size in (0, n):
        return []
    return _subproof(_hashed_leaves(leaves), old_size)


def _fold_inclusion(r: bytes, index: int, size: int, proof: Sequence[bytes]) -> bytes | None:
    """RFC 9162 §2.1.3.2 steps 2-5: the root ``proof`` leads to, or ``None`` if it cannot."""
    fn, sn = index, size - 1
    for p in proof:
        if sn == 0:
            return None  # proof longer than the path
        if fn & 1 or fn == sn:
            r = _node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = _node(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def verify_inclusion_bytes(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """Whether ``proof`` shows that raw leaf data ``leaf`` is leaf ``index`` of the tree of
    ``size`` leaves whose root is ``root`` (RFC 9162 §2.1.3.2). Malformed input gives ``False``.
    """
    if not _valid_sizes(index, size) or not index < size:
        return False
    if not isinstance(leaf, bytes) or not _is_digest(root) or not _all_digests(proof):
        return False
    computed = _fold_inclusion(record_leaf_hash(leaf), index, size, proof)
    return computed is not None and hmac.compare_digest(computed, root)


def _valid_sizes(*sizes: object) -> bool:
    return all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes)


def _all_digests(proof: object) -> bool:
    if isinstance(proof, bytes | bytearray | str) or not isinstance(proof, Sequence):
        return False
    return all(_is_digest(p) for p in proof)


def _fold_consistency(
    old_size: int, new_size: int, old_root: bytes, proof: Sequence[bytes]
) -> tuple[bytes, bytes] | None:
    """RFC 9162 §2.1.4.2 steps 1-7 for ``0 < old_size < new_size``: the old and new roots the
    proof leads to, or ``None`` if it cannot lead anywhere."""
    if not proof:
        return None
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # an exact power of two: the old root is a subtree
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            fr = _node(c, fr)
            sr = _node(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = _node(sr, c)
        fn >>= 1
        sn >>= 1
    return (fr, sr) if sn == 0 else None


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Whether ``proof`` shows that the tree of ``old_size`` leaves with root ``old_root`` is a
    prefix of the tree of ``new_size`` leaves with root ``new_root`` (RFC 9162 §2.1.4.2).

    Outside the RFC's ``0 < old_size < new_size``: equal sizes need an empty proof and equal
    roots; the empty tree (whose root must be ``SHA-256(b"")``) is a prefix of every tree, with an
    empty proof. Malformed input (negative or shrinking sizes, digests that are not 32 bytes,
    non-bytes) gives ``False``, never an exception.
    """
    if not _valid_sizes(old_size, new_size) or old_size > new_size:
        return False
    if not (_is_digest(old_root) and _is_digest(new_root) and _all_digests(proof)):
        return False
    if old_size == new_size:
        return not proof and hmac.compare_digest(old_root, new_root)
    if old_size == 0:
        return not proof and hmac.compare_digest(old_root, EMPTY_ROOT_BYTES)
    roots = _fold_consistency(old_size, new_size, old_root, proof)
    if roots is None:
        return False
    return hmac.compare_digest(roots[0], old_root) & hmac.compare_digest(roots[1], new_root)


# The layer over leaf hashes already computed (a log keeps these, not the leaves' data).


def _check_hashes(hashed: Sequence[bytes]) -> None:
    for i, h in enumerate(hashed):
        if not _is_digest(h):
            raise ValueError(f"leaf hash #{i} is not 32 bytes")


def root_of_hashes(hashed: Sequence[bytes]) -> bytes:
    """``MTH`` over leaves given by their leaf hashes; ``SHA-256(b"")`` for none."""
    _check_hashes(hashed)
    return _range_root(hashed, 0, len(hashed)) if hashed else EMPTY_ROOT_BYTES


def consistency_proof_of_hashes(hashed: Sequence[bytes], old_size: int) -> list[bytes]:
    """``consistency_proof`` over leaves given by their leaf hashes."""
    _check_hashes(hashed)
    if not 0 <= old_size <= len(hashed):
        raise ValueError(f"old size {old_size} outside a tree of {len(hashed)} leaves")
    return [] if old_size in (0, len(hashed)) else _subproof(hashed, old_size)


def extend_frontier(frontier: Sequence[bytes], size: int, hashed: Iterable[bytes]) -> list[bytes]:
    """The frontier of the tree of ``size`` leaves whose frontier is ``frontier``, once the
    leaves of leaf hashes ``hashed`` are appended.

    The frontier (the tree's "compact range" ``[0, size)``) is the roots of the perfect subtrees
    the RFC's split makes of the tree, the leftmost (largest) first: one per bit set in
    ``size``, so at most 64 hashes whatever the size. Why keep it: a log that stores it with
    each checkpoint appends new leaves and computes the next root (``root_of_frontier``)
    without reading any older leaf. Appending merges equal subtrees as a binary counter
    carries: one hash per leaf on average.

    Raises ``ValueError`` if ``frontier`` does not have one hash per bit of ``size`` or a hash
    is not 32 bytes.
    """
    if not _valid_sizes(size) or len(frontier) != size.bit_count():
        raise ValueError(f"a frontier of {len(frontier)} hashes is not that of {size!r} leaves")
    _check_hashes(frontier)
    stack = list(frontier)
    for i, leaf in enumerate(hashed):
        if not _is_digest(leaf):
            raise ValueError(f"appended leaf hash #{i} is not 32 bytes")
        node, carries = leaf, size
        while carries & 1:
            node = _node(stack.pop(), node)
            carries >>= 1
        stack.append(node)
        size += 1
    return stack


def root_of_frontier(frontier: Sequence[bytes]) -> bytes:
    """``MTH`` of the tree whose frontier is ``frontier`` (``extend_frontier``): the subtrees
    joined from the right, as the RFC's split at the largest power of two nests them."""
    if not frontier:
        return EMPTY_ROOT_BYTES
    root = frontier[-1]
    for left in reversed(frontier[:-1]):
        root = _node(left, root)
    return root


def _levels(hashed: Sequence[bytes]) -> list[Sequence[bytes]]:
    """Every level of the tree, leaves first (``hashed`` itself, not a copy): neighbours
    paired, an odd last node carried up unchanged (the same tree as the RFC's split, see
    ``_range_root``)."""
    levels: list[Sequence[bytes]] = [hashed]
    while len(levels[-1]) > 1:
        below = levels[-1]
        level = [_node(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)]
        if len(below) & 1:
            level.append(below[-1])
        levels.append(level)
    return levels


def inclusion_paths_of_hashes(hashed: Sequence[bytes], indices: Sequence[int]) -> list[list[bytes]]:
    """The inclusion proof (leaf to root) of each leaf in ``indices``, in the tree of ``hashed``.

    Why all at once and not ``inclusion_path`` once per leaf: that would rebuild the levels
    (``O(n)``) for each proof; here they are built once, then each proof is ``O(log n)``: a
    case's few hundred proofs in a tree of millions of leaves stay cheap.

    Raises ``IndexError`` for an index outside the tree and ``ValueError`` for a hash that is
    not 32 bytes.
    """
    _check_hashes(hashed)
    for index in indices:
        if not 0 <= index < len(hashed):
            raise IndexError(f"leaf index {index} outside a tree of {len(hashed)} leaves")
    return _paths(hashed, indices)


def _paths(hashed: Sequence[bytes], indices: Sequence[int]) -> list[list[bytes]]:
    """``PATH(m, D[n])`` (RFC 9162 §2.1.3.1), siblings from the leaf up to the root, for each
    ``m`` in ``indices`` (all inside the tree).

    The module's only inclusion path: building the levels costs the same ``n - 1`` hashes as
    walking the RFC's split for one leaf, and every further leaf then costs ``O(log n)``. A
    node carried up as an odd last node has no sibling at that level, which is exactly where
    the RFC's path skips one.
    """
    levels = _levels(hashed)
    paths: list[list[bytes]] = []
    for index in indices:
        path: list[bytes] = []
        for level in levels[:-1]:
            sibling = index ^ 1
            if sibling < len(level):
                path.append(level[sibling])
            index >>= 1
        paths.append(path)
    return paths


# The hex layer over event hashes, as the checkpoints (``checkpoint.py``) use it.


def _event_leaves(hashes: Iterable[str]) -> list[bytes]:
    return [_digest(h, f"event hash #{i}") for i, h in enumerate(hashes)]


def leaf_hash(event_hash: str) -> str:
    """The Merkle leaf of one event hash: ``SHA-256(0x00 || event_hash)``, hex."""
    return record_leaf_hash(_digest(event_hash, "event hash")).hex()


def merkle_root(hashes: Iterable[str]) -> str:
    """The root (hex) over event hashes in log order; ``SHA-256(b"")`` for none.

    Raises ``ValueError`` if any hash is not a 64-character hex SHA-256 digest.
    """
    return root_of(_event_leaves(hashes)).hex()


def inclusion_proof(hashes: Sequence[str], index: int) -> list[str]:
    """The audit path (hex, leaf to root) proving that ``hashes[index]`` is in the tree.

    Raises ``IndexError`` if ``index`` is outside ``0 <= index < len(hashes)`` and ``ValueError``
    if any hash is malformed.
    """
    if not 0 <= index < len(hashes):
        raise IndexError(f"leaf index {index} outside a tree of {len(hashes)} leaves")
    return [sibling.hex() for sibling in inclusion_path(_event_leaves(hashes), index)]


def verify_inclusion(
    leaf_hash: str, index: int, size: int, proof: Sequence[str], root: str
) -> bool:
    """Whether ``proof`` shows that event hash ``leaf_hash`` is leaf ``index`` of the tree of
    ``size`` leaves whose root is ``root`` (RFC 9162 §2.1.3.2).

    ``leaf_hash`` is the event's hash as given to ``merkle_root`` (not yet leaf-hashed). Any
    malformed input (bad hex, wrong proof length, index out of range) yields ``False``.
    """
    # Named ``leaf_hash`` per the public API; the module-level function is shadowed here.
    try:
        leaf = _digest(leaf_hash, "leaf hash")
        siblings = [_digest(p, "proof element") for p in proof]
        expected = _digest(root, "root")
    except ValueError:
        return False
    return verify_inclusion_bytes(leaf, index, size, siblings, expected)
