"""The moving parts every service runs, built and stopped in one place (docs/architecture.md §4-§6,
§11).

A service's composition root (``bootstrap.py``) opens a ``ServiceRuntime`` (pool, migrated
store, Kafka producer, outbox relay), adds its consumers and its deadline callback, then starts
the background loops. Each loop is supervised: a crash is logged and the loop restarts, so one
bad moment of Kafka or PostgreSQL does not leave a replica half-alive; readiness reports it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

import asyncpg
import structlog
from aiokafka import AIOKafkaProducer
from fastapi import APIRouter, FastAPI

from noncoop_shared.background import cancel_and_wait
from noncoop_shared.clock import Clock
from noncoop_shared.consumer import EventHandler, LogConsumer
from noncoop_shared.db import keep_session
from noncoop_shared.deadlines import DeadlineScheduler, OnDue
from noncoop_shared.imports.route import router as history_import_router
from noncoop_shared.kafka import log_producer
from noncoop_shared.loglink import LogLink
from noncoop_shared.observe import GaugeSampler, RuntimeTallies
from noncoop_shared.privacy.keyring import Keyring
from noncoop_shared.relay import OutboxRelay
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.store import PostgresEventStore, apply_extra, migrate
from noncoop_shared.web.app import create_app
from noncoop_shared.web.metrics import Metrics

log = structlog.get_logger("noncoop.service")

Migrations = Mapping[str, list[tuple[int, str]]]
"""A service's own tables: name -> ordered steps (see ``store.schema.apply_extra``)."""


