"""Poison on the shared log: every consumer of every service sends each unreadable or tampered
record to the dead-letter topic, with the reason, and goes on with the records after it."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from noncoop_shared.testing import court_decision_body, read_topic

pytestmark = pytest.mark.integration


async def register(system: Any) -> str:
    response = await system.clients["referrals"].post(
        "/v1/court-referrals", json=court_decision_body(), headers=system.headers("court")
    )
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


async def test_poison_records_go_to_the_dead_letter_topic_and_every_service_goes_on(
    four_services: Any,
) -> None:
    system = four_services
    first_case = await register(system)
    [record] = await read_topic(system.kafka, system.topic, expect=1)
    genuine = json.loads(record.value)
    tampered = genuine | {"data": genuine["data"] | {"case_id": "someone-else"}}
    poison = {
        "not JSON": (first_case, b"\x00not json at all"),
        "not a valid envelope": (first_case, json.dumps({"hello": "world"}).encode()),
        "hash mismatch": (first_case, json.dumps(tampered).encode()),
        "record key does not match": ("another-key", record.value),
    }
    producer = AIOKafkaProducer(**system.kafka.client_kwargs())
    await producer.start()
    try:
        for key, value in poison.values():
            await producer.send_and_wait(system.topic, value=value, key=key.encode())
    finally:
        await producer.stop()

    after = await register(system)
    reader = system.headers("secretariat")
    deadline = asyncio.get_running_loop().time() + 30
    for service, path in [
        ("reporting", f"/v1/cases/{after}/audit-trail"),
        ("bureau", f"/v1/cases/{after}/formal-response"),
    ]:
        while (await system.clients[service].get(path, headers=reader)).status_code != 200:
            assert asyncio.get_running_loop().time() < deadline, f"{service} stopped at the poison"
            await asyncio.sleep(0.2)

    dead = await read_topic(system.kafka, f"{system.topic}.dlq", expect=10_000, timeout_s=8)
    by_reason: dict[str, set[str]] = {reason: set() for reason in poison}
    for letter in dead:
        headers = {k: v.decode() for k, v in letter.headers}
        reason = next(r for r in poison if headers["noncoop.dlq.reason"].startswith(r))
        by_reason[reason].add(headers["noncoop.dlq.consumer"])
    consumers = set().union(*by_reason.values())
    assert len(consumers) >= len(system.apps), consumers  # at least one consumer per service
    assert by_reason == {reason: consumers for reason in poison}
