"""A case's history imported into referrals through ``POST /v1/history-imports`` (ADR 0017):
the same events as single commands, all or nothing, once per Idempotency-Key, only by whom
may import and only as actors the entries' routes allow; deadlines left open settled in
business time (docs/procedures.md, Time)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from noncoop_shared.catalogue.referrals import case_stream
from noncoop_shared.envelope import Envelope
from noncoop_shared.testing import court_decision_body

from .conftest import Auth, Stack

pytestmark = pytest.mark.integration

IMPORTS = "/v1/history-imports"
REGISTRY = {"role": "court", "id": "icc-registry"}
SECRETARIAT = {"role": "secretariat", "id": "sec-7"}
PRESIDENT = {"role": "president", "id": "president-1"}


def referral(occurred_at: str = "2015-03-02T10:00:00+00:00") -> dict[str, Any]:
    body = court_decision_body(date=occurred_at[:10]) | {"occurred_at": occurred_at}
    return {"method": "POST", "path": "/v1/court-referrals", "body": body}


def forwarding(occurred_at: str = "2015-03-02T15:00:00+00:00") -> dict[str, Any]:
    body = {"communication_reference": "ASP/2015/NV-1", "occurred_at": occurred_at}
    return {"method": "POST", "path": "/v1/cases/{case_id}/forwarding", "body": body}


def press_release(occurred_at: str = "2015-03-03T09:00:00+00:00") -> dict[str, Any]:
    body = {
        "reference": "ICC-ASP-20150303-PR1",
        "title": "The President of the Assembly on the Court's decision",
        "occurred_at": occurred_at,
    }
    return {"method": "POST", "path": "/v1/cases/{case_id}/press-release", "body": body}


def history(*entries: tuple[dict[str, Any], dict[str, str]]) -> dict[str, Any]:
    return {"entries": [{"command": command, "actor": actor} for command, actor in entries]}


THREE_STEPS = history(
    (referral(), REGISTRY), (forwarding(), SECRETARIAT), (press_release(), PRESIDENT)
)


def as_recorded(events: list[Envelope]) -> list[tuple[Any, ...]]:
    """What a command records, less what differs between two cases (ids, sealed data)."""
    return [
        (
            e.streamversion,
            e.type,
            e.actorrole,
            e.actorid,
            e.occurredat,
            e.classification,
            e.rule,
            {k: v for k, v in e.data.items() if k not in ("case_id", "persons_concerned")},
        )
        for e in events
    ]


async def test_an_import_records_exactly_what_the_single_commands_record(
    stack: Stack, auth: Auth
) -> None:
    live = await stack.referrals.post(
        "/v1/court-referrals", json=referral()["body"], headers=auth("court", "icc-registry")
    )
    live_case = live.json()["case_id"]
    for command, role, sub in (
        (forwarding(), "secretariat", "sec-7"),
        (press_release(), "president", "president-1"),
    ):
        path = command["path"].replace("{case_id}", live_case)
        answered = await stack.referrals.post(path, json=command["body"], headers=auth(role, sub))
        assert answered.status_code == 200, answered.text

    response = await stack.referrals.post(
        IMPORTS, json=THREE_STEPS, headers=auth("secretariat", "sec-1")
    )

    assert response.status_code == 200, response.text
    imported = response.json()
    case_id = imported["case_id"]
    assert [e["status"] for e in imported["entries"]] == [201, 200, 200]
    live_events = await stack.events(stack.referrals_app, case_stream(live_case))
    imported_events = await stack.events(stack.referrals_app, case_stream(case_id))
    assert as_recorded(imported_events) == as_recorded(live_events)
    assert len(imported_events) == 3
    assert imported["settled_deadlines"] == []


async def test_an_imported_event_names_its_actor_its_importer_and_the_import(
    stack: Stack, auth: Auth
) -> None:
    response = await stack.referrals.post(
        IMPORTS, json=THREE_STEPS, headers=auth("secretariat", "sec-1")
    )

    events = await stack.events(stack.referrals_app, case_stream(response.json()["case_id"]))
    assert [(e.actorrole, e.actorid) for e in events] == [
        ("court", "icc-registry"),
        ("secretariat", "sec-7"),
        ("president", "president-1"),
    ]
    assert {e.causationid for e in events} == {"history-import:secretariat:sec-1"}
    assert {e.correlationid for e in events} == {response.headers["X-Correlation-Id"]}


async def test_a_refused_third_entry_leaves_nothing_recorded(stack: Stack, auth: Auth) -> None:
    bad = history(
        (referral(), REGISTRY),
        (forwarding(), SECRETARIAT),
        (press_release("2999-01-01T00:00:00+00:00"), PRESIDENT),
    )

    response = await stack.referrals.post(IMPORTS, json=bad, headers=auth("secretariat"))

    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["entry"] == 2
    assert [e["field"] for e in problem["errors"]] == ["entries[2].body.occurred_at"]
    assert problem["detail"].startswith("entries[2]: ")
    for table in ("events", "deadlines", "idempotency"):
        assert await stack.count(stack.referrals_app, table) == 0, table


async def test_an_entry_for_a_route_the_service_does_not_have_rolls_back_the_entries_before(
    stack: Stack, auth: Auth
) -> None:
    unknown = {
        "method": "POST",
        "path": "/v1/cases/{case_id}/nothing-here",
        "body": {"occurred_at": "2015-03-04T09:00:00+00:00"},
    }
    bad = history((referral(), REGISTRY), (forwarding(), SECRETARIAT), (unknown, SECRETARIAT))

    response = await stack.referrals.post(IMPORTS, json=bad, headers=auth("secretariat"))

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["entries[2].command.path"]
    assert await stack.count(stack.referrals_app, "events") == 0


async def test_an_entry_without_its_business_time_is_refused_before_anything_runs(
    stack: Stack, auth: Auth
) -> None:
    undated = forwarding()
    del undated["body"]["occurred_at"]

    response = await stack.referrals.post(
        IMPORTS,
        json=history((referral(), REGISTRY), (undated, SECRETARIAT)),
        headers=auth("secretariat"),
    )

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["entries[1].body.occurred_at"]
    assert await stack.count(stack.referrals_app, "events") == 0


async def test_the_same_import_sent_twice_with_one_key_records_once_and_answers_the_same(
    stack: Stack, auth: Auth
) -> None:
    headers = auth("secretariat", "sec-1") | {"Idempotency-Key": "import-case-2015-1"}

    first = await stack.referrals.post(IMPORTS, json=THREE_STEPS, headers=headers)
    second = await stack.referrals.post(IMPORTS, json=THREE_STEPS, headers=headers)

    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert await stack.count(stack.referrals_app, "events") == 3


async def test_one_key_for_two_different_imports_is_refused(stack: Stack, auth: Auth) -> None:
    headers = auth("secretariat", "sec-1") | {"Idempotency-Key": "import-case-2015-2"}
    await stack.referrals.post(IMPORTS, json=THREE_STEPS, headers=headers)

    other = history((referral("2016-01-04T10:00:00+00:00"), REGISTRY))
    response = await stack.referrals.post(IMPORTS, json=other, headers=headers)

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "header.Idempotency-Key"
    assert await stack.count(stack.referrals_app, "events") == 3


@pytest.mark.parametrize(
    ("role", "status"), [(None, 401), ("president", 403), ("bureau_member", 403)]
)
async def test_only_the_secretariat_or_the_court_may_import(
    stack: Stack, auth: Auth, role: str | None, status: int
) -> None:
    headers = auth(role) if role is not None else {}

    response = await stack.referrals.post(IMPORTS, json=THREE_STEPS, headers=headers)

    assert response.status_code == status, response.text
    assert await stack.count(stack.referrals_app, "events") == 0


async def test_the_court_imports_its_own_acts(stack: Stack, auth: Auth) -> None:
    response = await stack.referrals.post(
        IMPORTS, json=history((referral(), REGISTRY)), headers=auth("court", "icc-registry")
    )

    assert response.status_code == 200, response.text
    assert await stack.count(stack.referrals_app, "events") == 1


async def test_the_court_may_not_import_the_secretariats_acts(stack: Stack, auth: Auth) -> None:
    response = await stack.referrals.post(
        IMPORTS,
        json=history((referral(), REGISTRY), (forwarding(), SECRETARIAT)),
        headers=auth("court", "icc-registry"),
    )

    assert response.status_code == 403, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["entries[1].actor.role"]
    assert await stack.count(stack.referrals_app, "events") == 0


async def test_an_entry_whose_actor_the_route_does_not_allow_is_refused_and_nothing_recorded(
    stack: Stack, auth: Auth
) -> None:
    # Only the Secretariat forwards a decision to the States Parties (P13-forward).
    bad = history((referral(), REGISTRY), (forwarding(), PRESIDENT))

    response = await stack.referrals.post(IMPORTS, json=bad, headers=auth("secretariat"))

    assert response.status_code == 403, response.text
    problem = response.json()
    assert problem["entry"] == 1
    assert [e["field"] for e in problem["errors"]] == ["entries[1].actor.role"]
    assert await stack.count(stack.referrals_app, "events") == 0


async def test_a_deadline_open_before_the_last_business_time_is_recorded_overdue_at_its_due_instant(
    stack: Stack, auth: Auth
) -> None:
    # Referral on 2 March 10:00; press release due a day later (P13-press), never issued; the
    # forwarding, late, on 5 March: the history's latest business time.
    late = history((referral(), REGISTRY), (forwarding("2015-03-05T09:00:00+00:00"), SECRETARIAT))

    response = await stack.referrals.post(IMPORTS, json=late, headers=auth("secretariat"))

    assert response.status_code == 200, response.text
    imported = response.json()
    settled = imported["settled_deadlines"]
    assert [(d["kind"], d["rule"], d["due_at"]) for d in settled] == [
        ("press_release", "P13-press", "2015-03-03T10:00:00+00:00")
    ]
    events = await stack.events(stack.referrals_app, case_stream(imported["case_id"]))
    overdue = events[-1]
    assert overdue.type.endswith("press_release_overdue.v1")
    assert str(overdue.id) == settled[0]["event_id"]
    assert overdue.occurredat == datetime(2015, 3, 3, 10, tzinfo=UTC)
    assert len(events) == 3  # no forwarding overdue: the forwarding entry settled it


async def test_a_deadline_due_after_the_last_business_time_is_left_to_the_scheduler(
    stack: Stack, auth: Auth
) -> None:
    response = await stack.referrals.post(
        IMPORTS, json=history((referral(), REGISTRY)), headers=auth("secretariat")
    )

    assert response.status_code == 200, response.text
    assert response.json()["settled_deadlines"] == []
    assert await stack.count(stack.referrals_app, "events") == 1
    assert await stack.count(stack.referrals_app, "deadlines") == 2


async def test_an_import_that_opens_a_second_case_is_refused_and_records_nothing(
    stack: Stack, auth: Auth
) -> None:
    two_cases = history((referral(), REGISTRY), (referral("2015-04-01T10:00:00+00:00"), REGISTRY))

    response = await stack.referrals.post(IMPORTS, json=two_cases, headers=auth("secretariat"))

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["entries[1].command"]
    assert await stack.count(stack.referrals_app, "events") == 0
