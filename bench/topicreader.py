"""A topic read in the background from its beginning (no group), for the benchmarks' probes."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from noncoop_shared.kafka import KafkaAccess


class TopicReader:
    """Reads ``topic`` from its start until stopped; each batch goes to :meth:`on_records` with
    the moment it reached this process (``time.perf_counter``)."""

    def __init__(self, kafka: KafkaAccess, topic: str) -> None:
        self._consumer = AIOKafkaConsumer(
            topic,
            **kafka.client_kwargs(),
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        self._topic = topic
        self._task: asyncio.Task[None] | None = None
        self.records = 0

    async def start(self) -> None:
        await self._consumer.start()
        self._task = asyncio.create_task(self._consume(), name=type(self).__name__)

    async def appended(self) -> int:
        """Records on the topic now, read or not (the sum of its end offsets)."""
        partitions = self._consumer.partitions_for_topic(self._topic) or set()
        ends = await self._consumer.end_offsets(
            [TopicPartition(self._topic, p) for p in partitions]
        )
        return sum(ends.values())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._consumer.stop()

    async def _consume(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=100)
            seen = time.perf_counter()
            for records in batches.values():
                self.records += len(records)
                self.on_records(records, seen)
            self.after_batch()

    def on_records(self, records: Sequence[ConsumerRecord[bytes, bytes]], seen: float) -> None:
        raise NotImplementedError

    def after_batch(self) -> None:
        """Called after each poll, records or not."""
