"""The feed's page walk and cursor, pure: fair interleaving, prefixes of each partition, no
event skipped or repeated across pages, hidden events walked over; sealed cursors."""

from __future__ import annotations

import base64
import random

import pytest

from reporting.feed.cursor import CursorSeal, MalformedCursorError
from reporting.feed.walk import Slice, walk

Event = tuple[int, int, bool]  # partition, offset, readable


def _slices(
    log: dict[int, list[Event]], after: dict[int, int], per: int
) -> dict[int, Slice[Event]]:
    slices = {}
    for partition, events in log.items():
        rest = [e for e in events if e[1] >= after.get(partition, 0)][:per]
        end = (events[-1][1] + 1) if events else 0
        slices[partition] = Slice(rest, [e[1] for e in rest], end, complete=len(rest) < per)
    return slices


def test_partitions_interleave_by_rank_so_a_busy_one_does_not_starve_the_others() -> None:
    log = {0: [(0, o, True) for o in range(10)], 1: [(1, 0, True)], 2: [(2, 5, True)]}
    walked = walk(_slices(log, {}, 10), {}, lambda e: e[2], 4)
    assert walked.shown == [(0, 0, True), (1, 0, True), (2, 5, True), (0, 1, True)]
    assert walked.positions == {0: 2, 1: 1, 2: 6}


def test_hidden_events_move_the_cursor_but_are_not_shown() -> None:
    log = {0: [(0, 0, False), (0, 1, False), (0, 2, True)]}
    walked = walk(_slices(log, {}, 10), {}, lambda e: e[2], 10)
    assert walked.shown == [(0, 2, True)]
    assert walked.positions == {0: 3}


def test_a_complete_slice_jumps_to_where_the_projections_stand() -> None:
    # Offsets 3 and 4 hold no event (a relay's second copy, a record set aside).
    piece = Slice([(0, 2, True)], [2], upto=5, complete=True)
    assert walk({0: piece}, {0: 2}, lambda e: e[2], 10).positions == {0: 5}


@pytest.mark.parametrize("seed", range(20))
def test_paging_through_a_random_log_gives_each_readable_event_once_in_partition_order(
    seed: int,
) -> None:
    rng = random.Random(seed)
    log: dict[int, list[Event]] = {}
    for partition in range(rng.randint(1, 6)):
        offsets = sorted(rng.sample(range(200), rng.randint(0, 60)))
        log[partition] = [(partition, o, rng.random() < 0.6) for o in offsets]
    limit = rng.randint(1, 9)
    seen: list[Event] = []
    positions: dict[int, int] = {}
    for _ in range(1000):
        walked = walk(_slices(log, positions, limit), positions, lambda e: e[2], limit)
        assert len(walked.shown) <= limit
        seen.extend(walked.shown)
        if positions == walked.positions:
            break
        positions = walked.positions
    expected = [e for events in log.values() for e in events if e[2]]
    assert sorted(seen) == sorted(expected)
    assert len(seen) == len(set(seen))
    for partition in log:
        mine = [e[1] for e in seen if e[0] == partition]
        assert mine == sorted(mine)


def test_a_cursor_opens_to_its_positions_and_two_seals_of_one_position_differ() -> None:
    seal = CursorSeal(bytes(32), "noncoop.events.v1")
    first, second = seal.seal({0: 5, 11: 2}), seal.seal({0: 5, 11: 2})
    assert first != second
    assert seal.open(first) == seal.open(second) == {0: 5, 11: 2}
    assert seal.open("") == {}
    plain = base64.urlsafe_b64encode(b'{"v":1,"o":{"0":5,"11":2}}').rstrip(b"=").decode()
    assert plain[:12] not in first


@pytest.mark.parametrize(
    "text",
    ["x", "!!!!", "eyJ2IjoxLCJvIjp7IjAiOjV9fQ", "A" * 40],
)
def test_anything_but_a_sealed_cursor_of_this_topic_is_malformed(text: str) -> None:
    with pytest.raises(MalformedCursorError):
        CursorSeal(bytes(32), "noncoop.events.v1").open(text)


def test_a_cursor_of_another_topic_or_key_does_not_open() -> None:
    cursor = CursorSeal(bytes(32), "noncoop.events.v1").seal({0: 1})
    with pytest.raises(MalformedCursorError):
        CursorSeal(bytes(32), "other.topic").open(cursor)
    with pytest.raises(MalformedCursorError):
        CursorSeal(b"k" * 32, "noncoop.events.v1").open(cursor)


def test_every_cursor_of_a_usual_topic_has_one_length_whatever_the_offsets() -> None:
    # AES-GCM keeps the plaintext's length: unpadded, a cursor grew when an offset gained a
    # digit or a partition got its first record, telling a reader that hidden events landed.
    seal = CursorSeal(bytes(32), "noncoop.events")
    positions: list[dict[int, int]] = [
        {},
        {0: 99, 1: 5},
        {0: 100, 1: 5},
        {0: 100, 1: 5, 2: 1},
        {p: 10**12 + p for p in range(24)},
    ]
    cursors = [seal.seal(p) for p in positions]
    assert len({len(c) for c in cursors}) == 1
    assert [seal.open(c) for c in cursors] == positions
