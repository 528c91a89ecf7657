"""The focal point roster over HTTP (P17, Res. 31)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

REGIONS = [
    "african",
    "asia_pacific",
    "eastern_european",
    "latin_american_caribbean",
    "western_european_other",
]


def appointment(focal_point_id: str, region: str, **fields: Any) -> dict[str, Any]:
    return {
        "focal_point_id": focal_point_id,
        "name": f"Ambassador {focal_point_id}",
        "state": "GHA",
        "region": region,
        "term_start": "2026-01-01",
        "bureau_decision_reference": "Bureau/26/1",
        **fields,
    }


async def test_p17_four_focal_points_then_five_only_at_the_presidents_request(
    system: Any, auth: Auth
) -> None:
    go = system.good_offices
    for n, region in enumerate(REGIONS[:4]):
        response = await go.post(
            "/v1/focal-points", json=appointment(f"fp-{n}", region), headers=auth("secretariat")
        )
        assert response.status_code == 201, response.text
    fifth = appointment("fp-4", REGIONS[4])
    refused = await go.post("/v1/focal-points", json=fifth, headers=auth("secretariat"))
    assert refused.status_code == 409 and refused.json()["rule"] == "P17"
    requested = await go.post(
        "/v1/focal-points/five-requested",
        json={"requested_on": "2026-01-01"},
        headers=auth("president"),
    )
    assert requested.status_code == 201, requested.text
    assert (
        await go.post("/v1/focal-points", json=fifth, headers=auth("secretariat"))
    ).status_code == 201
    roster = (
        await go.get(
            "/v1/focal-points",
            params={"on": "2026-02-01"},
            headers=auth("state_party", state="FRA"),
        )
    ).json()
    assert roster["limit"] == 5
    assert sorted(fp["region"] for fp in roster["focal_points"]) == sorted(REGIONS)


async def test_p17_no_two_focal_points_from_one_regional_group(system: Any, auth: Auth) -> None:
    go = system.good_offices
    await go.post(
        "/v1/focal-points", json=appointment("fp-a", "african"), headers=auth("secretariat")
    )
    response = await go.post(
        "/v1/focal-points", json=appointment("fp-b", "african"), headers=auth("secretariat")
    )
    assert response.status_code == 409 and response.json()["rule"] == "P17"


async def test_a_replacement_keeps_the_region_and_the_roster_as_of_each_date(
    system: Any, auth: Auth
) -> None:
    go = system.good_offices
    await go.post(
        "/v1/focal-points", json=appointment("fp-a", "african"), headers=auth("secretariat")
    )
    replaced = await go.post(
        "/v1/focal-points/fp-a/replacement",
        json={
            "successor": appointment("fp-a2", "african", term_start="2026-06-01"),
            "replaced_on": "2026-06-01",
        },
        headers=auth("secretariat"),
    )
    assert replaced.status_code == 201, replaced.text

    async def who(on: str) -> list[str]:
        roster = (
            await go.get("/v1/focal-points", params={"on": on}, headers=auth("bureau_member"))
        ).json()
        return [fp["focal_point_id"] for fp in roster["focal_points"]]

    assert await who("2026-05-31") == ["fp-a"]
    assert await who("2026-06-01") == ["fp-a2"]


async def test_res31_the_president_serves_ex_officio_only_for_the_presidents_region(
    system: Any, auth: Auth
) -> None:
    go = system.good_offices
    president = auth("president", region="western_european_other")
    own = appointment(
        "pres", "western_european_other", ex_officio_president=True, bureau_decision_reference=None
    )
    other = appointment(
        "pres-2", "african", ex_officio_president=True, bureau_decision_reference=None
    )
    assert (await go.post("/v1/focal-points", json=other, headers=president)).json()[
        "rule"
    ] == "P17"
    assert (await go.post("/v1/focal-points", json=own, headers=president)).status_code == 201


@pytest.mark.parametrize("role", ["court", "bureau_member", "state_party", "focal_point"])
async def test_only_the_secretariat_or_president_change_the_roster(
    system: Any, auth: Auth, role: str
) -> None:
    claims = {"state_party": {"state": "FRA"}, "focal_point": {"region": "african"}}.get(role, {})
    response = await system.good_offices.post(
        "/v1/focal-points", json=appointment("fp-x", "african"), headers=auth(role, **claims)
    )
    assert response.status_code == 403
