"""Counts what the background loops did, and samples the gauges of docs/architecture.md §11
(outbox backlog and dead letters, consumer lag, projection position, deadlines) from the
service's own database and consumers, every few seconds.

Sampling, rather than updating on every write, keeps the write path free of metrics work and
makes every replica report the same database-wide figures.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator, Sequence

import asyncpg
import structlog
from prometheus_client.core import CounterMetricFamily
from prometheus_client.metrics_core import Metric

from noncoop_shared.consumer import LogConsumer
from noncoop_shared.deadlines import DeadlineScheduler, kind_family
from noncoop_shared.relay import OutboxRelay
from noncoop_shared.web.metrics import NAMESPACE, Metrics

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
        by_family: Counter[tuple[str, str]] = Counter()
        for row in deadline_rows:
            by_family[kind_family(row["kind"]), row["state"]] += row["n"]
        deadlines = self._metrics.deadlines()
        for (kind, state), count in by_family.items():
            deadlines.labels(kind=kind, state=state).set(count)
        lag_gauge = self._metrics.consumer_lag()
        position_gauge = self._metrics.projection_position()
        for consumer in self._consumers:
            for partition, (position, lag) in (await consumer.partition_lags()).items():
                lag_gauge.labels(consumer=consumer.name, partition=str(partition)).set(lag)
                position_gauge.labels(projection=consumer.name, partition=str(partition)).set(
                    position
                )


class RuntimeTallies:
    """The counters of the background loops, read from their own tallies at each scrape: the
    relay, the consumers and the scheduler only add to an int as they go, as they did before
    there were metrics (no collector on their hot paths, no metrics object to pass them).

    - ``noncoop_relay_published_total``: records the relay sent and the log acknowledged;
    - ``noncoop_relay_set_aside_total``: records the log refused, set aside (ADR 0022);
    - ``noncoop_consumer_dead_letters_total{consumer}``: records sent to the dead-letter topic;
    - ``noncoop_overdue_events_total{kind}``: overdue events the deadline scheduler recorded
      (revealing, as the ``deadlines`` gauge is: who let what lapse).
    """

    REVEALING = (f"{NAMESPACE}_overdue_events",)

    def __init__(
        self,
        relay: OutboxRelay,
        consumers: Sequence[LogConsumer],
        scheduler: DeadlineScheduler | None,
    ) -> None:
        self._relay = relay
        self._consumers = consumers
        self._scheduler = scheduler

    def collect(self) -> Iterator[Metric]:
        yield CounterMetricFamily(
            f"{NAMESPACE}_relay_published",
            "Records the outbox relay sent to the log and the log acknowledged",
            value=self._relay.published_total,
        )
        yield CounterMetricFamily(
            f"{NAMESPACE}_relay_set_aside",
            "Records the log refused for what they are, set aside by the relay",
            value=self._relay.set_aside_total,
        )
        dead = CounterMetricFamily(
            f"{NAMESPACE}_consumer_dead_letters",
            "Records a consumer sent to the dead-letter topic",
            labels=("consumer",),
        )
        for consumer in self._consumers:
            dead.add_metric((consumer.name,), consumer.dead_lettered_total)
        yield dead
        overdue = CounterMetricFamily(
            f"{NAMESPACE}_overdue_events",
            "Overdue events recorded by the deadline scheduler, by kind of deadline",
            labels=("kind",),
        )
        if self._scheduler is not None:
            for kind, count in sorted(self._scheduler.fired_by_kind.items()):
                overdue.add_metric((kind,), count)
        yield overdue
