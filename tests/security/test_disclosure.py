"""Refusals and reads disclose nothing a 404 hides (docs/adr/0023).

docs/procedures.md, Confidentiality: "A read the caller may not make answers 404 before any rule
is checked: a refusal message (409, 422) must never tell a caller anything about a record it may
not read". The attack: a caller who reads 404 on a hidden 7(b) case (or its good offices, or a
travel record) sends a command to it and reads, in the 409, that the case exists, was closed,
when and why. Here every command route of the four services that names a record in its path is
sent, by every role that cannot read that record, once at the hidden record and once at an id
nobody ever used: the two answers must be the same problem (status, type, title, detail with the
id masked).
"""

from __future__ import annotations

import asyncio
import copy
import re
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from tests.system.access_table import LATER, TABLE, Command
from tests.system.conftest import FourServices, headers_for

from noncoop_shared.testing import dated, utc_today

pytestmark = pytest.mark.integration

HIDDEN_TRAVEL = "T-HIDDEN"
UNKNOWN_TRAVEL = "T-NEVER-USED"
PARAMETER = re.compile(r"\{(\w+)\}")

#: Callers who may read nothing of the hidden 7(b) case, its good offices or its travel records
#: (role, subject, claims). The last focal point claims the assigned region in its token but is
#: on no roster (P17-access: the region the token claims grants nothing by itself).
OUTSIDERS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("court", "icc-registry", {}),
    ("bureau_member", "bm-1", {}),
    ("state_party", "sp-exa", {"state": "EXA"}),
    ("focal_point", "fp-ap", {"region": "asia_pacific"}),
    ("focal_point", "fp-ghost", {"region": "african"}),
)


async def post(
    client: httpx.AsyncClient,
    path: str,
    body: Any,
    role: str,
    sub: str | None = None,
    **claims: str,
) -> httpx.Response:
    return await client.post(path, json=body, headers=headers_for(role, sub, **claims))


async def ok(client: httpx.AsyncClient, path: str, body: Any, role: str, **claims: str) -> Any:
    response = await post(client, path, body, role, claims.pop("sub", None), **claims)
    assert response.status_code in (200, 201), (path, response.text)
    return response.json()


async def eventually(client: httpx.AsyncClient, path: str, body: Any, role: str) -> None:
    """Until the service has learnt the case from the log."""
    last = ""
    for _ in range(200):
        response = await post(client, path, body, role)
        if response.status_code in (200, 201):
            return
        last = response.text
        await asyncio.sleep(0.1)
    raise AssertionError(f"{path} never accepted: {last}")


def referral_decision(reference: str) -> dict[str, Any]:
    """A Court decision of today referring non-cooperation to the Assembly (para 87(7))."""
    return {
        "reference": reference,
        "date": utc_today().isoformat(),
        "chamber": "Pre-Trial Chamber I",
        "legal_basis": "87(7)",
        "referred_to_assembly": True,
        "referred_to_security_council": False,
    }


async def hidden_closed_7b_case(system: FourServices) -> str:
    """A 7(b) case whose good offices were active, assisted by the african focal point, then
    concluded, and the case closed: everything a refusal could tell an outsider about."""
    go, referrals = system.clients["good_offices"], system.clients["referrals"]
    for focal_point_id, state, region in [
        ("fp-af", "GHA", "african"),
        ("fp-ap", "JPN", "asia_pacific"),
    ]:
        await ok(
            go,
            "/v1/focal-points",
            {
                "focal_point_id": focal_point_id,
                "name": f"Focal point {region}",
                "state": state,
                "region": region,
                "term_start": utc_today().isoformat(),
                "bureau_decision_reference": f"B/{region}",
            },
            "secretariat",
        )
    urgent = {
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-7"},
        "urgency": "imminent",
        "urgency_reason": "a visit next week",
    }
    case_id = str((await ok(referrals, "/v1/urgent-incidents", urgent, "president"))["case_id"])
    base = f"/v1/cases/{case_id}/good-offices"
    await eventually(
        go,
        f"{base}/own-initiative-activation",
        {"court_consulted_on": utc_today().isoformat()},
        "president",
    )
    await ok(
        go,
        f"{base}/assistance-requests",
        {"assistant": "focal_point", "region": "african", "summary": "please assist"},
        "president",
    )
    travel = {
        "travel_id": HIDDEN_TRAVEL,
        "person": "Person Subject To Warrant",
        "destination_state": "OTH",
        "travel_from": LATER.isoformat(),
        "status": "potential",
        "warrant_reference": "ICC-01/99-W1",
    }
    await ok(go, f"/v1/cases/{case_id}/travel-information", travel, "secretariat")
    await ok(go, "/v1/travel-information", travel, "secretariat")
    await ok(go, f"{base}/conclusion", {"outcome": "no_result", "summary": "ended"}, "president")
    await ok(
        referrals, f"/v1/cases/{case_id}/closure", {"reason": "other", "note": "done"}, "president"
    )
    return case_id


