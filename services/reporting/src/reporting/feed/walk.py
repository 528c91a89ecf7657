"""One page of the feed, from what each partition holds past the cursor: pure.

Partitions are interleaved fairly: by the rank of an event within its partition since the
cursor, then by partition, so a busy partition does not starve the others. Whatever the page's
size, it takes a prefix of each partition's remaining events, so the next page goes on exactly
where this one stopped: nothing is skipped or repeated. Events the caller may not read are
walked over like the others (the cursor moves past them) but not returned, else a restricted
reader would page through the same hidden events for ever.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Row = TypeVar("Row")


@dataclass(frozen=True)
class Slice(Generic[Row]):
    """A partition's next events past the cursor, in offset order (``rows`` with ``offsets``).

    ``complete``: nothing else is there below ``upto`` (the end the projections have reached),
    so once every row is walked the partition's cursor may jump to ``upto`` (over offsets no
    event sits at: a relay's second copies, records set aside)."""

    rows: Sequence[Row]
    offsets: Sequence[int]
    upto: int
    complete: bool


@dataclass(frozen=True)
class Walked(Generic[Row]):
    shown: list[Row]
    positions: dict[int, int]
    """Per partition, the next offset after what was walked."""


def walk(
    slices: Mapping[int, Slice[Row]],
    positions: Mapping[int, int],
    shows: Callable[[Row], bool],
    limit: int,
) -> Walked[Row]:
    """Walk the slices in (rank, partition) order until ``limit`` rows are shown."""
    moved = dict(positions)
    shown: list[Row] = []
    longest = max((len(s.rows) for s in slices.values()), default=0)
    for rank in range(longest):
        for partition in sorted(slices):
            piece = slices[partition]
            if rank >= len(piece.rows):
                continue
            if len(shown) == limit:
                return Walked(shown, moved)
            moved[partition] = piece.offsets[rank] + 1
            if shows(piece.rows[rank]):
                shown.append(piece.rows[rank])
    for partition, piece in slices.items():
        if piece.complete:
            moved[partition] = max(moved.get(partition, 0), piece.upto)
    return Walked(shown, moved)
