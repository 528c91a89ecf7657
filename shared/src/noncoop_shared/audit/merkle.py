"""A Merkle tree over event hashes (docs/architecture.md §7), in the style of RFC 6962 / RFC 9162.

The leaves are the events' chain hashes (hex SHA-256 strings) in log order. Hashing is domain
separated so that a leaf can never pass for an interior node::

    leaf = SHA-256(0x00 || bytes.fromhex(event_hash))
    node = SHA-256(0x01 || left || right)

A tree of ``n > 1`` leaves splits at ``k``, the largest power of two smaller than ``n``: the left
subtree holds the first ``k`` leaves, the right one the rest. The tree is therefore defined for
every ``n`` without duplicating the last leaf (which would let two different logs share a root).
The root of no leaves is ``SHA-256(b"")``.

Pure: no I/O, no state. Hex in, hex (lower case) out.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence

_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"
_DIGEST_SIZE = 32

EMPTY_ROOT = hashlib.sha256(b"").hexdigest()
"""The root of a tree with no leaves."""


def _digest(value: str, what: str) -> bytes:
    """Decode one hex SHA-256 digest, refusing anything else."""
    try:
        raw = bytes.fromhex(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{what} is not a hex string: {value!r}") from exc
    if len(raw) != _DIGEST_SIZE:
        raise ValueError(f"{what} is not a SHA-256 digest (64 hex characters): {value!r}")
    return raw


def _leaf(raw: bytes) -> bytes:
    return hashlib.sha256(_LEAF_PREFIX + raw).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(_NODE_PREFIX + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly smaller than ``n`` (``n >= 2``)."""
    return 1 << ((n - 1).bit_length() - 1)


def _root(leaves: Sequence[bytes]) -> bytes:
    """Root over already-hashed leaves (``len(leaves) >= 1``)."""
    n = len(leaves)
    if n == 1:
        return leaves[0]
    k = _split(n)
    return _node(_root(leaves[:k]), _root(leaves[k:]))


def _leaves(hashes: Iterable[str]) -> list[bytes]:
    return [_leaf(_digest(h, f"event hash #{i}")) for i, h in enumerate(hashes)]


def leaf_hash(event_hash: str) -> str:
    """The Merkle leaf of one event hash: ``SHA-256(0x00 || event_hash)``, hex."""
    return _leaf(_digest(event_hash, "event hash")).hex()


def merkle_root(hashes: Iterable[str]) -> str:
    """The root (hex) over event hashes in log order; ``SHA-256(b"")`` for none.

    Raises ``ValueError`` if any hash is not a 64-character hex SHA-256 digest.
    """
    leaves = _leaves(hashes)
    if not leaves:
        return EMPTY_ROOT
    return _root(leaves).hex()


def _path(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """RFC 6962 §2.1.1 ``PATH(m, D[n])``: siblings from the leaf up to the root."""
    n = len(leaves)
    if n == 1:
        return []
    k = _split(n)
    if index < k:
        return [*_path(index, leaves[:k]), _root(leaves[k:])]
    return [*_path(index - k, leaves[k:]), _root(leaves[:k])]


def inclusion_proof(hashes: Sequence[str], index: int) -> list[str]:
    """The audit path (hex, leaf to root) proving that ``hashes[index]`` is in the tree.

    Raises ``IndexError`` if ``index`` is outside ``0 <= index < len(hashes)`` and ``ValueError``
    if any hash is malformed.
    """
    if not 0 <= index < len(hashes):
        raise IndexError(f"leaf index {index} outside a tree of {len(hashes)} leaves")
    return [sibling.hex() for sibling in _path(index, _leaves(hashes))]


def verify_inclusion(
    leaf_hash: str, index: int, size: int, proof: Sequence[str], root: str
) -> bool:
    """Whether ``proof`` shows that event hash ``leaf_hash`` is leaf ``index`` of the tree of
    ``size`` leaves whose root is ``root`` (RFC 9162 §2.1.3.2).

    ``leaf_hash`` is the event's hash as given to ``merkle_root`` (not yet leaf-hashed). Any
    malformed input (bad hex, wrong proof length, index out of range) yields ``False``.
    """
    # Named ``leaf_hash`` per the public API; the module-level function is shadowed here.
    if not 0 <= index < size:
        return False
    try:
        r = _leaf(_digest(leaf_hash, "leaf hash"))
        siblings = [_digest(p, "proof element") for p in proof]
        expected = _digest(root, "root")
    except ValueError:
        return False
    fn, sn = index, size - 1
    for sibling in siblings:
        if sn == 0:
            return False  # proof longer than the path
        if fn & 1 or fn == sn:
            r = _node(sibling, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = _node(r, sibling)
        fn >>= 1
        sn >>= 1
    return sn == 0 and hmac.compare_digest(r, expected)
