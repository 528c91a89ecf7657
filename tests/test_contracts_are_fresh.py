"""contracts/ is generated from the code (docs/architecture.md §10); a stale copy fails here."""

from __future__ import annotations

import json
from pathlib import Path

from noncoop_shared.contracts.generate import REPO, generate, stale


def test_committed_contracts_match_what_the_code_generates() -> None:
    problems = stale(REPO / "contracts")
    assert problems == [], f"stale contracts (run `make contracts`): {problems}"


def test_stale_detection_notices_an_edited_and_an_extra_file(tmp_path: Path) -> None:
    for path, text in generate().items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    assert stale(tmp_path) == []
    asyncapi = tmp_path / "asyncapi.json"
    asyncapi.write_text(asyncapi.read_text().replace("noncoop.events.v1", "other.topic"))
    (tmp_path / "events" / "leftover.schema.json").write_text("{}")
    assert stale(tmp_path) == ["asyncapi.json", "events/leftover.schema.json"]


def test_every_event_schema_names_its_classification_rule_and_personal_data() -> None:
    schema = json.loads(
        (
            REPO / "contracts/events/noncoop.referrals.court_decision_received.v1.schema.json"
        ).read_text()
    )
    assert schema["x-noncoop"] == {
        "service": "referrals",
        "version": 1,
        "classification": "public",
        "rule": "P13",
        "personal_data": ["persons_concerned[].name"],
    }
    person = schema["$defs"]["PersonConcerned"]["properties"]["name"]
    assert person["x-personal-data"] is True


def test_the_referrals_openapi_documents_bearer_auth_and_problem_responses() -> None:
    openapi = json.loads((REPO / "contracts/openapi/referrals.json").read_text())
    post = openapi["paths"]["/v1/court-referrals"]["post"]
    assert {"401", "403", "409", "422"} <= set(post["responses"])
    assert "Idempotency-Key" in {p["name"] for p in post.get("parameters", [])}
    assert openapi["components"]["securitySchemes"]
