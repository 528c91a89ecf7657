"""Session and meeting ids in the Bureau's paths are bounded as the bodies that make them are
(``schemas.Identifier``): one out of bounds is a 422 naming the path parameter, before anything
is looked up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

TOO_LONG = "s" * 61  # ``schemas.Identifier``: at most 60


@pytest.mark.parametrize(
    ("path", "body", "parameter"),
    [
        (
            f"/v1/sessions/{TOO_LONG}/dates",
            {"starts_on": "2026-12-01", "ends_on": "2026-12-05", "reason": "moved"},
            "path.session_id",
        ),
        (f"/v1/sessions/{TOO_LONG}/non-cooperation-mark", {"reason": "x"}, "path.session_id"),
        ("/v1/sessions/ASP%2025/non-cooperation-mark", {"reason": "x"}, "path.session_id"),
        (
            f"/v1/bureau-meetings/{TOO_LONG}/held",
            {"held_on": "2026-03-01"},
            "path.meeting_id",
        ),
    ],
)
async def test_an_id_in_the_path_out_of_its_bounds_is_a_422_naming_it(
    system: Any, auth: Auth, path: str, body: dict[str, Any], parameter: str
) -> None:
    response = await system.bureau.post(path, json=body, headers=auth("secretariat"))

    assert response.status_code == 422, response.text
    assert parameter in {error["field"] for error in response.json()["errors"]}
