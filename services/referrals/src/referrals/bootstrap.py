"""The composition root: builds the service's pool, store, relay, consumers and scheduler, and
runs the background work. Nothing is created at import time."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import asyncpg
import structlog
from aiokafka import AIOKafkaProducer

from noncoop_shared.clock import Clock, SystemClock
from noncoop_shared.consumer import LogConsumer
from noncoop_shared.deadlines import DeadlineScheduler
from noncoop_shared.kafka import ensure_topics, log_producer
from noncoop_shared.observe import GaugeSampler
from noncoop_shared.relay import OutboxRelay
from noncoop_shared.store import PostgresEventStore, apply_extra, migrate
from noncoop_shared.web.metrics import Metrics
from referrals.application.handlers import on_due
from referrals.domain.decide import ServiceLevels
from referrals.projections.register import MIGRATIONS, CaseRegister, CaseRegisterProjection
from referrals.settings import ReferralsSettings

log = structlog.get_logger("referrals.bootstrap")


@dataclass
class Runtime:
    settings: ReferralsSettings
    pool: asyncpg.Pool
    store: PostgresEventStore
    producer: AIOKafkaProducer
    relay: OutboxRelay
    register_consumer: LogConsumer
    scheduler: DeadlineScheduler
    register: CaseRegister
    levels: ServiceLevels
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        with contextlib.suppress(Exception):
            await self.producer.stop()
        await self.pool.close()

    def background_healthy(self) -> bool:
        return all(not task.done() for task in self.tasks) and bool(self.tasks)


async def start(
    settings: ReferralsSettings, metrics: Metrics, clock: Clock | None = None
) -> Runtime:
    clock = clock or SystemClock()
    pool = await asyncpg.create_pool(
        settings.database_url, min_size=2, max_size=settings.database_pool_size
    )
    try:
        await migrate(pool)
        await apply_extra(pool, "referrals.case_register", MIGRATIONS)
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            [settings.events_topic, settings.dead_letter_topic],
            partitions=settings.topic_partitions,
        )
        producer = log_producer(settings.kafka_bootstrap_servers, client_id="referrals")
        await producer.start()
    except BaseException:
        await pool.close()
        raise
    store = PostgresEventStore(pool, service="referrals", clock=clock, lanes=settings.outbox_lanes)
    levels = settings.service_levels()
    runtime = Runtime(
        settings=settings,
        pool=pool,
        store=store,
        producer=producer,
        relay=OutboxRelay(pool, producer, topic=settings.events_topic),
        register_consumer=LogConsumer(
            pool,
            CaseRegisterProjection(),
            bootstrap_servers=settings.kafka_bootstrap_servers,
            topic=settings.events_topic,
            dead_letter_topic=settings.dead_letter_topic,
            dead_letter_producer=producer,
        ),
        scheduler=DeadlineScheduler(
            store, on_due(levels), clock=clock, interval_seconds=settings.deadline_check_seconds
        ),
        register=CaseRegister(pool),
        levels=levels,
    )
    runtime.tasks = [
        asyncio.create_task(_supervised("relay", runtime.relay.run), name="relay"),
        asyncio.create_task(
            _supervised("case-register", runtime.register_consumer.run), name="case-register"
        ),
        asyncio.create_task(_supervised("deadlines", runtime.scheduler.run), name="deadlines"),
        asyncio.create_task(
            _supervised("metrics", GaugeSampler(metrics, pool, [runtime.register_consumer]).run),
            name="metrics",
        ),
    ]
    return runtime


async def _supervised(name: str, run: Callable[[], Awaitable[None]]) -> None:
    """Keep a background loop alive: log a crash and restart it after a pause."""
    while True:
        try:
            await run()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("background.crashed", task=name)
            await asyncio.sleep(1.0)
