"""The focal points' roster on a date (today unless asked)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from .fakes import FakeServices, console_as

FOCAL_POINTS = [
    {
        "ex_officio_president": False,
        "focal_point_id": "fp-la",
        "name": "Ana Lima",
        "region": "latin_american_caribbean",
        "state": "BRA",
        "term_ends_on": "2028-12-31",
        "term_start": "2026-01-01",
    },
    {
        "ex_officio_president": True,
        "focal_point_id": "fp-af",
        "name": "Kofi Mensah",
        "region": "african",
        "state": "GHA",
        "term_ends_on": None,
        "term_start": "2026-03-01",
    },
]


def _services(asked: list[str]) -> FakeServices:
    def roster(request: httpx.Request) -> tuple[int, Any]:
        on = request.url.params.get("on", "")
        asked.append(on)
        return 200, {"focal_points": FOCAL_POINTS, "limit": 5, "on": on}

    return FakeServices({"good_offices": {"GET /v1/focal-points": roster}})


async def test_the_roster_on_a_date_by_regional_group() -> None:
    asked: list[str] = []
    async with console_as(_services(asked), "bureau_member") as browser:
        page = await browser.get("/roster", params={"on": "2027-01-15"})
        browser.cookies.set("lang", "fr")
        french = await browser.get("/roster", params={"on": "2027-01-15"})
    assert asked == ["2027-01-15", "2027-01-15"]
    assert page.status_code == 200 and "January 15, 2027" in page.text
    # By regional group: African States before Latin American and Caribbean States.
    assert page.text.index("Kofi Mensah") < page.text.index("Ana Lima")
    assert "African States" in page.text and 'id="roster-count">2<' in page.text
    assert "15 janvier 2027" in french.text and "Groupe régional" in french.text


async def test_no_date_or_a_bad_one_is_today() -> None:
    asked: list[str] = []
    async with console_as(_services(asked)) as browser:
        await browser.get("/roster")
        await browser.get("/roster", params={"on": "yesterday"})
    today = datetime.now(UTC).date().isoformat()
    assert asked == [today, today]
