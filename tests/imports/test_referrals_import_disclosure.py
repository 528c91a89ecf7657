"""A history import tells its importer nothing the direct routes hide (docs/adr/0023,
docs/adr/0045).

The Court may refer, or decide without a finding on, a 7(b) case it may not read (S7b-to-7a,
S7b-no-finding, ``acts_unseen``): a refusal there is the 404 of an unknown id, and only its
own act, recorded, tells the case apart. An import is rolled back whole when an entry is
refused, so an act that went through, followed by an entry made to fail, recorded nothing and
told the Court that the case exists, or what a later refusal says about it. Here the Court
sends such imports at a hidden 7(b) case and at an id nobody used, and must read the same
problem (the id masked) and leave nothing behind.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from noncoop_shared.catalogue.referrals import case_stream

from .conftest import Auth, Stack

pytestmark = pytest.mark.integration

IMPORTS = "/v1/history-imports"
COURT = {"role": "court", "id": "icc-registry"}
PRESIDENT = {"role": "president", "id": "president-1"}


def _instant(days_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(timespec="seconds")


REPORTED = _instant(30)
"""When the hidden 7(b) case was registered: what the Court must never read."""


def urgent_incident() -> dict[str, Any]:
    return {
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-7"},
        "urgency": "imminent",
        "urgency_reason": "a visit next week",
        "occurred_at": REPORTED,
    }


def decision(days_ago: float) -> dict[str, Any]:
    return {
        "reference": "ICC-01/99-01/26-55",
        "date": _instant(days_ago)[:10],
        "chamber": "Pre-Trial Chamber I",
        "legal_basis": "87(7)",
        "referred_to_assembly": True,
        "referred_to_security_council": False,
    }


def entry(path: str, body: dict[str, Any], actor: dict[str, str] = COURT) -> dict[str, Any]:
    return {"command": {"method": "POST", "path": path, "body": body}, "actor": actor}


def referral(days_ago: float = 1) -> dict[str, Any]:
    body = {"decision": decision(days_ago), "occurred_at": _instant(days_ago)}
    return entry("/v1/cases/{case_id}/court-referral", body)


def amendment(days_ago: float) -> dict[str, Any]:
    body = {
        "kind": "amended",
        "decision_reference": "ICC-01/99-01/26-55",
        "change_reference": "ICC-01/99-01/26-70",
        "change_date": _instant(days_ago)[:10],
        "occurred_at": _instant(days_ago),
    }
    return entry("/v1/cases/{case_id}/court-decision-changes", body)


def no_finding() -> dict[str, Any]:
    body = {
        "reference": "ICC-X-1",
        "date": _instant(2)[:10],
        "chamber": "Pre-Trial Chamber I",
        "occurred_at": _instant(2),
    }
    return entry("/v1/cases/{case_id}/court-decision-without-finding", body)


def invalid_finding() -> dict[str, Any]:
    """Refused by body validation whatever the case: the entry made to fail."""
    return entry("/v1/court-findings", {"decision": {}, "occurred_at": _instant(1)})


def problem(response: httpx.Response, case_id: str) -> tuple[int, dict[str, str]]:
    """What a caller can tell two answers apart by: the status and every field of the problem,
    the id it asked about masked (the correlation id aside)."""
    body = response.json()
    fields = {
        key: str(value).replace(case_id, "<id>")
        for key, value in body.items()
        if key not in {"correlation_id", "instance"}
    }
    return response.status_code, fields


async def hidden_7b_case(stack: Stack, auth: Auth) -> str:
    response = await stack.referrals.post(
        "/v1/urgent-incidents", json=urgent_incident(), headers=auth("president", "president-1")
    )
    assert response.status_code == 201, response.text
    case_id = str(response.json()["case_id"])
    court_reads = await stack.referrals.get(f"/v1/cases/{case_id}", headers=auth("court"))
    assert court_reads.status_code == 404, court_reads.text
    return case_id


async def court_imports_at_both(
    stack: Stack, auth: Auth, hidden: str, entries: list[dict[str, Any]]
) -> list[tuple[int, dict[str, str]]]:
    """The same import at the hidden case and at an id nobody used, as the Court."""
    answers = []
    for case_id in (hidden, str(uuid.uuid4())):
        response = await stack.referrals.post(
            IMPORTS,
            json={"case_id": case_id, "entries": entries},
            headers=auth("court", "icc-registry"),
        )
        assert response.status_code < 500, response.text
        answers.append(problem(response, case_id))
    return answers


@pytest.mark.parametrize(
    "entries",
    [
        # Attack 2: a referral that goes through, then a change dated before the hidden 7(b)
        # report (whose refusal would name it), then anything invalid.
        [referral(), amendment(50), invalid_finding()],
        # The existence oracle: an act that goes through, then an entry made to fail.
        [no_finding(), invalid_finding()],
        [referral(), invalid_finding()],
    ],
    ids=["referral_then_early_change", "no_finding_then_invalid", "referral_then_invalid"],
)
async def test_a_refused_import_on_a_case_the_court_may_not_read_is_the_404_of_an_unknown_id(
    stack: Stack, auth: Auth, entries: list[dict[str, Any]]
) -> None:
    hidden = await hidden_7b_case(stack, auth)

    on_hidden, on_unknown = await court_imports_at_both(stack, auth, hidden, entries)

    assert on_hidden == on_unknown
    assert on_hidden[0] == 404 and on_hidden[1]["entry"] == "0", on_hidden
    assert REPORTED[:10] not in str(on_hidden)
    events = await stack.events(stack.referrals_app, case_stream(hidden))
    assert [e.type.rsplit(".", 2)[-2] for e in events] == ["urgent_incident_reported"]


async def test_the_court_still_imports_its_referral_of_a_case_it_may_not_read(
    stack: Stack, auth: Auth
) -> None:
    """S7b-to-7a through the import: the act goes through and is recorded, and what follows
    it is judged on what the Court then reads."""
    hidden = await hidden_7b_case(stack, auth)

    response = await stack.referrals.post(
        IMPORTS,
        json={"case_id": hidden, "entries": [referral(2), amendment(1)]},
        headers=auth("court", "icc-registry"),
    )

    assert response.status_code == 200, response.text
    assert [e["status"] for e in response.json()["entries"]] == [200, 200]
    seen = await stack.referrals.get(f"/v1/cases/{hidden}", headers=auth("court"))
    assert seen.status_code == 200 and seen.json()["scenario"] == "7a"


async def test_the_secretariat_which_reads_the_case_is_told_the_real_refusal(
    stack: Stack, auth: Auth
) -> None:
    """The Secretariat reads every case: a refusal after a Court act on a 7(b) case is told
    as it is, at its own entry, with what it names."""
    history = {
        "entries": [
            entry("/v1/urgent-incidents", urgent_incident(), PRESIDENT),
            referral(),
            invalid_finding(),
        ]
    }

    response = await stack.referrals.post(IMPORTS, json=history, headers=auth("secretariat"))

    assert response.status_code == 422, response.text
    assert response.json()["entry"] == 2
    assert await stack.count(stack.referrals_app, "events") == 0


async def test_a_time_refusal_in_an_import_names_the_referral_not_the_hidden_report(
    stack: Stack, auth: Auth
) -> None:
    """Attack 1 through the import, once the Court reads the case: a change dated before the
    hidden 7(b) report names the referral (which the Court reads), never the report."""
    hidden = await hidden_7b_case(stack, auth)
    referred = await stack.referrals.post(
        f"/v1/cases/{hidden}/court-referral",
        json={"decision": decision(1), "occurred_at": _instant(1)},
        headers=auth("court", "icc-registry"),
    )
    assert referred.status_code == 200, referred.text

    response = await stack.referrals.post(
        IMPORTS,
        json={"case_id": hidden, "entries": [amendment(50)]},
        headers=auth("court", "icc-registry"),
    )

    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert "reached the Assembly" in detail and _instant(1)[:10] in detail
    assert REPORTED[:10] not in detail and "opened" not in detail
