"""A service's link to the log (ADR 0030): the topics checked, the producer started, and whether
Kafka answers now.

Kafka is not needed to take a command or to serve a read: a command goes into the service's
outbox in PostgreSQL, and the relay publishes it when the broker is back. So a broker that does
not answer is a *degraded* state, never a reason to refuse to start or to report unready:

- at start, :meth:`LogLink.connect` checks the topics (:func:`~noncoop_shared.kafka.ensure_topics`)
  and starts the producer, waiting at most ``kafka_start_timeout_seconds``. A topic that is
  missing or differs from the settings is a startup error (:class:`LogTopicError`); a broker
  that does not answer in time is not: the service starts degraded;
- :meth:`LogLink.run` (a background loop) connects later when the start could not, then probes
  the broker every few seconds; the relay and the consumers wait for :attr:`LogLink.connected`
  before they start, so nothing is published to a topic that was never checked;
- :attr:`LogLink.up` and the gauge ``noncoop_kafka_up`` (1 or 0) say whether the broker answers.
"""

from __future__ import annotations

import asyncio
from typing import Any

import structlog
from aiokafka import AIOKafkaProducer
from prometheus_client import Gauge

from noncoop_shared.kafka import KafkaAccess, LogTopicError, TopicSpec, ensure_topics

log = structlog.get_logger("noncoop.loglink")

PROBE_INTERVAL_SECONDS = 5.0
PROBE_TIMEOUT_SECONDS = 3.0
RETRY_MAX_SECONDS = 30.0


class LogLink:
    def __init__(
        self,
        kafka: KafkaAccess,
        producer: AIOKafkaProducer,
        *,
        topics: list[str],
        spec: TopicSpec,
        create_topics: bool,
        start_timeout_seconds: float,
        strict: bool = True,
    ) -> None:
        self._kafka = kafka
        self._producer = producer
        self._topics = topics
        self._spec = spec
        self._create = create_topics
        self._start_timeout = start_timeout_seconds
        self._strict = strict
        self.connected = asyncio.Event()
        """Set once the topics were checked and the producer started."""
        self.up = False
        self.problem: str | None = "not connected yet"
        """Why the log is degraded (``None`` when it is not): shown by ``/health/ready``."""
        self._gauge: Gauge | None = None

    def watch_with(self, gauge: Gauge) -> None:
        self._gauge = gauge
        self._set(up=self.up, problem=self.problem)

    async def connect(self) -> bool:
        """One attempt: check the topics, start the producer. ``False`` (and degraded) when the
        broker does not answer in time; raises :class:`LogTopicError` when it answers that the
        topics are missing or differ."""
        try:
            async with asyncio.timeout(self._start_timeout):
                await ensure_topics(
                    self._kafka,
                    self._topics,
                    self._spec,
                    create=self._create,
                    unreadable_configuration_is_an_error=self._strict,
                )
                await self._producer.start()
        except LogTopicError:
            raise
        except Exception as error:  # KafkaConnectionError, TimeoutError, OSError...
            self._set(up=False, problem=f"Kafka does not answer: {error!r}")
            log.warning(
                "kafka.unreachable",
                error=repr(error),
                detail="commands still go into the outbox; published when the broker is back",
            )
            return False
        self.connected.set()
        self._set(up=True, problem=None)
        log.info("kafka.connected", topics=self._topics)
        return True

    async def run(self) -> None:
        """Connect when the start could not, then probe the broker every few seconds."""
        backoff = 1.0
        while not self.connected.is_set():
            try:
                if await self.connect():
                    break
            except LogTopicError as error:
                # The broker is back and says the topic is wrong: stay degraded, say why.
                self._set(up=False, problem=str(error))
                log.error("kafka.topics_differ", error=str(error))
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, RETRY_MAX_SECONDS)
        while True:
            await self.probe()
            await asyncio.sleep(PROBE_INTERVAL_SECONDS)

    async def probe(self) -> bool:
        """Does the broker answer a metadata request now?"""
        client: Any = self._producer.client
        try:
            async with asyncio.timeout(PROBE_TIMEOUT_SECONDS):
                await client.fetch_all_metadata()
        except Exception as error:
            if self.up:
                log.warning("kafka.unreachable", error=repr(error))
            self._set(up=False, problem=f"Kafka does not answer: {error!r}")
            return False
        if not self.up:
            log.info("kafka.reachable_again")
        self._set(up=True, problem=None)
        return True

    def _set(self, *, up: bool, problem: str | None) -> None:
        self.up, self.problem = up, problem
        if self._gauge is not None:
            self._gauge.set(1 if up else 0)
