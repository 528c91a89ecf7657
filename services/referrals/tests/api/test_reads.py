"""Reading cases: every role sees only what its clearance allows (docs/procedures.md,
Confidentiality); lists filter by State, scenario, status and dates; read-your-writes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

READERS = {
    "court": {},
    "state_party": {"state": "FRA"},
    "focal_point": {"region": "african"},
    "bureau_member": {},
    "president": {},
    "secretariat": {},
}
SEES_RESTRICTED = {"president", "secretariat"}
SEES_BUREAU = {"bureau_member", "president", "secretariat"}


async def opened(client: httpx.AsyncClient, auth: Auth, bodies: Any) -> dict[str, str]:
    """One case of each kind, with a forwarding and an overdue press release on the 7(a) one."""
    seven_a = await client.post(
        "/v1/court-referrals",
        # A decision is not dated after it reached the Assembly (rule Time).
        json=bodies.court_decision(date="2026-01-02") | {"occurred_at": "2026-01-05T09:00:00Z"},
        headers=auth("court"),
    )
    urgent_body = bodies.urgent_incident()
    urgent_body["requested_state"] = {"name": "Otherland", "code": "OTH", "status": "state_party"}
    seven_b = await client.post("/v1/urgent-incidents", json=urgent_body, headers=auth("president"))
    info_body = bodies.court_decision(
        referred_to_assembly=False, referred_to_security_council=False
    )
    info = await client.post("/v1/court-findings", json=info_body, headers=auth("court"))
    cases = {
        "7a": seven_a.json()["case_id"],
        "7b": seven_b.json()["case_id"],
        "information_only": info.json()["case_id"],
    }
    forwarded = await client.post(
        f"/v1/cases/{cases['7a']}/forwarding",
        json={"communication_reference": "SP/1"},
        headers=auth("secretariat"),
    )
    assert forwarded.status_code == 200
    # wait for the register to reflect the last write
    listing = await client.get(
        "/v1/cases", headers=auth("secretariat"), params={"consistent_with": f"{cases['7a']}:2"}
    )
    assert listing.json()["consistent"] is True
    # The 7(a) case was received in January: its press release is overdue (a bureau record).
    for _ in range(100):
        case = (await client.get(f"/v1/cases/{cases['7a']}", headers=auth("secretariat"))).json()
        if case["press_release"]["overdue_since"] is not None:
            return cases
        await asyncio.sleep(0.1)
    raise AssertionError("the press release deadline never fired")


@pytest.mark.parametrize("role", sorted(READERS))
async def test_every_reader_sees_exactly_the_classifications_it_is_cleared_for(
    client: httpx.AsyncClient, auth: Auth, bodies: Any, role: str
) -> None:
    cases = await opened(client, auth, bodies)
    headers = auth(role, **READERS[role])
    urgent = await client.get(f"/v1/cases/{cases['7b']}", headers=headers)
    assert urgent.status_code == (200 if role in SEES_RESTRICTED else 404)
    case = (await client.get(f"/v1/cases/{cases['7a']}", headers=headers)).json()
    classes = {entry["classification"] for entry in case["timeline"]}
    assert "public" in classes
    assert ("states_parties" in classes) is True  # the forwarding: every role here is cleared
    assert ("bureau" in classes) == (role in SEES_BUREAU)
    assert "restricted" not in classes
    listed = (await client.get("/v1/cases", headers=headers)).json()["items"]
    listed_ids = {item["case_id"] for item in listed}
    assert (cases["7b"] in listed_ids) == (role in SEES_RESTRICTED)
    assert {cases["7a"], cases["information_only"]} <= listed_ids


async def test_reading_requires_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/cases")).status_code == 401


async def test_lists_filter_by_state_scenario_status_and_dates(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    cases = await opened(client, auth, bodies)
    headers = auth("secretariat")

    async def ids(**params: str) -> set[str]:
        response = await client.get("/v1/cases", headers=headers, params=params)
        assert response.status_code == 200, response.text
        return {item["case_id"] for item in response.json()["items"]}

    assert await ids(state="OTH") == {cases["7b"]}
    assert await ids(scenario="information_only") == {cases["information_only"]}
    assert await ids(status="open") == {cases["7a"], cases["7b"]}
    assert await ids(opened_to="2026-01-31") == {cases["7a"]}
    assert cases["7a"] not in await ids(opened_from="2026-02-01")
    bad = await client.get("/v1/cases", headers=headers, params={"scenario": "7c"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "query.scenario"


async def test_pages_follow_the_cursor(client: httpx.AsyncClient, auth: Auth, bodies: Any) -> None:
    await opened(client, auth, bodies)
    headers = auth("secretariat")
    first = (await client.get("/v1/cases", headers=headers, params={"limit": 2})).json()
    assert len(first["items"]) == 2 and first["next_cursor"] is not None
    rest = (
        await client.get(
            "/v1/cases", headers=headers, params={"limit": 2, "cursor": first["next_cursor"]}
        )
    ).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    seen = [i["case_id"] for i in first["items"] + rest["items"]]
    assert len(set(seen)) == 3


@pytest.mark.parametrize("digits", [19, 4301])
async def test_a_consistent_with_version_too_long_for_a_stream_is_a_422_naming_it(
    client: httpx.AsyncClient, auth: Auth, bodies: Any, digits: int
) -> None:
    """Finding "consistent_with with 4301+ digits is a 500" (int() refuses such text) on a
    case the reader may read: a stream version has at most 18 digits, so a longer one is
    refused as the parameter it is, before any case is looked at."""
    cases = await opened(client, auth, bodies)

    response = await client.get(
        "/v1/cases",
        headers=auth("secretariat"),
        params={"consistent_with": f"{cases['7a']}:{'9' * digits}"},
    )

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["query.consistent_with"]