def probes(system: FourServices) -> list[tuple[str, str, dict[str, Any] | None]]:
    """(service, path template, valid body) of every command route naming a case or a travel
    record in its path, from the apps' own OpenAPI: a new route is probed the day it is added."""
    found = []
    for service, app in system.apps.items():
        for path, operations in app.openapi()["paths"].items():
            names = set(PARAMETER.findall(path))
            if "post" not in operations or not names & {"case_id", "travel_id"}:
                continue
            row = TABLE[service][f"POST {path}"]
            assert isinstance(row, Command), path
            found.append((service, path, dated(row.body)))
    assert len(found) > 30, found  # every case command of four services, not a handful
    return found


def problem(response: httpx.Response, *ids: str) -> tuple[Any, ...]:
    """What a caller can tell two answers apart by: status, type, title, and the detail with
    the id it asked about masked (the rest of the shape: which keys the problem has)."""
    body = response.json() if response.content else {}
    detail = str(body.get("detail", ""))
    for value in ids:
        detail = detail.replace(value, "<id>")
    shape = sorted(k for k in body if k not in {"correlation_id", "instance"})
    return response.status_code, body.get("type"), body.get("title"), detail, shape


async def test_a_refusal_on_a_hidden_record_is_the_404_of_an_unknown_id(
    four_services: FourServices,
) -> None:
    """Finding "Refusals leak what a 404 hides": the Court, a Bureau member, a State Party, a
    focal point of another region and one on no roster, on every command route naming a case
    or a travel record, get for the hidden closed 7(b) case exactly what an unknown id gets."""
    system = four_services
    hidden = await hidden_closed_7b_case(system)
    unknown = str(uuid.uuid4())
    leaks = []
    sent = 0
    for service, template, body in probes(system):
        client = system.clients[service]
        for role, sub, claims in OUTSIDERS:
            answers = []
            for case_id, travel_id in ((hidden, HIDDEN_TRAVEL), (unknown, UNKNOWN_TRAVEL)):
                path = template.replace("{case_id}", case_id).replace("{travel_id}", travel_id)
                response = await post(client, path, body, role, sub, **claims)
                sent += 1
                assert response.status_code < 500, (path, role, response.text)
                answers.append(problem(response, case_id, travel_id))
            if answers[0] != answers[1]:
                leaks.append(
                    f"{role}:{sub} POST {template}\n  hidden:  {answers[0]}\n"
                    f"  unknown: {answers[1]}"
                )
    assert sent > 300
    assert not leaks, "\n".join(leaks)


async def open_7b_case_with_good_offices(system: FourServices) -> str:
    """An open 7(b) case, good offices active on the President's own initiative."""
    urgent = {
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-8"},
        "urgency": "ongoing",
        "urgency_reason": "a visit now",
    }
    referrals = system.clients["referrals"]
    case_id = str((await ok(referrals, "/v1/urgent-incidents", urgent, "president"))["case_id"])
    await eventually(
        system.clients["good_offices"],
        f"/v1/cases/{case_id}/good-offices/own-initiative-activation",
        {"court_consulted_on": utc_today().isoformat()},
        "president",
    )
    return case_id


async def test_only_the_bureau_member_the_president_asked_records_its_engagement(
    four_services: FourServices,
) -> None:
    """Finding "Any Bureau member can record an engagement without being the one the President
    asked" (P20, P22): another member is answered the 404 of an unknown case and records
    nothing; the member asked records it."""
    go = four_services.clients["good_offices"]
    case_id = await open_7b_case_with_good_offices(four_services)
    base = f"/v1/cases/{case_id}/good-offices"
    await ok(
        go,
        f"{base}/assistance-requests",
        {"assistant": "bureau_member", "bureau_member": "bm-asked", "summary": "please"},
        "president",
    )
    engagement = {"summary": "I met the minister"}
    other = await post(go, f"{base}/assistance-engagements", engagement, "bureau_member", "bm-x")
    unknown_id = str(uuid.uuid4())
    unknown = await post(
        go,
        f"/v1/cases/{unknown_id}/good-offices/assistance-engagements",
        engagement,
        "bureau_member",
        "bm-x",
    )
    assert other.status_code == 404, other.text
    assert problem(other, case_id) == problem(unknown, unknown_id)
    asked = await post(
        go, f"{base}/assistance-engagements", engagement, "bureau_member", "bm-asked"
    )
    assert asked.status_code == 200, asked.text
    view = await go.get(base, headers=headers_for("president"))
    engaged = [e for e in view.json()["timeline"] if "engage" in e["type"]]
    assert [e["actor_id"] for e in engaged] == ["bm-asked"]


