"""The pure parts of the history import (ADR 0017): the case id placeholders, the problem of a
refused entry, what is checked before anything runs, and how the client splits a case file."""

from __future__ import annotations

import json
from typing import Any

import pytest

from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.imports.__main__ import main
from noncoop_shared.imports.client import idempotency_key, split_by_service
from noncoop_shared.imports.entries import EntryRefusedError, plan, with_case_id
from noncoop_shared.imports.schemas import HistoryImport

CASE = "01a2456a-d525-7741-b512-15998a8042ed"
SECRETARIAT = Principal(role=Role.SECRETARIAT, subject="sec-1")
COURT = Principal(role=Role.COURT, subject="icc-registry")


def entry(role: str = "secretariat", **actor: str) -> dict[str, Any]:
    return {
        "command": {
            "path": "/v1/cases/{case_id}/forwarding",
            "body": {"communication_reference": "NV-1", "occurred_at": "2015-03-02T15:00:00Z"},
        },
        "actor": {"role": role, "id": f"{role}-1", **actor},
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/v1/cases/{case_id}/forwarding", f"/v1/cases/{CASE}/forwarding"),
        ("/v1/cases/{id}/forwarding", f"/v1/cases/{CASE}/forwarding"),
        ({"case_id": "{case_id}", "n": [1, "{id}"]}, {"case_id": CASE, "n": [1, CASE]}),
        ("/v1/court-referrals", "/v1/court-referrals"),
    ],
)
def test_the_case_placeholders_stand_for_the_imports_case(value: Any, expected: Any) -> None:
    assert with_case_id(value, CASE, 0, "command.path") == expected


def test_a_placeholder_before_the_case_is_known_refuses_the_entry_naming_the_field() -> None:
    with pytest.raises(EntryRefusedError) as refused:
        with_case_id({"nested": {"case": "{case_id}"}}, None, 4, "body")

    assert (refused.value.index, refused.value.status) == (4, 422)
    problem = json.loads(bytes(refused.value.response().body))
    assert [e["field"] for e in problem["errors"]] == ["entries[4].body.nested.case"]


def test_a_refused_entrys_field_errors_are_named_under_its_index() -> None:
    inner = {
        "type": "https://noncoop.example/problems/validation-error",
        "title": "Invalid request",
        "status": 422,
        "detail": "body.occurred_at: lies in the future",
        "errors": [{"field": "body.occurred_at", "message": "lies in the future", "type": "x"}],
    }

    problem = json.loads(bytes(EntryRefusedError(3, 422, inner).response().body))

    assert problem["status"] == 422
    assert problem["entry"] == 3
    assert problem["errors"] == [
        {"field": "entries[3].body.occurred_at", "message": "lies in the future", "type": "x"}
    ]
    assert problem["detail"] == "entries[3]: body.occurred_at: lies in the future"


def test_a_rule_refusal_of_an_entry_keeps_its_rule_and_names_the_entry() -> None:
    inner = {
        "type": "https://noncoop.example/problems/rule-violation",
        "title": "Refused by the procedures",
        "status": 409,
        "detail": "the (c) meeting has not been held",
        "rule": "P14d",
    }

    problem = json.loads(bytes(EntryRefusedError(1, 409, inner).response().body))

    assert (problem["status"], problem["rule"], problem["entry"]) == (409, "P14d", 1)
    assert [e["field"] for e in problem["errors"]] == ["entries[1]"]


def test_the_court_imports_only_entries_whose_actor_is_the_court() -> None:
    request = HistoryImport.model_validate({"entries": [entry("court"), entry("secretariat")]})

    with pytest.raises(EntryRefusedError) as refused:
        plan(request, COURT)

    assert (refused.value.index, refused.value.status, refused.value.field) == (
        1,
        403,
        "actor.role",
    )
    assert [e.actor.role for e in plan(request, SECRETARIAT)] == [Role.COURT, Role.SECRETARIAT]


def test_an_actor_that_is_no_coherent_principal_is_refused_before_anything_runs() -> None:
    request = HistoryImport.model_validate({"entries": [entry("focal_point")]})

    with pytest.raises(EntryRefusedError) as refused:
        plan(request, SECRETARIAT)

    assert (refused.value.index, refused.value.status, refused.value.field) == (0, 422, "actor")


def test_the_public_is_no_actor_of_an_import() -> None:
    with pytest.raises(ValueError, match="public"):
        HistoryImport.model_validate({"entries": [entry("public")]})


def test_the_latest_business_time_comes_from_each_entrys_occurred_at() -> None:
    later = entry()
    later["command"]["body"]["occurred_at"] = "2015-03-05T09:00:00+01:00"
    request = HistoryImport.model_validate({"entries": [entry(), later]})

    times = [e.occurred_at.isoformat() for e in plan(request, SECRETARIAT)]

    assert times == ["2015-03-02T15:00:00+00:00", "2015-03-05T09:00:00+01:00"]


def test_the_client_splits_a_case_file_by_service_keeping_the_order() -> None:
    history = {
        "entries": [
            {"service": "referrals", "n": 1},
            {"service": "bureau", "n": 2},
            {"service": "referrals", "n": 3},
            {"service": "good_offices", "n": 4},
        ]
    }

    assert split_by_service(history) == {
        "referrals": [{"n": 1}, {"n": 3}],
        "bureau": [{"n": 2}],
        "good_offices": [{"n": 4}],
    }


def test_an_entry_for_no_known_service_is_refused_with_its_index() -> None:
    with pytest.raises(ValueError, match=r"entries\[1\]\.service"):
        split_by_service({"entries": [{"service": "referrals"}, {"service": "reporting"}]})


def test_the_client_keys_are_the_same_for_the_same_file_and_differ_per_service() -> None:
    history = {"entries": [{"service": "referrals", "n": 1}]}

    assert idempotency_key(history, "referrals") == idempotency_key(dict(history), "referrals")
    assert idempotency_key(history, "referrals") != idempotency_key(history, "bureau")
    assert idempotency_key(history, "referrals") != idempotency_key(
        {"entries": [{"service": "referrals", "n": 2}]}, "referrals"
    )


def test_the_cli_refuses_to_run_without_the_importers_token(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"entries": [{"service": "referrals"}]}))
    monkeypatch.delenv("NONCOOP_TOKEN", raising=False)

    assert main([str(case)]) == 2
    assert "NONCOOP_TOKEN" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content", ["not json", json.dumps({"entries": [{"service": "reporting"}]}), "[]"]
)
def test_the_cli_refuses_a_case_file_it_cannot_read(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    case = tmp_path / "case.json"
    case.write_text(content)
    monkeypatch.setenv("NONCOOP_TOKEN", "token")

    assert main([str(case)]) == 2
