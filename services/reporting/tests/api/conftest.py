"""Referrals and reporting in process, sharing one fresh topic of the real Kafka."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from fastapi import FastAPI

from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.testing import bearer_headers, serve_side_by_side
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings
from reporting.main import build_app as build_reporting
from reporting.settings import ReportingSettings

SECRET = "reporting-api-tests-secret-" + "r" * 32

Auth = Callable[..., dict[str, str]]


def headers_for(role: str, sub: str | None = None, **claims: str) -> dict[str, str]:
    return bearer_headers(SECRET, role, sub, **claims)


@pytest.fixture
def auth() -> Auth:
    return headers_for


@dataclass
class System:
    referrals: httpx.AsyncClient
    reporting: httpx.AsyncClient
    reporting_dsn: str
    kafka: KafkaAccess
    topic: str
    reporting_app: FastAPI | None = None
    """The reporting app itself, for a test that changes its runtime (what it reads from)."""

    @property
    def bootstrap_servers(self) -> str:
        return self.kafka.bootstrap_servers

    @staticmethod
    def headers(role: str, **claims: str) -> dict[str, str]:
        return headers_for(role, **claims)

    async def caught_up(self, records: int, consumer: str) -> None:
        """Wait until ``records`` are on the log and ``consumer`` has applied all of them."""
        # Subscribing (no group) fetches the topic's metadata on start.
        reader = AIOKafkaConsumer(self.topic, **self.kafka.client_kwargs(), group_id=None)
        await reader.start()
        ends: dict[int, int] = {}
        try:
            partitions = [
                TopicPartition(self.topic, p) for p in reader.partitions_for_topic(self.topic) or ()
            ]
            assert partitions
            for _ in range(200):
                ends = {tp.partition: n for tp, n in (await reader.end_offsets(partitions)).items()}
                if sum(ends.values()) >= records:
                    break
                await asyncio.sleep(0.1)
        finally:
            await reader.stop()
        assert sum(ends.values()) >= records, ends
        stored: dict[int, int] = {}
        conn = await asyncpg.connect(self.reporting_dsn)
        try:
            for _ in range(200):
                rows = await conn.fetch(
                    "SELECT partition, next_offset FROM consumer_positions WHERE consumer = $1",
                    consumer,
                )
                stored = {row["partition"]: row["next_offset"] for row in rows}
                if all(stored.get(p, 0) >= end for p, end in ends.items()):
                    return
                await asyncio.sleep(0.1)
        finally:
            await conn.close()
        raise AssertionError(f"{consumer} did not catch up: {stored} < {ends}")


@pytest.fixture
async def system(
    database_factory: Any, fresh_topic: str, kafka_bootstrap_servers: str, kafka_access: KafkaAccess
) -> AsyncIterator[System]:
    common = {
        "kafka_bootstrap_servers": kafka_bootstrap_servers,
        "events_topic": fresh_topic,
        "dead_letter_topic": f"{fresh_topic}.dlq",
        "NONCOOP_JWT_SECRET": SECRET,
        "late_entry_grace_hours": 0,  # deadlines fire at their due time in these tests
    }
    referrals = build_referrals(
        ReferralsSettings(
            database_url=await database_factory.create(), deadline_check_seconds=0.2, **common
        )
    )
    reporting_dsn = await database_factory.create()
    reporting = build_reporting(ReportingSettings(database_url=reporting_dsn, **common))
    async with AsyncExitStack() as stack:
        clients = await serve_side_by_side(stack, {"referrals": referrals, "reporting": reporting})
        yield System(
            clients["referrals"],
            clients["reporting"],
            reporting_dsn,
            kafka_access,
            fresh_topic,
            reporting,
        )


@dataclass
class FeedSystem(System):
    """Referrals, the Bureau (its calendar is a registry stream) and reporting, with webhooks
    allowed to this machine over plain http and retried within a second."""

    bureau: httpx.AsyncClient | None = None


@pytest.fixture
async def feed_system(
    request: pytest.FixtureRequest,
    database_factory: Any,
    fresh_topic: str,
    kafka_bootstrap_servers: str,
    kafka_access: KafkaAccess,
) -> AsyncIterator[FeedSystem]:
    """``request.param`` (indirect parametrisation) overrides reporting's webhook settings."""
    from bureau.main import build_app as build_bureau
    from bureau.settings import BureauSettings

    common = {
        "kafka_bootstrap_servers": kafka_bootstrap_servers,
        "events_topic": fresh_topic,
        "dead_letter_topic": f"{fresh_topic}.dlq",
        "NONCOOP_JWT_SECRET": SECRET,
        "late_entry_grace_hours": 0,
    }
    referrals = build_referrals(
        ReferralsSettings(
            database_url=await database_factory.create(), deadline_check_seconds=0.2, **common
        )
    )
    bureau = build_bureau(
        BureauSettings(
            database_url=await database_factory.create(), deadline_check_seconds=0.2, **common
        )
    )
    reporting_dsn = await database_factory.create()
    webhooks: dict[str, Any] = {
        "webhook_trusted_hosts": "127.0.0.1",
        # Four loops contend for the subscriptions as replicas would: SKIP LOCKED keeps each
        # subscription's events to one of them at a time.
        "webhook_workers": 4,
        "webhook_max_attempts": 3,
        "webhook_backoff_base_seconds": 0.1,
        "webhook_backoff_cap_seconds": 0.4,
        "webhook_timeout_seconds": 2.0,
        "webhook_idle_seconds": 0.1,
    }
    webhooks |= getattr(request, "param", {})
    reporting = build_reporting(ReportingSettings(database_url=reporting_dsn, **webhooks, **common))
    async with AsyncExitStack() as stack:
        clients = await serve_side_by_side(
            stack, {"referrals": referrals, "bureau": bureau, "reporting": reporting}
        )
        yield FeedSystem(
            clients["referrals"],
            clients["reporting"],
            reporting_dsn,
            kafka_access,
            fresh_topic,
            bureau=clients["bureau"],
        )
