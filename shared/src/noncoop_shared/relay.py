"""The outbox relay: publishes committed events to the log, in order, at least once.

Each lane is a set of Kafka keys; a relay replica publishes a lane only while it holds that
lane's advisory lock, inside the transaction that marks the rows published. So several replicas
share the lanes, no two publish the same key at once, and a key's events leave in stream order.
A crash after the send and before the commit republishes the rows: the broker then holds the
event twice, and consumers drop the copy by (stream, version) (docs/adr/0004-outbox-relay.md).
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime

import asyncpg
import structlog
from aiokafka import AIOKafkaProducer

from noncoop_shared.store.postgres import OUTBOX_CHANNEL

log = structlog.get_logger("noncoop.relay")

_LANE_LOCK_SPACE = 0x72656C61  # "rela"


class OutboxRelay:
    def __init__(
        self,
        pool: asyncpg.Pool,
        producer: AIOKafkaProducer,
        *,
        topic: str,
        batch_size: int = 500,
        idle_poll_seconds: float = 1.0,
    ) -> None:
        self._pool = pool
        self._producer = producer
        self._topic = topic
        self._batch_size = batch_size
        self._idle_poll = idle_poll_seconds
        self._wake = asyncio.Event()
        self.published_total = 0
        self.last_error: str | None = None
        self.running = False

    async def run(self) -> None:
        """Publish until cancelled; wakes on NOTIFY, polls as a fallback."""
        listener = await self._pool.acquire()
        try:
            await listener.add_listener(OUTBOX_CHANNEL, self._on_notify)
            self.running = True
            backoff = 0.1
            while True:
                try:
                    published = await self.publish_pending()
                    self.last_error = None
                    backoff = 0.1
                except (TimeoutError, OSError, asyncpg.PostgresError) as error:
                    self.last_error = repr(error)
                    log.warning("outbox.publish_failed", error=repr(error), retry_in=backoff)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 5.0)
                    continue
                except Exception as error:  # Kafka errors: keep trying, never drop rows
                    self.last_error = repr(error)
                    log.warning("outbox.publish_failed", error=repr(error), retry_in=backoff)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 5.0)
                    continue
                if published == 0:
                    self._wake.clear()
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), self._idle_poll)
        finally:
            self.running = False
            with contextlib.suppress(Exception):
                await listener.remove_listener(OUTBOX_CHANNEL, self._on_notify)
            await self._pool.release(listener)

    def _on_notify(self, *_: object) -> None:
        self._wake.set()

    async def publish_pending(self) -> int:
        """One pass over every lane this replica can lock; returns how many events it sent."""
        # The lanes come from the rows themselves, so the store's lane count is the only one.
        async with self._pool.acquire() as conn:
            lanes = [
                row["lane"]
                for row in await conn.fetch(
                    "SELECT DISTINCT lane FROM outbox WHERE published_at IS NULL ORDER BY lane"
                )
            ]
        total = 0
        for lane in lanes:
            total += await self._publish_lane(lane)
        self.published_total += total
        return total

    async def _publish_lane(self, lane: int) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            locked = await conn.fetchval(
                "SELECT pg_try_advisory_xact_lock($1, $2)", _LANE_LOCK_SPACE, lane
            )
            if not locked:
                return 0  # another replica is publishing this lane
            rows = await conn.fetch(
                "SELECT o.position, e.subject, e.envelope FROM outbox o"
                " JOIN events e USING (position)"
                " WHERE o.lane = $1 AND o.published_at IS NULL ORDER BY o.position LIMIT $2",
                lane,
                self._batch_size,
            )
            if not rows:
                return 0
            # send() only enqueues; the batch goes out together and is acknowledged in order.
            acks = [
                await self._producer.send(
                    self._topic,
                    value=row["envelope"].encode("utf-8"),
                    key=row["subject"].encode("utf-8"),
                )
                for row in rows
            ]
            await asyncio.gather(*acks)
            await conn.execute(
                "UPDATE outbox SET published_at = $1 WHERE position = ANY($2::bigint[])",
                datetime.now(UTC),
                [row["position"] for row in rows],
            )
            log.debug("outbox.published", lane=lane, count=len(rows))
            return len(rows)

    async def backlog(self) -> int:
        async with self._pool.acquire() as conn:
            return int(
                await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
            )
