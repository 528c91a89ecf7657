"""Figure 1 and 2a: case registrations over HTTP at N concurrent clients, and the relay's lag.

Each client is its own ``httpx.AsyncClient`` (one keep-alive connection) posting Court decisions
one after another; all clients share one asyncio loop in this process. A Kafka consumer on the
same loop reads the round's topic from the beginning: the lag of a case is the moment its first
record reaches this process minus the moment its POST returned 201 (``time.perf_counter``).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import secrets
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from aiokafka import ConsumerRecord
from infra import Stack, referrals_process, scratch
from summary import latency_summary_ms
from topicreader import TopicReader

from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.kafka import KafkaAccess

DRAIN_TIMEOUT_S = 60.0


def court_decision(reference: str) -> dict[str, object]:
    """A valid Court decision addressed to the Assembly (as the API tests send it)."""
    return {
        "decision": {
            "reference": reference,
            "date": "2026-03-30",
            "chamber": "Pre-Trial Chamber I",
            "legal_basis": "87(7)",
            "referred_to_assembly": True,
            "referred_to_security_council": False,
        },
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-7"},
        "persons_concerned": [{"name": "A. Person", "warrant_reference": "ICC-01/99-W1"}],
    }


@dataclass
class Load:
    """What one burst of registrations produced."""

    wall_s: float = 0.0
    latencies_s: list[float] = field(default_factory=list)
    accepted_at: dict[str, float] = field(default_factory=dict)  # case id -> 201 received
    errors: list[str] = field(default_factory=list)

    @property
    def commands_per_s(self) -> float:
        return len(self.accepted_at) / self.wall_s if self.wall_s else 0.0


async def register_cases(url: str, token: str, *, count: int, clients: int, label: str) -> Load:
    """POST ``count`` Court decisions over ``clients`` concurrent connections."""
    load = Load()
    jobs = iter(range(count))  # shared: each client takes the next number
    headers = {"Authorization": f"Bearer {token}"}
    async with contextlib.AsyncExitStack() as stack:
        https = [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=url, headers=headers, timeout=60)
            )
            for _ in range(clients)
        ]
        started = time.perf_counter()
        await asyncio.gather(*(_client(http, jobs, label, load) for http in https))
        load.wall_s = time.perf_counter() - started
    return load


async def _client(http: httpx.AsyncClient, jobs: Iterator[int], label: str, load: Load) -> None:
    for number in jobs:
        body = court_decision(f"BENCH/{label}/{number:07d}")
        sent = time.perf_counter()
        try:
            response = await http.post("/v1/court-referrals", json=body)
        except httpx.HTTPError as error:
            load.errors.append(repr(error))
            continue
        returned = time.perf_counter()
        load.latencies_s.append(returned - sent)
        if response.status_code == 201:
            load.accepted_at[response.json()["case_id"]] = returned
        else:
            load.errors.append(f"{response.status_code} {response.text[:200]}")


class LagProbe(TopicReader):
    """Reads a topic from its beginning (no group) and notes when each key is first seen."""

    def __init__(self, kafka: KafkaAccess, topic: str) -> None:
        super().__init__(kafka, topic)
        self._awaited: set[str] = set()
        self._all_arrived = asyncio.Event()
        self.first_seen: dict[str, float] = {}

    def on_records(self, records: Sequence[ConsumerRecord[bytes, bytes]], seen: float) -> None:
        for record in records:
            self.first_seen.setdefault(record.key.decode() if record.key else "", seen)

    def after_batch(self) -> None:
        self._check_arrivals()

    def _check_arrivals(self) -> None:
        if self._awaited <= self.first_seen.keys():
            self._all_arrived.set()

    async def wait_for(self, keys: set[str], timeout_s: float) -> float:
        """Wait until every key arrived (or the timeout); returns the seconds waited."""
        started = time.perf_counter()
        self._awaited = keys
        self._all_arrived.clear()
        self._check_arrivals()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._all_arrived.wait(), timeout_s)
        return time.perf_counter() - started


@dataclass(frozen=True)
class RegistrationConfig:
    requests: int
    clients: int
    warmup: int


async def registration_round(
    stack: Stack, config: RegistrationConfig, *, round_no: int, log_dir: Path
) -> dict[str, Any]:
    """One round on a fresh database, topic pair and service process; returns its figures."""
    secret = secrets.token_hex(32)
    token = mint_token(secret, role="court", sub="bench-registry", ttl=timedelta(hours=2))
    log_path = log_dir / f"referrals-round{round_no}.log"
    async with (
        scratch(stack) as where,
        referrals_process(stack, where, jwt_secret=secret, log_path=log_path) as url,
    ):
        probe = LagProbe(stack.kafka, where.topic)
        await probe.start()
        try:
            label = f"r{round_no}"
            warm = await register_cases(
                url, token, count=config.warmup, clients=config.clients, label=f"{label}w"
            )
            load = await register_cases(
                url, token, count=config.requests, clients=config.clients, label=label
            )
            waited = await probe.wait_for(set(load.accepted_at), DRAIN_TIMEOUT_S)
        finally:
            await probe.stop()
    return _figures(load, warm, probe, waited)


def _figures(load: Load, warm: Load, probe: LagProbe, waited_s: float) -> dict[str, Any]:
    lags = [
        probe.first_seen[case] - returned
        for case, returned in load.accepted_at.items()
        if case in probe.first_seen
    ]
    lag = latency_summary_ms(lags)
    return {
        "accepted": len(load.accepted_at),
        "errors": len(load.errors) + len(warm.errors),
        "error_samples": list(itertools.islice(load.errors + warm.errors, 5)),
        "wall_s": round(load.wall_s, 3),
        "commands_per_s": round(load.commands_per_s, 1),
        "latency_ms": latency_summary_ms(load.latencies_s),
        "lag_ms": {"p50": lag["p50"], "p99": lag["p99"], "max": lag["max"]},
        "lag_arrived": len(lags),
        "lag_negative": sum(1 for value in lags if value < 0),
        "drain_after_load_s": round(waited_s, 3),
        "records_on_topic": probe.records,
    }
