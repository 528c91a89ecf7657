"""Through the API: a focal point whose term ended cannot act, nor learn anything, by backdating
``occurred_at`` (P17-access: access is lost from the day it is replaced or its term ends;
docs/adr/0023-refusals-never-disclose.md).

From the wire a focal point writes a record only while on the roster *today* as well as on the
record's business date (and on a case only if its region, or itself, was asked to assist);
otherwise it hears what an unknown case or travel id answers. A history
import, where the Secretariat vouches for the past, is judged on the business date alone.

The scene: ``fp-old`` (African) served until ``today - 10``, when ``fp-new`` replaced it. A 7(b)
case is opened later and the President asks the African region to assist.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import httpx
import pytest
from services.good_offices.tests.api.builders import appoint

from noncoop_shared.catalogue.good_offices import good_offices_stream, travel_stream
from noncoop_shared.store import PostgresEventStore
from noncoop_shared.testing import urgent_incident_body, utc_today

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

UNKNOWN_CASE = "00000000-0000-4000-8000-000000000000"
OLD, NEW = "fp-old", "fp-new"


def days_ago(days: int) -> date:
    return utc_today() - timedelta(days=days)


def dated(day: date) -> str:
    """A business time on ``day`` (10:00 UTC), as ``occurred_at``."""
    return datetime.combine(day, time(10), tzinfo=UTC).isoformat()


def travel(travel_id: str, **changes: Any) -> dict[str, Any]:
    return {
        "travel_id": travel_id,
        "person": "A. Person",
        "destination_state": "OTH",
        "travel_from": (utc_today() + timedelta(days=30)).isoformat(),
        "travel_to": (utc_today() + timedelta(days=32)).isoformat(),
        "status": "potential",
        "warrant_reference": "ICC-01/99-W1",
    } | changes


def as_focal_point(auth: Auth, focal_point_id: str) -> dict[str, str]:
    return auth("focal_point", sub=focal_point_id, region="african")


def store_of(system: Any) -> PostgresEventStore:
    store: PostgresEventStore = system.good_offices_app.state.runtime.store
    return store


def ok(response: httpx.Response, status: int = 200) -> httpx.Response:
    assert response.status_code == status, response.text
    return response


async def replaced_ten_days_ago(system: Any, auth: Auth) -> None:
    """``fp-old`` on the roster from ``today - 60``; while it still serves it records travel
    ``T-OLD`` linked to no case (dated ``today - 40``); then ``fp-new`` replaces it as of
    ``today - 10``."""
    await appoint(system, auth, OLD, "african", term_start=days_ago(60))
    body = travel("T-OLD", occurred_at=dated(days_ago(40)))
    ok(
        await system.good_offices.post(
            "/v1/travel-information", json=body, headers=as_focal_point(auth, OLD)
        ),
        201,
    )
    successor = {
        "focal_point_id": NEW,
        "name": "Ambassador New",
        "state": "GHA",
        "region": "african",
        "term_start": days_ago(10).isoformat(),
        "bureau_decision_reference": "Bureau/26/2",
    }
    ok(
        await system.good_offices.post(
            f"/v1/focal-points/{OLD}/replacement",
            json={"successor": successor, "replaced_on": days_ago(10).isoformat()},
            headers=auth("secretariat"),
        ),
        201,
    )


async def active_case(system: Any, auth: Auth, *, ask_african: bool = True) -> str:
    """A 7(b) case opened now, good offices active, the Bureau notified; the African region
    asked to assist (``ask_african``) or not."""
    case_id = await system.registered(urgent=True)
    steps: list[tuple[str, dict[str, Any]]] = [
        ("own-initiative-activation", {"court_consulted_on": utc_today().isoformat()}),
        ("bureau-notification", {"means": "e-mail"}),
    ]
    if ask_african:
        ask = {"assistant": "focal_point", "region": "african", "summary": "Please engage"}
        steps.append(("assistance-requests", ask))
    for step, body in steps:
        ok(
            await system.good_offices.post(
                f"/v1/cases/{case_id}/good-offices/{step}", json=body, headers=auth("president")
            )
        )
    return case_id


async def unknown_case_answer(
    system: Any, headers: dict[str, str], case_id: str
) -> tuple[int, str]:
    """What ``headers``' caller hears of a case nobody registered, as if about ``case_id``."""
    read = await system.good_offices.get(f"/v1/cases/{UNKNOWN_CASE}/good-offices", headers=headers)
    return read.status_code, read.text.replace(UNKNOWN_CASE, case_id)


