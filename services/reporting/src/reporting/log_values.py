"""Reading given records of the log back, value bytes exactly as the broker returns them.

Why read the log again rather than keep the envelopes we parsed: a leaf of the audit log is the
record's value as it sits on the log, and the auditor will hash the same bytes; anything we
re-encode could differ by one byte and no proof would hold.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from noncoop_shared.kafka import KafkaAccess
from reporting.replay import log_reader

STALL_SECONDS = 30.0

Coordinates = tuple[int, int]


class LogReadError(RuntimeError):
    """The log cannot be read now (a broker unreachable, a partition stalled): the caller may
    try again later; nothing about the records themselves is known."""


def by_partition(coordinates: Iterable[Coordinates]) -> dict[int, set[int]]:
    wanted: dict[int, set[int]] = {}
    for partition, offset in coordinates:
        wanted.setdefault(partition, set()).add(offset)
    return wanted


async def read_values(
    kafka: KafkaAccess, topic: str, wanted: Mapping[int, set[int]]
) -> dict[Coordinates, bytes]:
    """The value of each wanted record (partition -> offsets). Each partition is read from its
    smallest wanted offset to its largest: the records sealed at once sit together."""
    if not any(wanted.values()):
        return {}
    reader = log_reader(kafka, partition_fetch_bytes=1 << 20, fetch_bytes=16 << 20)
    try:
        # Started inside the ``try``: a start that fails (no broker) still closes the client.
        await reader.start()
        partitions = {p: TopicPartition(topic, p) for p, offsets in wanted.items() if offsets}
        reader.assign(list(partitions.values()))
        found: dict[Coordinates, bytes] = {}
        for partition, tp in sorted(partitions.items()):
            offsets = wanted[partition]
            reader.seek(tp, min(offsets))
            found |= await _read_partition(reader, tp, offsets)
        return found
    except (KafkaError, OSError) as error:
        raise LogReadError(f"the log cannot be read: {error}") from error
    finally:
        await reader.stop()


async def _read_partition(
    reader: AIOKafkaConsumer, tp: TopicPartition, offsets: set[int]
) -> dict[Coordinates, bytes]:
    last = max(offsets)
    found: dict[Coordinates, bytes] = {}
    loop = asyncio.get_running_loop()
    stalled_at = loop.time() + STALL_SECONDS
    while await reader.position(tp) <= last:
        batch = (await reader.getmany(tp, timeout_ms=500)).get(tp, [])
        if not batch:
            if loop.time() > stalled_at:
                raise LogReadError(f"partition {tp.partition} stalled before offset {last}")
            continue
        stalled_at = loop.time() + STALL_SECONDS
        for record in batch:
            if record.offset in offsets and record.value is not None:
                found[(tp.partition, record.offset)] = bytes(record.value)
    return found
