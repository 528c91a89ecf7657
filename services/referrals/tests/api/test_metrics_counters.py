"""The counters of docs/operations.md move when their event happens: commands by outcome,
refusals by rule, the relay's publishes; and the process metrics are there."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from .conftest import Bodies, Token

pytestmark = pytest.mark.integration


async def samples(
    client: httpx.AsyncClient, auth: Token
) -> dict[tuple[str, tuple[str, ...]], float]:
    """Every sample of ``/metrics`` as the Secretariat sees it (revealing series included):
    (name, sorted label pairs) -> value."""
    response = await client.get("/metrics", headers=auth("secretariat"))
    assert response.status_code == 200
    return {
        (sample.name, tuple(f"{k}={v}" for k, v in sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(seen: dict[tuple[str, tuple[str, ...]], float], name: str, **labels: str) -> float:
    return seen.get((name, tuple(f"{k}={v}" for k, v in sorted(labels.items()))), 0.0)


async def test_a_recorded_command_and_a_refused_one_move_their_counters(
    client: httpx.AsyncClient, auth: Token, bodies: type[Bodies]
) -> None:
    command = {"service": "referrals", "command": "register_court_referral"}
    before = await samples(client, auth)

    recorded = await client.post(
        "/v1/court-referrals", json=bodies.court_decision(), headers=auth("court")
    )
    assert recorded.status_code == 201
    refused_body = bodies.court_decision(
        referred_to_assembly=False, referred_to_security_council=True
    )
    refused = await client.post("/v1/court-referrals", json=refused_body, headers=auth("court"))
    assert refused.status_code == 409

    after = await samples(client, auth)
    counted = "noncoop_commands_total"
    assert value(after, counted, **command, outcome="recorded") == (
        value(before, counted, **command, outcome="recorded") + 1
    )
    assert value(after, counted, **command, outcome="rule-violation") == (
        value(before, counted, **command, outcome="rule-violation") + 1
    )
    assert value(after, "noncoop_refusals_total", service="referrals", rule="P13") == (
        value(before, "noncoop_refusals_total", service="referrals", rule="P13") + 1
    )


async def test_the_relay_counts_what_it_publishes(
    client: httpx.AsyncClient, auth: Token, bodies: type[Bodies]
) -> None:
    before = value(await samples(client, auth), "noncoop_relay_published_total")
    response = await client.post(
        "/v1/court-referrals", json=bodies.court_decision(), headers=auth("court")
    )
    assert response.status_code == 201
    for _ in range(100):
        if value(await samples(client, auth), "noncoop_relay_published_total") > before:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("noncoop_relay_published_total never moved")


async def test_the_process_metrics_are_exposed(client: httpx.AsyncClient, auth: Token) -> None:
    seen = await samples(client, auth)
    assert value(seen, "process_resident_memory_bytes") > 0
    assert value(seen, "process_cpu_seconds_total") > 0
