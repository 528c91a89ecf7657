"""The topic's records are what contracts/asyncapi.json says they are (docs/architecture.md §10):
read back from the real Kafka after real commands, each record's value validates against its
message's payload schema (the envelope, its ``data`` against the event's own schema), its key is
the envelope's subject, and its headers are CloudEvents' Kafka binding in structured mode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from noncoop_shared.envelope import Envelope
from noncoop_shared.testing import ROLE_CLAIMS, bearer_headers, court_decision_body, read_topic

pytestmark = pytest.mark.integration

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"


def asyncapi() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((CONTRACTS / "asyncapi.json").read_text())
    return document


def schema_registry() -> Registry[Any]:
    """Every schema of contracts/events, by the file name the AsyncAPI document refers to and
    by its ``$id``."""
    resources: list[tuple[str, Resource[Any]]] = []
    for path in (CONTRACTS / "events").glob("*.schema.json"):
        schema = json.loads(path.read_text())
        resource = Resource.from_contents(schema)
        resources += [(f"./events/{path.name}", resource), (schema["$id"], resource)]
    return Registry().with_resources(resources)


def payload_validator(message: dict[str, Any], registry: Registry[Any]) -> Draft202012Validator:
    return Draft202012Validator(message["payload"], registry=registry)


def test_every_json_schema_declares_its_dialect_and_its_id_is_its_dataschema() -> None:
    for path in (CONTRACTS / "events").glob("*.schema.json"):
        schema = json.loads(path.read_text())
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", path.name
        Draft202012Validator.check_schema(schema)
        if path.name != "envelope.schema.json":
            assert schema["$id"] == f"urn:noncoop:event:{schema['title']}", path.name


async def test_records_on_the_topic_are_what_the_asyncapi_document_says(
    four_services: Any,
) -> None:
    system = four_services
    response = await system.clients["referrals"].post(
        "/v1/court-referrals",
        json=court_decision_body(),
        headers=bearer_headers(system.secret, "court", **ROLE_CLAIMS["court"]),
    )
    assert response.status_code == 201, response.text
    written = {event["id"] for event in response.json()["events"]}

    document = asyncapi()
    messages = {m["name"]: m for m in document["components"]["messages"].values()}
    headers_schema = Draft202012Validator(document["components"]["schemas"]["recordHeaders"])
    registry = schema_registry()

    checked: set[str] = set()
    for _ in range(30):
        records = await read_topic(system.kafka, system.topic, expect=1)
        for record in records:
            assert record.value is not None
            envelope = Envelope.from_bytes(record.value)
            if str(envelope.id) not in written:
                continue
            message = messages[envelope.type]
            value = json.loads(record.value)
            errors = sorted(payload_validator(message, registry).iter_errors(value), key=str)
            assert errors == [], [e.message for e in errors]
            assert value["dataschema"] == f"urn:noncoop:event:{envelope.type}"
            assert record.key == envelope.subject.encode("utf-8")
            headers = {key: raw.decode("ascii") for key, raw in record.headers}
            assert (
                headers["content-type"]
                == "application/cloudevents+json"
                == (message["contentType"])
            )
            headers_schema.validate(headers)
            checked.add(str(envelope.id))
        if checked == written:
            break
    assert checked == written, f"not on the topic: {written - checked}"


def test_a_record_of_another_shape_fails_the_payload_schema() -> None:
    """The check above can fail: an envelope whose ``data`` breaks its event's schema, or whose
    ``type`` is another message's, is refused by the same validator."""
    document = asyncapi()
    messages = {m["name"]: m for m in document["components"]["messages"].values()}
    validator = payload_validator(
        messages["noncoop.referrals.court_decision_received.v1"], schema_registry()
    )
    example = {
        "specversion": "1.0",
        "id": "01900000-0000-7000-8000-000000000000",
        "type": "noncoop.referrals.case_closed.v1",
        "dataschema": "urn:noncoop:event:noncoop.referrals.case_closed.v1",
        "data": {"unexpected": True},
    }
    messages_of_errors = [e.message for e in validator.iter_errors(example)]
    assert any("noncoop.referrals.court_decision_received.v1" in m for m in messages_of_errors)
    assert any("required" in m for m in messages_of_errors)
