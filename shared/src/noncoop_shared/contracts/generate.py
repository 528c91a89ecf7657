"""Write ``contracts/`` from the code: the catalogue and each service's app are the source.

``python -m noncoop_shared.contracts.generate [--check] [--out DIR]``. With ``--check`` nothing is
written; the exit code is 1 and the stale files are named when ``contracts/`` differs from what
the code generates (CI runs the same comparison as a test).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from noncoop_shared.catalogue import CATALOGUE, personal_data_paths
from noncoop_shared.envelope import Envelope, dataschema_of
from noncoop_shared.relay import STRUCTURED_CONTENT_TYPE

REPO = Path(__file__).resolve().parents[4]
SERVICES = ["referrals", "good_offices", "bureau", "reporting"]
"""Services whose OpenAPI is published; each provides ``<name>.main.build_app(settings)``."""


JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The dialect pydantic writes, declared by every schema so validators need not guess."""

ENVELOPE_ID = "urn:noncoop:envelope:v1"


def event_schemas() -> dict[str, dict[str, Any]]:
    schemas: dict[str, dict[str, Any]] = {}
    for meta in CATALOGUE:
        schema = meta.payload.model_json_schema(mode="serialization")
        schema["$schema"] = JSON_SCHEMA_DIALECT
        schema["$id"] = dataschema_of(meta.type)
        schema["title"] = meta.type
        schema["x-noncoop"] = {
            "service": meta.service,
            "version": meta.version,
            "classification": meta.classification.value,
            "rule": meta.rule,
            "personal_data": personal_data_paths(meta.payload),
        }
        schemas[f"events/{meta.type}.schema.json"] = schema
    envelope = Envelope.model_json_schema(mode="serialization")
    envelope["$schema"] = JSON_SCHEMA_DIALECT
    envelope["$id"] = ENVELOPE_ID
    schemas["events/envelope.schema.json"] = envelope
    return schemas


def asyncapi() -> dict[str, Any]:
    """The topic as it is on the wire (CloudEvents' Kafka binding, structured mode): the record's
    value is the whole envelope in canonical JSON, whose ``data`` is the event's payload; its
    key is the envelope's ``subject``; its headers are ``content-type`` and, when traced,
    ``traceparent`` (never part of the envelope: it is not hashed or signed)."""
    messages = {
        meta.type.replace(".", "_"): {
            "name": meta.type,
            "title": meta.payload.__name__,
            "summary": (meta.payload.__doc__ or "").strip().splitlines()[0]
            if meta.payload.__doc__
            else meta.type,
            "contentType": STRUCTURED_CONTENT_TYPE[1].decode("ascii"),
            "headers": {"$ref": "#/components/schemas/recordHeaders"},
            "payload": {
                "allOf": [
                    {"$ref": "./events/envelope.schema.json"},
                    {
                        "type": "object",
                        "properties": {
                            "type": {"const": meta.type},
                            "schemaversion": {"const": meta.version},
                            "dataschema": {"const": dataschema_of(meta.type)},
                            "data": {"$ref": f"./events/{meta.type}.schema.json"},
                        },
                    },
                ]
            },
            "bindings": {"kafka": {"key": {"$ref": "#/components/schemas/recordKey"}}},
            "x-classification": meta.classification.value,
            "x-rule": meta.rule,
        }
        for meta in CATALOGUE
    }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "noncoop event log",
            "version": "1",
            "description": "One immutable log for every case and registry stream. Key = the "
            "envelope's subject (case id or registry stream id); value = a CloudEvents 1.0 "
            "envelope in RFC 8785 canonical JSON, whose `data` is the payload and `dataschema` "
            "its JSON Schema's $id; header `content-type: application/cloudevents+json` "
            "(CloudEvents' Kafka binding, structured mode). Retention: forever.",
        },
        "defaultContentType": STRUCTURED_CONTENT_TYPE[1].decode("ascii"),
        "channels": {
            "events": {
                "address": "noncoop.events.v1",
                "messages": {name: {"$ref": f"#/components/messages/{name}"} for name in messages},
                "bindings": {"kafka": _topic_binding()},
            },
            "deadLetters": {
                "address": "noncoop.events.v1.dlq",
                "description": "Records a consumer could not read, value and key as read, with "
                "the reason in headers noncoop.dlq.reason / consumer / topic / partition / "
                "offset.",
                "bindings": {"kafka": _topic_binding()},
            },
        },
        "operations": {
            "publishEvents": {"action": "send", "channel": {"$ref": "#/channels/events"}},
            "consumeEvents": {"action": "receive", "channel": {"$ref": "#/channels/events"}},
        },
        "components": {
            "messages": messages,
            "schemas": {
                "recordKey": {
                    "type": "string",
                    "description": "the envelope's subject (UTF-8): a case's events share one "
                    "partition, in order",
                },
                "recordHeaders": {
                    "type": "object",
                    "required": ["content-type"],
                    "properties": {
                        "content-type": {"const": STRUCTURED_CONTENT_TYPE[1].decode("ascii")},
                        "traceparent": {
                            "type": "string",
                            "description": "W3C trace context of the append, when traced",
                        },
                    },
                },
            },
        },
    }


def _topic_binding() -> dict[str, Any]:
    """The settings production checks at start (docs/adr/0030)."""
    return {
        "partitions": 12,
        "replicas": 3,
        "topicConfiguration": {
            "cleanup.policy": ["delete"],
            "retention.ms": -1,
            "min.insync.replicas": 2,
        },
        "bindingVersion": "0.5.0",
    }


def openapi(service: str) -> dict[str, Any]:
    module = importlib.import_module(f"{service}.main")
    settings_module = importlib.import_module(f"{service}.settings")
    settings_cls = next(
        getattr(settings_module, n)
        for n in dir(settings_module)
        if n.endswith("Settings") and n != "ServiceSettings"
    )
    settings = settings_cls(
        database_url="postgresql://contracts@localhost/contracts",
        kafka_bootstrap_servers="localhost:9092",
        NONCOOP_JWT_SECRET="contracts-generation-only-" + "x" * 32,
    )
    app = module.build_app(settings)
    return dict(app.openapi())


def generate() -> dict[str, str]:
    files: dict[str, Any] = dict(event_schemas())
    files["asyncapi.json"] = asyncapi()
    for service in SERVICES:
        files[f"openapi/{service}.json"] = openapi(service)
    return {path: json.dumps(doc, indent=2, sort_keys=True) + "\n" for path, doc in files.items()}


def stale(out: Path) -> list[str]:
    """Paths under ``out`` that differ from, lack, or are not in what the code generates."""
    wanted = generate()
    problems = [
        p for p, text in wanted.items() if not (out / p).exists() or (out / p).read_text() != text
    ]
    present = {str(p.relative_to(out)) for p in out.rglob("*.json")}
    problems += sorted(present - set(wanted))
    return sorted(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "contracts")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale(args.out)
        for path in problems:
            print(f"stale: contracts/{path}", file=sys.stderr)
        if problems:
            print("run `make contracts` and commit the result", file=sys.stderr)
        return 1 if problems else 0
    for path, text in generate().items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    print(f"wrote {len(generate())} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
