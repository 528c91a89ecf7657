"""Ids in good offices' paths are bounded as the bodies that make them are: a focal point's id
as an appointment takes it, a travel id as a travel record takes it. One out of bounds is a 422
naming the path parameter, before anything is looked up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

CASE_ID = "00000000-0000-4000-8000-000000000000"
TOO_LONG = "f" * 101  # ``Appointment.focal_point_id`` and ``TravelInformation.travel_id``: 100


@pytest.mark.parametrize(
    ("path", "body", "parameter"),
    [
        (
            f"/v1/focal-points/{TOO_LONG}/end-of-term",
            {"ended_on": "2026-03-01", "reason": "resigned"},
            "path.focal_point_id",
        ),
        (
            "/v1/focal-points/fp%20one/end-of-term",
            {"ended_on": "2026-03-01", "reason": "resigned"},
            "path.focal_point_id",
        ),
        (
            f"/v1/focal-points/{TOO_LONG}/replacement",
            {"successor": {}, "replaced_on": "2026-03-01"},
            "path.focal_point_id",
        ),
        (
            f"/v1/cases/{CASE_ID}/travel-information/{TOO_LONG}/sharing",
            {"channel": "secure line"},
            "path.travel_id",
        ),
        (
            f"/v1/cases/{CASE_ID}/travel-information/T%201/sharing",
            {"channel": "secure line"},
            "path.travel_id",
        ),
    ],
)
async def test_an_id_in_the_path_out_of_its_bounds_is_a_422_naming_it(
    system: Any, auth: Auth, path: str, body: dict[str, Any], parameter: str
) -> None:
    response = await system.good_offices.post(path, json=body, headers=auth("secretariat"))

    assert response.status_code == 422, response.text
    assert parameter in {error["field"] for error in response.json()["errors"]}
