"""Dates past any computation (finding: a reply date of 9999-12-31 is a 500; ADR 0021).

A date near the end of the calendar overflowed where a deadline or a day's end was computed from
it, deep in a handler. Every date a caller gives, in a body or a query, is now bounded where it is
read, so it is a 422 naming the field.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Annotated, Any, get_args, get_origin

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel
from tests.system.conftest import SECRET, FourServices

from bureau.main import build_app as build_bureau
from bureau.settings import BureauSettings
from good_offices.main import build_app as build_good_offices
from good_offices.settings import GoodOfficesSettings
from noncoop_shared.business_time import day_in_bounds, instant_in_bounds
from noncoop_shared.testing import court_decision_body, utc_today
from noncoop_shared.web.commands import within_calendar
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings
from reporting.main import build_app as build_reporting
from reporting.settings import ReportingSettings

pytestmark = pytest.mark.integration

END_OF_TIME = "9999-12-31"
Auth = Callable[..., dict[str, str]]


def assert_names_field(response: httpx.Response, field: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]], response.text


async def sent(client: httpx.AsyncClient, path: str, body: dict[str, Any], headers: Any) -> Any:
    response = await client.post(path, json=body, headers=headers)
    assert response.status_code in (200, 201), (path, response.text)
    return response.json()


async def until_accepted(
    client: httpx.AsyncClient, path: str, body: dict[str, Any], headers: Any
) -> None:
    last = ""
    for _ in range(200):
        response = await client.post(path, json=body, headers=headers)
        if response.status_code == 200:
            return
        last = response.text
        await asyncio.sleep(0.1)
    raise AssertionError(f"{path} never accepted: {last}")


async def test_an_open_letter_reply_due_at_the_end_of_time_is_a_422_naming_the_field(
    four_services: FourServices, auth: Auth
) -> None:
    referrals, bureau = four_services.clients["referrals"], four_services.clients["bureau"]
    meeting = {
        "meeting_id": "B-1",
        "meets_on": utc_today().isoformat(),
        "emergency": True,
        "agenda": "a",
    }
    await sent(bureau, "/v1/bureau-meetings", meeting, auth("secretariat"))
    body = court_decision_body(date=utc_today().isoformat())
    case_id = (await sent(referrals, "/v1/court-referrals", body, auth("court")))["case_id"]
    await sent(
        referrals,
        f"/v1/cases/{case_id}/forwarding",
        {"communication_reference": "C-1"},
        auth("secretariat"),
    )
    fr = f"/v1/cases/{case_id}/formal-response"
    await until_accepted(
        bureau, f"{fr}/emergency-meeting", {"meeting_id": "B-1"}, auth("secretariat")
    )
    await sent(
        bureau,
        f"{fr}/emergency-meeting/held",
        {"held_on": utc_today().isoformat(), "decisions": ["d"]},
        auth("secretariat"),
    )

    response = await bureau.post(
        f"{fr}/open-letter",
        json={"letter_reference": "L-1", "reply_due_on": END_OF_TIME},
        headers=auth("president"),
    )

    assert_names_field(response, "body.reply_due_on")


@pytest.mark.parametrize(
    "service, path, body, field",
    [
        (
            "referrals",
            "/v1/court-referrals",
            court_decision_body(date=END_OF_TIME),
            "body.decision.date",
        ),
        (
            "reporting",
            "/v1/reports",
            {"session_id": "ASP-99", "starts_on": END_OF_TIME, "ends_on": END_OF_TIME},
            "body.starts_on",
        ),
        (
            "bureau",
            "/v1/sessions",
            {
                "session_id": "ASP-99",
                "number": 99,
                "kind": "regular",
                "starts_on": END_OF_TIME,
                "ends_on": END_OF_TIME,
                "venue": "v",
            },
            "body.starts_on",
        ),
        (
            "bureau",
            "/v1/bureau-meetings",
            {"meeting_id": "B-9", "meets_on": END_OF_TIME, "emergency": False, "agenda": "a"},
            "body.meets_on",
        ),
    ],
    ids=["decision date", "report's session dates", "session dates", "meeting date"],
)
async def test_a_body_date_at_the_end_of_time_is_a_422_naming_the_field(
    module_four_services: FourServices, auth: Auth, service: str, path: str, body: Any, field: str
) -> None:
    role = "court" if service == "referrals" else "secretariat"
    response = await module_four_services.clients[service].post(path, json=body, headers=auth(role))

    assert_names_field(response, field)


@pytest.mark.parametrize(
    "service, path",
    [
        ("reporting", "/v1/public/cases"),
        ("reporting", "/v1/public/cases/00000000-0000-7000-8000-000000000000"),
        # Query parameters are checked before the case is looked up: no case is needed.
        ("referrals", "/v1/cases/00000000-0000-7000-8000-000000000000"),
    ],
    ids=["public register", "public case", "case"],
)
@pytest.mark.parametrize(
    "parameter, value",
    [("on", END_OF_TIME), ("as_of", "9999-12-31T23:59:59+00:00"), ("on", "0001-01-01")],
)
async def test_a_query_date_at_either_end_of_time_is_a_422_naming_it(
    module_four_services: FourServices,
    auth: Auth,
    service: str,
    path: str,
    parameter: str,
    value: str,
) -> None:
    response = await module_four_services.clients[service].get(
        path, params={parameter: value}, headers=auth("secretariat")
    )

    assert_names_field(response, f"query.{parameter}")


# --- the sweep: every date any request body of any service takes is bounded --------------------


def _bounded(metadata: Iterable[object]) -> bool:
    # The calendar's bound (any date a caller gives) or rule Time's narrower one (a business
    # date or instant of a command, noncoop_shared.business_time).
    bounds = (within_calendar, day_in_bounds, instant_in_bounds)
    return any(getattr(item, "func", None) in bounds for item in metadata)


def _unbounded_dates(annotation: object, where: str, seen: set[type]) -> Iterator[str]:
    """The paths under ``annotation`` of a date or date-time without the calendar bound."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        if inner in (date, datetime) or (isinstance(inner, type) and issubclass(inner, date)):
            if not _bounded(metadata):
                yield where
            return
        yield from _unbounded_dates(inner, where, seen)
    elif isinstance(annotation, type) and issubclass(annotation, date):
        yield where
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for name, field in annotation.model_fields.items():
            if field.annotation is not None:
                if _bounded(field.metadata):
                    continue
                yield from _unbounded_dates(field.annotation, f"{where}.{name}", seen)
    else:
        for argument in get_args(annotation):
            yield from _unbounded_dates(argument, where, seen)


def _apps() -> dict[str, FastAPI]:
    common: dict[str, Any] = {
        "database_url": "postgresql://noncoop@127.0.0.1:1/unused",
        "kafka_bootstrap_servers": "127.0.0.1:1",
        "NONCOOP_JWT_SECRET": SECRET,
    }
    return {
        "referrals": build_referrals(ReferralsSettings(**common)),
        "good_offices": build_good_offices(GoodOfficesSettings(**common)),
        "bureau": build_bureau(BureauSettings(**common)),
        "reporting": build_reporting(ReportingSettings(**common)),
    }


def test_every_date_of_every_request_of_every_service_is_bounded() -> None:
    unbounded = []
    for service, app in _apps().items():
        for context in iter_route_contexts(app.routes):
            dependant = getattr(context, "dependant", None)
            if dependant is None:
                continue
            params = [*dependant.body_params, *dependant.query_params]
            for param in params:
                annotation = param.field_info.annotation
                found = _unbounded_dates(
                    Annotated[annotation, *param.field_info.metadata]
                    if param.field_info.metadata
                    else annotation,
                    f"{service} {context.path} {param.name}",
                    set(),
                )
                unbounded.extend(found)
    assert unbounded == []