async def event_ids(system: Any, stream: str) -> list[str]:
    return [str(e.id) for e in await store_of(system).load(stream)]


async def test_an_ended_focal_point_backdating_a_case_travel_record_hears_of_no_case(
    system: Any, auth: Auth
) -> None:
    """The attack: ``fp-old`` dates its record 20 days back, when it served (was 200, a
    restricted record dated before the case existed). Now the unknown case's 404, word for
    word, and nothing recorded."""
    await replaced_ten_days_ago(system, auth)
    case_id = await active_case(system, auth)
    headers = as_focal_point(auth, OLD)
    before = await event_ids(system, good_offices_stream(case_id))

    response = await system.good_offices.post(
        f"/v1/cases/{case_id}/travel-information",
        json=travel("T-Y1", occurred_at=dated(days_ago(20))),
        headers=headers,
    )

    assert (response.status_code, response.text) == await unknown_case_answer(
        system, headers, case_id
    )
    assert await event_ids(system, good_offices_stream(case_id)) == before


async def test_the_oracle_is_gone_a_refused_body_answers_as_an_unknown_or_unassisted_case(
    system: Any, auth: Auth
) -> None:
    """A travel that ends before it begins was a 409 naming the travel on a case assisted by
    the African region, and a 404 on any other: whether good offices exist leaked. Now the
    same 404 on all three (the id aside)."""
    await replaced_ten_days_ago(system, auth)
    assisted = await active_case(system, auth)
    unassisted = await active_case(system, auth, ask_african=False)
    headers = as_focal_point(auth, OLD)
    backwards = travel(
        "T-Y1",
        travel_from=(utc_today() + timedelta(days=5)).isoformat(),
        travel_to=(utc_today() + timedelta(days=1)).isoformat(),
        occurred_at=dated(days_ago(20)),
    )

    for case_id in (assisted, unassisted, UNKNOWN_CASE):
        response = await system.good_offices.post(
            f"/v1/cases/{case_id}/travel-information", json=backwards, headers=headers
        )
        assert (response.status_code, response.text) == await unknown_case_answer(
            system, headers, case_id
        ), case_id


async def test_an_ended_focal_point_backdating_the_sharing_of_a_case_travel_hears_of_no_case(
    system: Any, auth: Auth
) -> None:
    await replaced_ten_days_ago(system, auth)
    case_id = await active_case(system, auth)
    recorded = travel("T-S1", occurred_at=dated(days_ago(25)))
    base = f"/v1/cases/{case_id}/travel-information"
    ok(await system.good_offices.post(base, json=recorded, headers=auth("secretariat")))
    headers = as_focal_point(auth, OLD)
    before = await event_ids(system, good_offices_stream(case_id))

    response = await system.good_offices.post(
        f"{base}/T-S1/sharing",
        json={"channel": "secure line", "occurred_at": dated(days_ago(20))},
        headers=headers,
    )

    assert (response.status_code, response.text) == await unknown_case_answer(
        system, headers, case_id
    )
    assert await event_ids(system, good_offices_stream(case_id)) == before


async def test_an_ended_focal_point_backdating_travel_on_no_case_is_answered_as_undated(
    system: Any, auth: Auth
) -> None:
    """A new record dated 30 days back was 201; now what the same request undated answers
    (it is not on the roster), and nothing is recorded."""
    await replaced_ten_days_ago(system, auth)
    headers = as_focal_point(auth, OLD)
    undated = await system.good_offices.post(
        "/v1/travel-information", json=travel("T-Z1"), headers=headers
    )
    assert undated.status_code == 404, undated.text

    backdated = await system.good_offices.post(
        "/v1/travel-information",
        json=travel("T-Z1", occurred_at=dated(days_ago(30))),
        headers=headers,
    )

    assert (backdated.status_code, backdated.text) == (undated.status_code, undated.text)
    assert await event_ids(system, travel_stream("T-Z1")) == []


