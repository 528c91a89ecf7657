"""Travel information (Res. 35, annex I 3(j)): recorded by a focal point or the Secretariat,
shared with the Court within the service level; the Court reads what was shared with it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

TRAVEL = {
    "travel_id": "T-1",
    "person": "A. Person",
    "destination_state": "OTH",
    "travel_from": "2026-04-02",
    "travel_to": "2026-04-05",
    "status": "confirmed",
    "details": "Summit attendance announced",
    "warrant_reference": "ICC-01/99-W1",
}


async def test_res35_travel_is_shared_with_the_court_which_then_reads_it(
    system: Any, auth: Auth
) -> None:
    case_id = await system.registered()
    base = f"/v1/cases/{case_id}/travel-information"
    recorded = await system.good_offices.post(base, json=TRAVEL, headers=auth("secretariat"))
    assert recorded.status_code == 200, recorded.text
    assert (await system.good_offices.get(base, headers=auth("court"))).status_code == 404
    shared = await system.good_offices.post(
        f"{base}/T-1/sharing",
        json={"channel": "secure line to the Registry"},
        headers=auth("secretariat"),
    )
    assert shared.status_code == 200, shared.text
    court_view = await system.good_offices.get(base, headers=auth("court"))
    assert court_view.status_code == 200
    (record,) = court_view.json()
    assert (record["travel_id"], record["sharing"]["late"]) == ("T-1", False)
    assert record["sharing"]["rule"] == "Res35"
    twice = await system.good_offices.post(
        f"{base}/T-1/sharing", json={"channel": "again"}, headers=auth("secretariat")
    )
    assert twice.status_code == 409


async def test_res35_an_unshared_travel_record_goes_overdue_exactly_once(
    system: Any, auth: Auth
) -> None:
    case_id = await system.registered()
    long_ago = (datetime.now(UTC) - timedelta(days=2)).isoformat()
    body = TRAVEL | {"occurred_at": long_ago}
    response = await system.good_offices.post(
        f"/v1/cases/{case_id}/travel-information", json=body, headers=auth("secretariat")
    )
    assert response.status_code == 200, response.text
    await system.eventually(case_id, lambda v: v["travel"][0]["sharing"]["overdue_since"])
    await asyncio.sleep(1.0)
    view = await system.good_offices_view(case_id)
    overdue = [e for e in view["timeline"] if "travel_information_sharing_overdue" in e["type"]]
    assert len(overdue) == 1


async def test_a_focal_point_not_assigned_to_the_case_cannot_record_travel(
    system: Any, auth: Auth
) -> None:
    case_id = await system.registered()
    response = await system.good_offices.post(
        f"/v1/cases/{case_id}/travel-information",
        json=TRAVEL,
        headers=auth("focal_point", region="latin_american_caribbean"),
    )
    assert response.status_code == 404


async def test_bad_travel_input_is_422_naming_the_field(system: Any, auth: Auth) -> None:
    case_id = await system.registered()
    body = TRAVEL | {"destination_state": "Otherland", "travel_from": "soon"}
    response = await system.good_offices.post(
        f"/v1/cases/{case_id}/travel-information", json=body, headers=auth("secretariat")
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"body.destination_state", "body.travel_from"} <= fields