async def test_the_court_still_refers_a_7b_case_it_cannot_read_but_learns_nothing_from_a_refusal(
    four_services: FourServices,
) -> None:
    """S7b-to-7a lets the Court act on a case it may not read; a refusal of that act (here a
    decision about another State, S4, which would name the case's State) and a replay of a key
    the Court used elsewhere are the 404 of an unknown id; the right referral goes through."""
    referrals = four_services.clients["referrals"]
    case_id = await open_7b_case_with_good_offices(four_services)
    unknown_id = str(uuid.uuid4())
    decision = referral_decision("ICC-01/99-01/26-55")
    wrong_state = {"decision": decision, "requested_state_code": "XYZ"}
    answers = [
        problem(await post(referrals, f"/v1/cases/{c}/court-referral", wrong_state, "court"), c)
        for c in (case_id, unknown_id)
    ]
    assert answers[0] == answers[1] and answers[0][0] == 404, answers
    # A key first used on another command: the reuse refusal would tell the case exists.
    key = {"Idempotency-Key": f"k-{uuid.uuid4()}"}
    finding = {"reference": "ICC-X-1", "date": utc_today().isoformat(), "chamber": "PTC I"}
    court = headers_for("court")
    replies = []
    for c in (case_id, unknown_id):
        await referrals.post(
            f"/v1/cases/{c}/court-decision-without-finding", json=finding, headers=court | key
        )
        again = await referrals.post(
            f"/v1/cases/{c}/court-referral", json={"decision": decision}, headers=court | key
        )
        replies.append(problem(again, c))
    assert replies[0] == replies[1] and replies[0][0] == 404, replies
    referred = await post(
        referrals, f"/v1/cases/{case_id}/court-referral", {"decision": decision}, "court"
    )
    assert referred.status_code == 200, referred.text
    seen = await referrals.get(f"/v1/cases/{case_id}", headers=court)
    assert seen.status_code == 200 and seen.json()["scenario"] == "7a"


async def test_a_focal_point_reads_from_the_roster_not_from_its_token(
    four_services: FourServices,
) -> None:
    """Finding "a focal point's access rests on the token's region alone" (P17-access): a token
    claiming the assigned region with no roster entry, and a focal point whose term has ended
    (even on a record it wrote while serving), read nothing restricted anywhere."""
    system = four_services
    go, reporting = system.clients["good_offices"], system.clients["reporting"]
    started = (utc_today() - timedelta(days=30)).isoformat()
    appointment = {
        "focal_point_id": "fp-old",
        "name": "Former focal point",
        "state": "GHA",
        "region": "african",
        "term_start": started,
        "bureau_decision_reference": "B/old",
    }
    await ok(go, "/v1/focal-points", appointment, "secretariat")
    written = f"{utc_today() - timedelta(days=20)}T10:00:00Z"
    travel = {
        "travel_id": "T-OLD",
        "person": "Person Subject To Warrant",
        "destination_state": "OTH",
        "travel_from": LATER.isoformat(),
        "status": "potential",
        "warrant_reference": "ICC-01/99-W1",
        "occurred_at": written,
    }
    await ok(go, "/v1/travel-information", travel, "focal_point", sub="fp-old", region="african")
    ended = {"ended_on": (utc_today() - timedelta(days=1)).isoformat(), "reason": "term_expired"}
    await ok(go, "/v1/focal-points/fp-old/end-of-term", ended, "secretariat")
    successor = appointment | {"focal_point_id": "fp-af", "term_start": utc_today().isoformat()}
    await ok(go, "/v1/focal-points", successor, "secretariat")
    case_id = await open_7b_case_with_good_offices(system)
    await ok(
        go,
        f"/v1/cases/{case_id}/good-offices/assistance-requests",
        {"assistant": "focal_point", "region": "african", "summary": "please"},
        "president",
    )
    await ok(
        go, f"/v1/cases/{case_id}/travel-information", travel | {"occurred_at": None}, "secretariat"
    )
    for sub in ("fp-old", "fp-ghost"):
        reader = headers_for("focal_point", sub, region="african")
        for path in (
            f"/v1/cases/{case_id}/good-offices",
            f"/v1/cases/{case_id}/travel-information",
            "/v1/travel-information/T-OLD",
        ):
            response = await go.get(path, headers=reader)
            assert response.status_code == 404, (sub, path, response.text)
        trail = await reporting.get(f"/v1/cases/{case_id}/audit-trail", headers=reader)
        assert trail.status_code == 404 or all(
            e["classification"] in ("public", "states_parties") for e in trail.json()["entries"]
        ), trail.text
        state = await reporting.get(f"/v1/cases/{case_id}/procedural-state", headers=reader)
        assert state.status_code == 404 or state.json()["audience"] == "states_parties", state.text