async def test_an_ended_focal_point_backdating_the_cancellation_of_its_own_travel_hears_of_none(
    system: Any, auth: Auth
) -> None:
    """``T-OLD``, which ``fp-old`` recorded while it served: a cancellation dated when it
    still served was 201; now the 404 of a travel id nobody used, and nothing recorded."""
    await replaced_ten_days_ago(system, auth)
    headers = as_focal_point(auth, OLD)
    unknown = await system.good_offices.post(
        "/v1/travel-information/T-NOBODY/cancellation", json={}, headers=headers
    )
    assert unknown.status_code == 404, unknown.text
    before = await event_ids(system, travel_stream("T-OLD"))

    for step, body in (
        ("cancellation", {"details": "off"}),
        ("sharing", {"channel": "secure line"}),
    ):
        response = await system.good_offices.post(
            f"/v1/travel-information/T-OLD/{step}",
            json=body | {"occurred_at": dated(days_ago(20))},
            headers=headers,
        )
        assert response.status_code == 404, (step, response.text)
        assert response.text == unknown.text.replace("T-NOBODY", "T-OLD"), step
    assert await event_ids(system, travel_stream("T-OLD")) == before


async def test_the_replacing_focal_point_still_records_shares_and_cancels(
    system: Any, auth: Auth
) -> None:
    await replaced_ten_days_ago(system, auth)
    case_id = await active_case(system, auth)
    headers = as_focal_point(auth, NEW)
    base = f"/v1/cases/{case_id}/travel-information"
    since_its_term = dated(days_ago(10))  # its first day; the request is later: the case's

    ok(await system.good_offices.post(base, json=travel("T-N1"), headers=headers))
    shared = {"channel": "secure line"}
    ok(await system.good_offices.post(f"{base}/T-N1/sharing", json=shared, headers=headers))
    ok(await system.good_offices.post(f"{base}/T-N1/cancellation", json={}, headers=headers))
    no_case = travel("T-N2", occurred_at=since_its_term)
    ok(await system.good_offices.post("/v1/travel-information", json=no_case, headers=headers), 201)
    ok(
        await system.good_offices.post(
            "/v1/travel-information/T-N2/cancellation", json={}, headers=headers
        ),
        201,
    )
    ok(await system.good_offices.get(base, headers=headers))


async def test_a_history_import_still_enters_the_acts_of_a_focal_point_whose_term_ended(
    system: Any, auth: Auth
) -> None:
    """The Secretariat vouches for the past (ADR 0017): ``fp-old``'s record and sharing, dated
    while it served and after its region was asked, are entered as its own."""
    await replaced_ten_days_ago(system, auth)
    opened = ok(
        await system.referrals.post(
            "/v1/urgent-incidents",
            json=urgent_incident_body() | {"occurred_at": dated(days_ago(50))},
            headers=auth("president"),
        ),
        201,
    )
    case_id = opened.json()["case_id"]
    president = {"role": "president", "id": "president"}
    focal_point = {"role": "focal_point", "id": OLD, "region": "african"}
    go = "/v1/cases/{case_id}/good-offices"
    entries = [
        (
            f"{go}/own-initiative-activation",
            {"court_consulted_on": days_ago(45).isoformat(), "occurred_at": dated(days_ago(45))},
            president,
        ),
        (
            f"{go}/bureau-notification",
            {"means": "e-mail", "occurred_at": dated(days_ago(45))},
            president,
        ),
        (
            f"{go}/assistance-requests",
            {
                "assistant": "focal_point",
                "region": "african",
                "summary": "Please engage",
                "occurred_at": dated(days_ago(44)),
            },
            president,
        ),
        (
            "/v1/cases/{case_id}/travel-information",
            travel("T-H1", occurred_at=dated(days_ago(40))),
            focal_point,
        ),
        (
            "/v1/cases/{case_id}/travel-information/T-H1/sharing",
            {"channel": "secure line", "occurred_at": dated(days_ago(40))},
            focal_point,
        ),
    ]

    response = await system.good_offices.post(
        "/v1/history-imports",
        json={
            "case_id": case_id,
            "entries": [
                {"command": {"path": path, "body": body}, "actor": actor}
                for path, body, actor in entries
            ],
        },
        headers=auth("secretariat", "sec-1"),
    )

    assert response.status_code == 200, response.text
    history = await store_of(system).load(good_offices_stream(case_id))
    by_focal_point = [e.type.split(".")[2] for e in history if e.actorid == OLD]
    assert by_focal_point == [
        "travel_information_recorded",
        "travel_information_shared_with_court",
    ]