class ServiceRuntime:
    def __init__(
        self,
        settings: ServiceSettings,
        pool: asyncpg.Pool,
        store: PostgresEventStore,
        producer: AIOKafkaProducer,
        keyring: Keyring,
        link: LogLink,
    ) -> None:
        self.settings = settings
        self.pool = pool
        self.store = store
        self.producer = producer
        self.keyring = keyring
        self.link = link
        """Whether the log answers (ADR 0030): a broker that does not is degraded, not unready."""
        self.trust = settings.trust_store()
        self.relay = OutboxRelay(pool, producer, topic=settings.events_topic)
        self.consumers: list[LogConsumer] = []
        self.scheduler: DeadlineScheduler | None = None
        self.on_due: OnDue | None = None
        """The service's deadline callback, also used by the history import (ADR 0017)."""
        self.tasks: list[asyncio.Task[None]] = []
        self._own_loops: dict[str, Callable[[], Awaitable[None]]] = {}

    @classmethod
    async def open(
        cls, settings: ServiceSettings, *, clock: Clock, lanes: int, migrations: Migrations
    ) -> ServiceRuntime:
        """Connect, migrate, check the log's topics (create them only when the settings say so),
        start the producer.

        PostgreSQL must answer: without it the service can take no command. Kafka need not: a
        broker that does not answer within ``kafka_start_timeout_seconds`` leaves the service
        degraded (commands go into the outbox), connected later by the link's loop; a broker
        that answers that the topics are missing or differ stops the start (``LogTopicError``,
        ADR 0030)."""
        pool = await asyncpg.create_pool(
            settings.database_url,
            min_size=2,
            max_size=settings.database_pool_size,
            reset=keep_session,
        )
        try:
            await migrate(pool)
            for name, steps in migrations.items():
                await apply_extra(pool, name, steps)
            keyring = await open_keyring(settings)
            producer = log_producer(settings.kafka_access(), client_id=settings.service_name)
            link = LogLink(
                settings.kafka_access(),
                producer,
                topics=[settings.events_topic, settings.dead_letter_topic],
                spec=settings.topic_spec(),
                create_topics=settings.kafka_create_topics,
                start_timeout_seconds=settings.kafka_start_timeout_seconds,
                # Development tolerates a broker whose ACLs predate DescribeConfigs (warned).
                strict=settings.environment == "production",
            )
            try:
                await link.connect()
            except BaseException:
                with contextlib.suppress(Exception):
                    await producer.stop()
                await keyring.close()
                raise
        except BaseException:
            await pool.close()
            raise
        signer = settings.event_signer()
        if signer.is_development:
            log.warning(
                "signing.development_event_key",
                detail="events are signed with this service's public development key; set "
                "NONCOOP_EVENT_SIGNING_KEY outside development (docs/operations.md)",
            )
        store = PostgresEventStore(
            pool,
            service=settings.service_name,
            clock=clock,
            lanes=lanes,
            keyring=keyring,
            signer=signer,
        )
        return cls(settings, pool, store, producer, keyring, link)

    def consume(self, handler: EventHandler) -> LogConsumer:
        """Add a projection or policy that reads the whole log."""
        consumer = self._consumer([handler])
        self.consumers.append(consumer)
        return consumer

    def combine_consumers(self, name: str) -> LogConsumer:
        """Feed the handlers of every consumer added so far from one consumer ``name``: one
        Kafka consumer and one transaction per partition batch for all of them, each handler
        keeping its own positions (ADR 0024). Call it before ``start``."""
        if self.tasks:
            raise RuntimeError("consumers are combined before the runtime starts")
        consumer = self._consumer([h for c in self.consumers for h in c.handlers], name=name)
        self.consumers = [consumer]
        return consumer

    def _consumer(self, handlers: list[EventHandler], name: str | None = None) -> LogConsumer:
        return LogConsumer(
            self.pool,
            handlers,
            kafka=self.settings.kafka_access(),
            topic=self.settings.events_topic,
            dead_letter_topic=self.settings.dead_letter_topic,
            dead_letter_producer=self.producer,
            trust=self.trust,
            name=name,
            linger_ms=self.settings.consumer_linger_ms,
            fetch_max_wait_ms=self.settings.consumer_fetch_max_wait_ms,
        )

    def schedule_deadlines(self, on_due: OnDue, *, interval_seconds: float) -> None:
        self.on_due = on_due
        self.scheduler = DeadlineScheduler(
            self.store,
            on_due,
            clock=self.store.clock,
            interval_seconds=interval_seconds,
            late_entry_grace=timedelta(hours=self.settings.late_entry_grace_hours),
        )

    def add_loop(self, name: str, run: Callable[[], Awaitable[None]]) -> None:
        """A service's own background loop (reporting's webhook deliveries): started,
        restarted after a crash and stopped with the others, and counted by readiness. Call it
        before ``start``."""
        if self.tasks:
            raise RuntimeError("loops are added before the runtime starts")
        self._own_loops[name] = run

    def start(self, metrics: Metrics) -> None:
        self.link.watch_with(metrics.kafka_up())
        loops: dict[str, Callable[[], Awaitable[None]]] = {
            "kafka": self.link.run,
            "relay": self._once_connected(self.relay.run),
        }
        loops |= {consumer.name: self._once_connected(consumer.run) for consumer in self.consumers}
        if self.scheduler is not None:
            loops["deadlines"] = self.scheduler.run
        loops |= self._own_loops
        loops["metrics"] = GaugeSampler(metrics, self.pool, self.consumers).run
        metrics.add_collector(
            RuntimeTallies(self.relay, self.consumers, self.scheduler),
            revealing=RuntimeTallies.REVEALING,
        )
        self.tasks = [
            asyncio.create_task(_supervised(name, run), name=name) for name, run in loops.items()
        ]

    def _once_connected(self, run: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        """``run`` once the link has checked the topics and started the producer: nothing is
        published to, or read from, a topic that was never checked."""

        async def gated() -> None:
            await self.link.connected.wait()
            await run()

        return gated

    async def stop(self) -> None:
        await cancel_and_wait(self.tasks)
        with contextlib.suppress(Exception):
            await self.producer.stop()
        await self.keyring.close()
        await self.pool.close()


async def open_keyring(settings: ServiceSettings) -> Keyring:
    """The deployment's keyring (``keyring_url``, else the service's own database)."""
    master = settings.master_keys()
    if master.is_development:
        log.warning(
            "privacy.development_master_key",
            detail="NONCOOP_MASTER_KEY is unset: data keys are wrapped with the public "
            "development key; set it outside development (docs/operations.md)",
        )
    return await Keyring.open(settings.keyring_url or settings.database_url, master)


def readiness_checks(
    current: Callable[[], ServiceRuntime | None],
) -> dict[str, Callable[[], Awaitable[bool]]]:
    """``/health/ready`` (ADR 0030): the service can serve its reads and take commands into its
    store. PostgreSQL answers (its migrations were applied before the runtime existed), and
    every background loop is alive (a supervised loop only ends when it is stopped).

    ``current`` gives the runtime once the lifespan has started it (``None`` before): the app
    and its checks are built before the runtime exists. Kafka is not here: see
    :func:`degraded_checks`.
    """

    async def postgres() -> bool:
        runtime = current()
        return runtime is not None and await runtime.pool.fetchval("SELECT 1") == 1

    async def loops() -> bool:
        runtime = current()
        return (
            runtime is not None
            and bool(runtime.tasks)
            and all(not task.done() for task in runtime.tasks)
        )

    return {"postgres": postgres, "background_loops": loops}


def degraded_checks(
    current: Callable[[], ServiceRuntime | None],
) -> dict[str, Callable[[], Awaitable[bool]]]:
    """What ``/health/ready`` reports as degraded, never as unready (ADR 0030): Kafka answers,
    the relay publishes, every consumer has joined its group. Without them commands still go
    into the outbox and reads still work; they only wait to be published or projected."""

    async def kafka() -> bool:
        runtime = current()
        if runtime is None:
            return False
        return (
            runtime.link.up
            and runtime.relay.running
            and runtime.relay.last_error is None
            and all(consumer.running for consumer in runtime.consumers)
        )

    return {"kafka": kafka}


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


@dataclass
class ServiceHandleBase:
    """Base of a service's own runtime: the shared core, plus what the service adds."""

    core: ServiceRuntime

    @property
    def store(self) -> PostgresEventStore:
        return self.core.store

    async def stop(self) -> None:
        await self.core.stop()


class ServiceHandle(Protocol):
    """What a service's own runtime exposes to the app: the shared core, and how to stop."""

    @property
    def core(self) -> ServiceRuntime: ...

    async def stop(self) -> None: ...


def service_app(
    settings: ServiceSettings,
    *,
    title: str,
    version: str,
    description: str,
    routers: Sequence[APIRouter],
    start: Callable[[Metrics], Awaitable[ServiceHandle]],
    history_imports: bool = False,
    examples: Mapping[str, Sequence[Any]] | None = None,
) -> FastAPI:
    """A service's FastAPI app whose lifespan starts the runtime (``app.state.runtime``) and
    stops it; readiness follows the runtime's loops. ``history_imports`` adds
    ``POST /v1/history-imports`` (a service that owns commands, ADR 0017). ``examples``: see
    ``create_app``."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.runtime = await start(app.state.metrics)
        try:
            yield
        finally:
            await app.state.runtime.stop()

    def current() -> ServiceRuntime | None:
        runtime = getattr(app.state, "runtime", None)
        return runtime.core if runtime is not None else None

    def keyring() -> Keyring | None:
        runtime = current()
        return runtime.keyring if runtime is not None else None

    app = create_app(
        settings,
        title=title,
        version=version,
        description=description,
        routers=[*routers, history_import_router] if history_imports else routers,
        lifespan=lifespan,
        readiness_checks=readiness_checks(current),
        degraded_checks=degraded_checks(current),
        keyring=keyring,
        examples=examples,
    )
    return app
