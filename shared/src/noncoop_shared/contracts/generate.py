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
from noncoop_shared.envelope import Envelope

REPO = Path(__file__).resolve().parents[4]
SERVICES = ["referrals", "good_offices", "bureau", "reporting"]
"""Services whose OpenAPI is published; each provides ``<name>.main.build_app(settings)``."""


def event_schemas() -> dict[str, dict[str, Any]]:
    schemas: dict[str, dict[str, Any]] = {}
    for meta in CATALOGUE:
        schema = meta.payload.model_json_schema(mode="serialization")
        schema["$id"] = f"urn:noncoop:event:{meta.type}"
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
    envelope["$id"] = "urn:noncoop:envelope:v1"
    schemas["events/envelope.schema.json"] = envelope
    return schemas


def asyncapi() -> dict[str, Any]:
    messages = {
        meta.type.replace(".", "_"): {
            "name": meta.type,
            "title": meta.payload.__name__,
            "summary": (meta.payload.__doc__ or "").strip().splitlines()[0]
            if meta.payload.__doc__
            else meta.type,
            "contentType": "application/cloudevents+json",
            "headers": {"$ref": "./events/envelope.schema.json"},
            "payload": {"$ref": f"./events/{meta.type}.schema.json"},
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
            "description": "One immutable log for every case and registry stream. Key = case id "
            "(or registry stream id); value = a CloudEvents 1.0 envelope in canonical JSON whose "
            "`data` is the payload. Retention: forever.",
        },
        "channels": {
            "events": {
                "address": "noncoop.events.v1",
                "messages": {name: {"$ref": f"#/components/messages/{name}"} for name in messages},
            },
            "deadLetters": {
                "address": "noncoop.events.v1.dlq",
                "description": "Records a consumer could not read, with the reason in headers "
                "noncoop.dlq.reason / consumer / topic / partition / offset.",
            },
        },
        "operations": {
            "publishEvents": {"action": "send", "channel": {"$ref": "#/channels/events"}},
            "consumeEvents": {"action": "receive", "channel": {"$ref": "#/channels/events"}},
        },
        "components": {"messages": messages},
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
