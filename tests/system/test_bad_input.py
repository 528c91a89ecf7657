"""Bad input on every service: each refused with an RFC 9457 problem naming what is wrong, never a
5xx, and nothing written (no event in any store, no record on the log) for what was refused.

The command endpoints are read from each app's OpenAPI, so a new command is covered unasked.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from noncoop_shared.envelope import Envelope
from noncoop_shared.testing import ROLE_CLAIMS, bearer_headers, court_decision_body, read_topic

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"
SERVICES = ("referrals", "good_offices", "bureau", "reporting")
MAX_BODY_BYTES = 1_048_576  # the services' default limit
TOKEN_CLAIMS = ROLE_CLAIMS
UNKNOWN_CASE = "01900000-0000-7000-8000-000000000000"


@dataclass(frozen=True)
class BadBody:
    """A body no command can read, and what every command must answer to it."""

    content: bytes
    content_type: str
    status: int
    reason: str  # the start of the 422's body error, when there is one
    error_type: str = "json_invalid"


BAD_BODIES = {
    "malformed JSON": BadBody(b'{"reason": "other",', "application/json", 422, "not valid JSON"),
    "not UTF-8": BadBody(b'{"reason": "\xff\xfe"}', "application/json", 422, "not valid JSON"),
    # Refused before any route, by the bound on depth (ADR 0021).
    "nested 10,000 deep": BadBody(
        b"[" * 10_000 + b"]" * 10_000, "application/json", 422, "nested deeper than", "json_limit"
    ),
    "nested objects 10,000 deep": BadBody(
        b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
        "application/json",
        422,
        "nested deeper than",
        "json_limit",
    ),
    "not JSON but form data": BadBody(
        b"reason=other", "application/x-www-form-urlencoded", 415, ""
    ),
    "plain text": BadBody(b"close it", "text/plain", 415, ""),
    "over the size limit": BadBody(
        b'{"note": "' + b"x" * MAX_BODY_BYTES + b'"}', "application/json", 413, ""
    ),
}


def headers(system: Any, role: str) -> dict[str, str]:
    return bearer_headers(system.secret, role, **TOKEN_CLAIMS[role])


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    sent = f"{response.request.method} {response.request.url.path} -> {response.status_code}"
    assert response.status_code == status, f"{sent}: {response.text[:500]}"
    assert response.headers["content-type"].startswith(PROBLEM), sent
    problem: dict[str, Any] = response.json()
    assert (problem["status"], type(problem["type"]), type(problem["title"])) == (
        status,
        str,
        str,
    ), sent
    return problem


def commands(app: Any) -> list[tuple[str, str]]:
    """(method, path template) of every operation of ``app`` that takes a JSON body."""
    return [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method, operation in operations.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    ]


async def allowed_role(system: Any, service: str, method: str, path: str) -> str:
    """A role the operation lets through: the 403 of a refused role names them."""
    for role in TOKEN_CLAIMS:
        response = await system.clients[service].request(
            method, path, headers=headers(system, role)
        )
        if response.status_code == 403:
            return str(response.json()["allowed_roles"][0])
    return "secretariat"


@dataclass(frozen=True)
class Written:
    """How much the system has written: events in each store, records on the log."""

    events: dict[str, int]
    records: int


async def written(system: Any) -> Written:
    events = {}
    for service, dsn in system.dsns.items():
        conn = await asyncpg.connect(dsn)
        try:
            events[service] = int(await conn.fetchval("SELECT count(*) FROM events"))
        finally:
            await conn.close()
    consumer = AIOKafkaConsumer(**system.kafka.client_kwargs())
    await consumer.start()
    try:
        await consumer.topics()  # loads the metadata partitions_for_topic reads
        partitions = consumer.partitions_for_topic(system.topic) or set()
        ends = await consumer.end_offsets([TopicPartition(system.topic, p) for p in partitions])
    finally:
        await consumer.stop()
    return Written(events, sum(ends.values()))


async def settled(system: Any) -> Written:
    """What is written once the policies and relays have stopped writing."""
    before = await written(system)
    while True:
        await asyncio.sleep(1.0)
        now = await written(system)
        if now == before:
            return now
        before = now


async def registered_case(system: Any) -> str:
    response = await system.clients["referrals"].post(
        "/v1/court-referrals", json=court_decision_body(), headers=headers(system, "court")
    )
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


def fill(path: str, value: str) -> str:
    """``path`` with every ``{parameter}`` set to ``value``."""
    return re.sub(r"\{[^}]+\}", value, path)


async def test_every_command_refuses_an_unreadable_body_with_a_problem_and_writes_nothing(
    four_services: Any,
) -> None:
    system = four_services
    case_id = await registered_case(system)
    operations = [(service, op) for service in SERVICES for op in commands(system.apps[service])]
    assert {service for service, _ in operations} == {*SERVICES}
    roles = {
        (service, op): await allowed_role(system, service, op[0], fill(op[1], case_id))
        for service, op in operations
    }
    before = await settled(system)

    for service, (method, path) in operations:
        for name, bad in BAD_BODIES.items():
            response = await system.clients[service].request(
                method,
                fill(path, case_id),
                content=bad.content,
                headers=headers(system, roles[(service, (method, path))])
                | {"Content-Type": bad.content_type, "Idempotency-Key": f"bad-{name}"},
            )
            problem = assert_problem(response, bad.status)
            if bad.status == 422:
                [error] = problem["errors"]
                assert (error["field"], error["type"]) == ("body", bad.error_type), name
                assert error["message"].startswith(bad.reason), (name, error)

    assert await settled(system) == before


#: (service, command path, a valid body, the field to spoil): one free-text or date field
#: per service, on commands a registered 7(a) case accepts.
LONG_TEXT_FIELDS = [
    (
        "referrals",
        "/v1/cases/{case}/forwarding",
        {"communication_reference": "C/1"},
        "communication_reference",
        200,
    ),
    (
        "good_offices",
        "/v1/cases/{case}/good-offices/bureau-decision-activation",
        {"bureau_decision_reference": "Bureau/26/3"},
        "bureau_decision_reference",
        200,
    ),
    (
        "bureau",
        "/v1/cases/{case}/formal-response/facilitator",
        {"facilitator": "A. Facilitator"},
        "facilitator",
        300,
    ),
]
DATE_FIELDS = [
    (
        "referrals",
        "/v1/cases/{case}/court-decision-changes",
        {
            "kind": "amended",
            "decision_reference": "ICC-01/99-01/26-123",
            "change_reference": "ICC-01/99-01/26-124",
            "change_date": "2026-04-01",
        },
        "change_date",
    ),
    (
        "good_offices",
        "/v1/cases/{case}/good-offices/own-initiative-activation",
        {
            "court_consulted_on": "2026-03-31",
            "opportunity_assessment": "The person leaves on 2 April.",
        },
        "court_consulted_on",
    ),
    (
        "bureau",
        "/v1/cases/{case}/formal-response/open-letter",
        {"letter_reference": "L/1", "reply_due_on": "2026-05-01"},
        "reply_due_on",
    ),
]
OUT_OF_RANGE_DATES = [
    "0000-03-30",
    "10000-01-01",
    "2026-02-30",
    "2026-13-01",
    "-2026-01-01",
    "2026-1-1",
]
OUT_OF_RANGE_TIMES = ["0000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2026-02-30T10:00:00Z"]
#: Valid ISO 8601, but their UTC instant falls outside years 1-9999 (Python's datetime range).
EDGE_TIMES = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"]


async def test_too_long_strings_and_impossible_dates_are_422s_naming_the_field_and_write_nothing(
    four_services: Any,
) -> None:
    system = four_services
    case_id = await registered_case(system)
    spoiled: list[tuple[str, str, dict[str, Any], str]] = []
    for service, path, body, field, max_length in LONG_TEXT_FIELDS:
        for text in ("x" * (max_length + 1), "é" * (max_length + 1), "x" * 1_000_000):
            spoiled.append((service, path, body | {field: text}, field))
    for service, path, body, field in DATE_FIELDS:
        for day in OUT_OF_RANGE_DATES:
            spoiled.append((service, path, body | {field: day}, field))
        for moment in OUT_OF_RANGE_TIMES:
            spoiled.append((service, path, body | {"occurred_at": moment}, "occurred_at"))
    before = await settled(system)

    for service, path, body, field in spoiled:
        url = path.format(case=case_id)
        role = await allowed_role(system, service, "POST", url)
        response = await system.clients[service].post(url, json=body, headers=headers(system, role))
        problem = assert_problem(response, 422)
        named = [error["field"] for error in problem["errors"]]
        assert f"body.{field}" in named, (service, path, str(body[field])[:40], named)

    assert await settled(system) == before


#: Text no record may hold (refused) and odd text any record may hold (kept, whole).
UNSTORABLE_TEXTS = {"NUL": "before\x00after", "lone surrogate": "\ud800 alone"}
ODD_TEXTS = ["\u202eright-to-left override", "e\u0301 combining", "\U0001f600 emoji", "\\u0000"]


async def test_odd_unicode_is_kept_whole_and_text_no_record_may_hold_is_a_422(
    four_services: Any,
) -> None:
    """NUL and lone surrogates would stop every consumer of the log at their event (no
    PostgreSQL text holds them) or could not be hashed: refused, naming the field, nothing
    written. Right-to-left marks, combining marks and emoji are kept as sent."""
    system = four_services
    case_id = await registered_case(system)
    before = await settled(system)
    for service, path, body, field, _ in LONG_TEXT_FIELDS:
        url = path.format(case=case_id)
        role = await allowed_role(system, service, "POST", url)
        for why, text in UNSTORABLE_TEXTS.items():
            response = await system.clients[service].post(
                url,
                # ASCII JSON: a lone surrogate has no UTF-8 form, only its escape.
                content=json.dumps(body | {field: text}).encode("ascii"),
                headers=headers(system, role) | {"Content-Type": "application/json"},
            )
            problem = assert_problem(response, 422)
            assert problem["errors"][0]["field"] == f"body.{field}", (service, why)
            assert why in problem["detail"], (service, problem["detail"])
    assert await settled(system) == before

    odd = " / ".join(ODD_TEXTS)
    response = await system.clients["referrals"].post(
        f"/v1/cases/{case_id}/forwarding",
        json={"communication_reference": odd[:200]},
        headers=headers(system, "secretariat"),
    )
    assert response.status_code == 200, response.text
    [forwarded] = response.json()["events"]
    event = await on_the_log(system, forwarded["id"])
    assert event.data["communication_reference"] == odd[:200]  # on the log as sent


#: Integers no event may hold: RFC 8785 numbers are IEEE doubles (2**53 + 1 reads back as 2**53).
UNSAFE_INTEGERS = [2**53, -(2**53), 10**30]


async def test_an_integer_past_2_53_is_a_422_naming_it_and_nothing_is_written(
    four_services: Any,
) -> None:
    """An integer beyond the I-JSON safe range has no canonical form, so its event could be
    neither hashed nor signed: the command would fail in the store (a 500). Refused at the
    edge, naming the field, on every route, in a field the route knows (the session's
    ``number``) or anywhere in the body; nothing written."""
    system = four_services
    case_id = await registered_case(system)
    before = await settled(system)
    session = {
        "session_id": "ASP-big",
        "kind": "regular",
        "starts_on": "2031-12-01",
        "ends_on": "2031-12-05",
        "venue": "The Hague",
    }
    sent = [("bureau", "/v1/sessions", session, "number", "body.number")]
    sent += [(s, p, b, f, f"body.{f}.nested.0") for s, p, b, f, _ in LONG_TEXT_FIELDS]
    for service, path, body, field, where in sent:
        url = path.format(case=case_id)
        role = await allowed_role(system, service, "POST", url)
        for number in UNSAFE_INTEGERS:
            value = number if where == f"body.{field}" else {"nested": [number]}
            response = await system.clients[service].post(
                url, json=body | {field: value}, headers=headers(system, role)
            )
            problem = assert_problem(response, 422)
            assert problem["errors"][0]["field"] == where, (service, number, problem)
            assert problem["errors"][0]["type"] == "int_unsafe", problem
            assert "I-JSON safe range" in problem["detail"], problem
    assert await settled(system) == before

    largest = session | {"number": 2**53 - 1}
    response = await system.clients["bureau"].post(
        "/v1/sessions", json=largest, headers=headers(system, "secretariat")
    )
    assert response.status_code == 201, response.text
    [scheduled] = response.json()["events"]
    event = await on_the_log(system, scheduled["id"])
    assert event.data["number"] == 2**53 - 1  # the largest exact one, on the log as sent


async def on_the_log(system: Any, event_id: str) -> Envelope:
    """The event ``event_id`` as the relay put it on the topic (waiting for it)."""
    for expect in range(1, 60):
        records = await read_topic(system.kafka, system.topic, expect=expect)
        found = [r for r in records if r.value is not None and event_id.encode() in r.value]
        if found:
            return Envelope.from_bytes(found[0].value or b"")
    raise AssertionError(f"event {event_id} never reached the log")


async def test_an_instant_at_the_edge_of_the_calendar_breaks_no_service(four_services: Any) -> None:
    """Accepted or refused, but never a 5xx, then or later when the case is read or folded."""
    system = four_services
    case_id = await registered_case(system)
    for service, path, body, _ in DATE_FIELDS:
        for moment in EDGE_TIMES:
            url = path.format(case=case_id)
            role = await allowed_role(system, service, "POST", url)
            response = await system.clients[service].post(
                url, json=body | {"occurred_at": moment}, headers=headers(system, role)
            )
            assert response.status_code < 500, (service, path, moment, response.text[:300])
    await settled(system)
    reader = headers(system, "secretariat")
    for service, path in [
        ("referrals", f"/v1/cases/{case_id}"),
        ("good_offices", f"/v1/cases/{case_id}/good-offices"),
        ("bureau", f"/v1/cases/{case_id}/formal-response"),
        ("reporting", f"/v1/cases/{case_id}/audit-trail"),
        ("reporting", f"/v1/cases/{case_id}/procedural-state"),
    ]:
        response = await system.clients[service].get(path, headers=reader)
        assert response.status_code < 500, (service, path, response.text[:300])


async def test_every_read_of_an_unknown_case_is_a_404_problem_on_every_service(
    four_services: Any,
) -> None:
    system = four_services
    reads = [
        (service, path)
        for service in SERVICES
        for path, operations in system.apps[service].openapi()["paths"].items()
        if "get" in operations and "{case_id}" in path and path.count("{") == 1
    ]
    assert {service for service, _ in reads} == {*SERVICES}
    for service, path in reads:
        response = await system.clients[service].get(
            path.replace("{case_id}", UNKNOWN_CASE), headers=headers(system, "secretariat")
        )
        assert_problem(response, 404)
