"""Samples the gauges of docs/architecture.md §11 (outbox backlog and dead letters, consumer lag,
projection position, deadlines) from the service's own database and consumers, every few seconds.

Sampling, rather than updating on every write, keeps the write path free of metrics work and
makes every replica report the same database-wide figures.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import asyncpg
import structlog

from noncoop_shared.consumer import LogConsumer
from noncoop_shared.web.metrics import Metrics

log = structlog.get_logger("noncoop.observe")


class GaugeSampler:
    def __init__(
        self,
        metrics: Metrics,
        pool: asyncpg.Pool,
        consumers: Sequence[LogConsumer],
        *,
        interval_seconds: float = 5.0,
    ) -> None:
        self._metrics = metrics
        self._pool = pool
        self._consumers = consumers
        self._interval = interval_seconds

    async def run(self) -> None:
        while True:
            try:
                await self.sample()
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("metrics.sample_failed", error=repr(error))
            await asyncio.sleep(self._interval)

    async def sample(self) -> None:
        async with self._pool.acquire() as conn:
            backlog = await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
            set_aside = await conn.fetchval("SELECT count(*) FROM outbox_dead_letters")
            deadline_rows = await conn.fetch(
                "SELECT kind, state, count(*) AS n FROM deadlines GROUP BY kind, state"
            )
        self._metrics.outbox_backlog().set(backlog)
        self._metrics.outbox_dead_letters().set(set_aside)
        deadlines = self._metrics.deadlines()
        for row in deadline_rows:
            deadlines.labels(kind=row["kind"], state=row["state"]).set(row["n"])
        lag_gauge = self._metrics.consumer_lag()
        position_gauge = self._metrics.projection_position()
        for consumer in self._consumers:
            for partition, (position, lag) in (await consumer.partition_lags()).items():
                lag_gauge.labels(consumer=consumer.name, partition=str(partition)).set(lag)
                position_gauge.labels(projection=consumer.name, partition=str(partition)).set(
                    position
                )