#: Bodies in which every date field may be set alone (a session the calendar does not hold
#: needs both its dates; the optional court request needs its article).
DATED_BODIES: dict[str, dict[str, Any]] = {
    "/v1/reports": {"session_id": "S-X", "starts_on": "2030-01-01", "ends_on": "2030-01-05"},
    "/v1/court-information": {
        **TABLE["referrals"]["POST /v1/court-information"].body,  # type: ignore[union-attr]
        "court_request": {"article": "89", "reference": "ICC-R"},
    },
}


def _date_fields(schema: dict[str, Any], components: dict[str, Any], at: tuple[str, ...] = ()):
    """(path, format) of every date or date-time field of a request body schema."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    for option in schema.get("anyOf", []):
        yield from _date_fields(option, components, at)
    if schema.get("format") in ("date", "date-time") and at:
        yield at, schema["format"]
    for name, sub in schema.get("properties", {}).items():
        yield from _date_fields(sub, components, (*at, name))


def _with(body: dict[str, Any] | None, path: tuple[str, ...], value: str) -> dict[str, Any]:
    changed = copy.deepcopy(body or {})
    node = changed
    for name in path[:-1]:
        if not isinstance(node.get(name), dict):
            node[name] = {}
        node = node[name]
    node[path[-1]] = value
    return changed


async def test_every_business_date_of_every_command_has_bounds(
    four_services: FourServices,
) -> None:
    """Finding "business time has no lower bound (a forwarding dated 1900)", and a reply date of
    9999-12-31 that was a 500: every date a command carries, in every service, lies between
    1 July 2002 (rule Time) and the end of 2199, else 422 naming the field."""
    missing = []
    checked = 0
    for service, app in four_services.apps.items():
        spec = app.openapi()
        components = spec.get("components", {}).get("schemas", {})
        for path, operations in spec["paths"].items():
            operation = operations.get("post")
            if operation is None or "requestBody" not in operation:
                continue
            row = TABLE[service][f"POST {path}"]
            assert isinstance(row, Command), path
            role = sorted(row.allowed)[0]
            base = dated(DATED_BODIES.get(path, row.body))
            claims = {"region": "african"} if role == "focal_point" else {}
            schema = operation["requestBody"]["content"]["application/json"]["schema"]
            url = path.replace("{case_id}", str(uuid.uuid4()))
            url = url.replace("{report_id}", str(uuid.uuid4()))
            url = re.sub(r"\{\w+\}", "probe-id", url)
            for field, kind in _date_fields(schema, components):
                for day in ("1900-01-01", "9999-12-31"):
                    value = day if kind == "date" else f"{day}T00:00:00Z"
                    body = _with(base, field, value)
                    response = await post(four_services.clients[service], url, body, role, **claims)
                    checked += 1
                    named = ".".join(("body", *field))
                    fields = [e.get("field") for e in response.json().get("errors", [])]
                    if response.status_code != 422 or named not in fields:
                        missing.append(
                            f"{service} POST {path} {named}={value}: "
                            f"{response.status_code} {response.text[:160]}"
                        )
    assert checked > 40
    assert not missing, "\n".join(missing)


async def test_versions_and_consistent_with_disclose_no_hidden_history(
    four_services: FourServices,
) -> None:
    """Finding "consistent_with and version gaps reveal hidden history": a State Party reading a
    7(b) case continued as 7(a) sees versions 1, 2... with no gap for the restricted report;
    ``consistent_with`` on a hidden case answers at once what an unknown case answers, and on a
    readable one it counts only what the reader was shown."""
    system = four_services
    referrals = system.clients["referrals"]
    case_id = await open_7b_case_with_good_offices(system)
    hidden = await open_7b_case_with_good_offices(system)
    decision = referral_decision("ICC-01/99-01/26-56")
    await ok(referrals, f"/v1/cases/{case_id}/court-referral", {"decision": decision}, "court")
    reader = headers_for("state_party", "sp-exa", state="EXA")
    view = (await referrals.get(f"/v1/cases/{case_id}", headers=reader)).json()
    versions = [e["stream_version"] for e in view["timeline"]]
    assert versions == list(range(1, len(versions) + 1)) and view["version"] == len(versions)
    reporting = system.clients["reporting"]
    for _ in range(100):  # reporting reads the continuation from the log
        trail = await reporting.get(f"/v1/cases/{case_id}/audit-trail", headers=reader)
        if trail.status_code == 200:
            break
        await asyncio.sleep(0.1)
    entries = trail.json()["entries"]
    by_stream: dict[str, list[int]] = {}
    for entry in entries:
        by_stream.setdefault(entry["stream"], []).append(entry["stream_version"])
        assert entry["prev_hash"] is None, entry
    assert all(v == list(range(1, len(v) + 1)) for v in by_stream.values()), by_stream
    answers = []
    for waited in (f"{hidden}:1", f"{uuid.uuid4()}:1", f"{case_id}:{len(versions) + 1}"):
        started = asyncio.get_running_loop().time()
        listed = await referrals.get(
            "/v1/cases", headers=reader, params={"consistent_with": waited}
        )
        answers.append((listed.json()["consistent"], asyncio.get_running_loop().time() - started))
    assert [consistent for consistent, _ in answers] == [False, False, False]
    assert all(took < 1.0 for _, took in answers), answers  # no wait: no timing to compare
    shown = await referrals.get(
        "/v1/cases", headers=reader, params={"consistent_with": f"{case_id}:{len(versions)}"}
    )
    assert shown.json()["consistent"] is True
    listed = {item["case_id"]: item for item in shown.json()["items"]}
    assert listed[case_id]["version"] == len(versions)  # the register counts what it shows


async def test_a_time_refusal_on_a_continued_7b_case_never_names_its_hidden_opening(
    four_services: FourServices,
) -> None:
    """Finding "the Court learns the hidden opening instant from a Time refusal": the Court
    reads a 7(b) case it continued as 7(a) from the referral on (``opened_at`` is the
    referral's); a change, or a second referral, dated before the hidden 7(b) report names
    the referral, never the report, and the referral reads the same on either side of it."""
    referrals = four_services.clients["referrals"]
    reported = (utc_today() - timedelta(days=30)).isoformat()
    urgent = {
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-9"},
        "urgency": "imminent",
        "urgency_reason": "a visit next week",
        "occurred_at": f"{reported}T10:00:00Z",
    }
    case_id = str((await ok(referrals, "/v1/urgent-incidents", urgent, "president"))["case_id"])
    decision = referral_decision("ICC-01/99-01/26-57")
    await ok(referrals, f"/v1/cases/{case_id}/court-referral", {"decision": decision}, "court")
    seen = (await referrals.get(f"/v1/cases/{case_id}", headers=headers_for("court"))).json()
    assert not seen["opened_at"].startswith(reported), seen["opened_at"]
    details = {}
    for days in (50, 10):
        dated = f"{utc_today() - timedelta(days=days)}T10:00:00Z"
        change = {
            "kind": "amended",
            "decision_reference": decision["reference"],
            "change_reference": "ICC-01/99-01/26-71",
            "change_date": utc_today().isoformat(),
            "occurred_at": dated,
        }
        again = {"decision": decision, "occurred_at": dated}
        for path, body in (("court-decision-changes", change), ("court-referral", again)):
            response = await post(referrals, f"/v1/cases/{case_id}/{path}", body, "court")
            assert response.status_code in (409, 422), response.text
            detail = response.json()["detail"]
            assert reported not in detail and "opened" not in detail, detail
            details[(path, days)] = detail.replace(dated[:10], "<date>")
    assert details[("court-referral", 50)] == details[("court-referral", 10)]
    assert "reached the Assembly" in details[("court-decision-changes", 50)]
