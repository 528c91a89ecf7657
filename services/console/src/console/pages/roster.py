"""The focal points' roster (good offices, P17): who serves for which regional group on a date
(today by default)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from console.backends import answer
from console.pages.common import CurrentConsole, Person
from noncoop_client.good_offices.api.roster import read_focal_point_roster
from noncoop_client.good_offices.models.regional_group import RegionalGroup
from noncoop_client.good_offices.models.roster import Roster

router = APIRouter()
REGIONS = tuple(r.value for r in RegionalGroup)


@router.get("/roster")
async def roster_page(
    request: Request, console: CurrentConsole, person: Person, on: str = ""
) -> Response:
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        day = None  # the form only sends dates; anything else is today
    day = day or datetime.now(UTC).date()
    async with console.backends.good_offices(person.token) as client:
        response = await answer(
            "good_offices", read_focal_point_roster.asyncio_detailed(client=client, on=day)
        )
    roster = response.parsed
    assert isinstance(roster, Roster)
    return console.pages.render(
        request,
        "roster.html",
        roster=roster,
        on=day.isoformat(),
        focal_points=sorted(roster.focal_points, key=lambda f: (f.region.value, f.name)),
    )
