"""The four services as canned answers (``httpx.MockTransport``), so the console's pages can be
tested for what they do with each answer (a 404 section, a concurrent read) without the stack.
The browser test is the one that runs them against the real services."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt

from console.main import build_app
from console.settings import ConsoleSettings
from noncoop_shared.auth.tokens import mint_token

SECRET = "console-unit-tests-" + "s" * 40
SETTINGS = ConsoleSettings(jwt_secret=SECRET)
CASE = "01a24d3f-4c44-780b-aa41-b5498d7d8ef7"
OTHER = "01a24d3f-4c44-780b-aa41-b5498d7d8ef8"

Answer = tuple[int, Any] | Callable[[httpx.Request], tuple[int, Any]]


@dataclass
class FakeServices:
    """``routes[service]["GET /v1/..."]`` -> (status, JSON body); anything else is a 404."""

    routes: dict[str, dict[str, Answer]] = field(default_factory=dict)
    calls: list[tuple[str, str, str]] = field(default_factory=list)
    requests: list[tuple[str, httpx.Request]] = field(default_factory=list)
    """every request, whole (its query too), by service"""

    def transport(self, service: str) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            self.calls.append((service, request.method, request.url.path))
            self.requests.append((service, request))
            key = f"{request.method} {request.url.path}"
            answer = self.routes.get(service, {}).get(key)
            if answer is None:
                return httpx.Response(404, json=problem(404))
            status, body = answer(request) if callable(answer) else answer
            if isinstance(body, bytes | str):
                return httpx.Response(status, content=body)
            return httpx.Response(status, json=body)

        return httpx.MockTransport(handle)

    def paths(self, service: str) -> list[str]:
        return [path for s, _, path in self.calls if s == service]


def problem(status: int, title: str = "", detail: str = "") -> dict[str, Any]:
    titles = {403: "Forbidden", 404: "Not Found", 409: "Conflict", 500: "Internal Server Error"}
    return {
        "type": "about:blank",
        "status": status,
        "title": title or titles.get(status, "Error"),
        "detail": detail or f"the service answered {status}",
    }


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the form"
    return found.group(1)


@asynccontextmanager
async def console_as(
    services: FakeServices, role: str = "secretariat", **claims: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """A browser signed in to a console whose four services are ``services``."""
    transports: dict[str, httpx.AsyncBaseTransport] = {
        name: services.transport(name)
        for name in ("referrals", "good_offices", "bureau", "reporting")
    }
    app = build_app(SETTINGS, transports=transports)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://console"
    ) as browser:
        form = await browser.get("/sign-in")
        token = mint_token(SECRET, role=role, sub=f"{role}-1", **claims)
        signed = await browser.post(
            "/sign-in", data={"token": token, "csrf_token": csrf_of(form.text)}
        )
        assert signed.status_code == 303
        yield browser


def case_view(case_id: str = CASE, **more: Any) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "scenario": "7b",
        "status": "open",
        "opened_on": "2026-12-01",
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        **more,
    }


def procedural_state(
    case_id: str = CASE, rules: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "audience": "restricted",
        "case_id": case_id,
        "rules": rules
        if rules is not None
        else [{"rule": "P13-forward", "state": "pending", "why": "to forward"}],
    }


#: A rule's ``why`` as reporting words it in each language (services/reporting's
#: ``domain/procedural/wording.py``, ``why.not_activated``).
WHY = {
    "en": "no activation of the good offices is recorded (P18, P19)",
    "fr": "aucune activation des bons offices n'est enregistrée (P18, P19)",
}


def worded_procedural_state(case_id: str = CASE) -> Callable[[httpx.Request], tuple[int, Any]]:
    """Reporting's procedural state answered in the language asked (``lang``, English when
    none), as reporting does: a page that does not ask gets the English."""

    def answer(request: httpx.Request) -> tuple[int, Any]:
        lang = request.url.params.get("lang", "en")
        if lang not in WHY:
            return 422, problem(422, "Invalid request", "query.lang: not en or fr")
        rule = {"rule": "P18-own-7b", "state": "not_applicable", "why": WHY[lang]}
        return 200, procedural_state(case_id, [rule])

    return answer


def audit_trail(case_id: str = CASE) -> dict[str, Any]:
    return {"as_of": None, "case_id": case_id, "entries": []}


def case_routes(case_id: str = CASE) -> dict[str, dict[str, Answer]]:
    """A case referrals and reporting answer for; good offices answer nothing (404)."""
    return {
        "referrals": {f"GET /v1/cases/{case_id}": (200, case_view(case_id))},
        "reporting": {
            f"GET /v1/cases/{case_id}/procedural-state": (200, procedural_state(case_id)),
            f"GET /v1/cases/{case_id}/audit-trail": (200, audit_trail(case_id)),
        },
    }


#: The roles reporting lets read drafts (services/reporting's ``DRAFT_READERS``).
DRAFT_READERS = frozenset({"secretariat", "bureau_member", "president"})


def role_of(request: httpx.Request) -> str:
    """The caller's role, from the bearer token the console sent (the fakes trust it: the
    console's own checks of the token are tested elsewhere)."""
    token = request.headers["authorization"].removeprefix("Bearer ")
    return str(jwt.decode(token, options={"verify_signature": False})["role"])


@dataclass
class FakeReports:
    """Reporting's reports as it keeps them: ``GET /v1/reports`` (newest first, a page at a
    time, drafts for their readers only), ``POST /v1/reports`` and its submission, each with
    the Idempotency-Key's replay (the same sender, key and body answer the first answer again,
    with ``Idempotent-Replayed: true``; another body is the 422 of a key reused)."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    """newest first, as ``ReportSummary``"""
    answers: dict[tuple[str, str], tuple[bytes, int, Any]] = field(default_factory=dict)
    """(sender, key) -> (what was sent, status, body)"""
    drafted: int = 0

    submitted: int = 0

    def routes(self) -> dict[str, Answer]:
        """The list, a draft, and the submission of each report there now."""
        submissions: dict[str, Answer] = {
            f"POST /v1/reports/{r['report_id']}/submission": self.submit for r in self.reports
        }
        return {"GET /v1/reports": self.list, "POST /v1/reports": self.draft, **submissions}

    def list(self, request: httpx.Request) -> tuple[int, Any]:
        params = request.url.params
        drafts = role_of(request) in DRAFT_READERS
        rows = [
            r
            for r in self.reports
            if (drafts or r["status"] == "submitted")
            and params.get("session_id") in (None, r["session_id"])
            and params.get("status") in (None, r["status"])
        ]
        if (cursor := params.get("cursor")) is not None:
            ids = [r["report_id"] for r in rows]
            rows = rows[ids.index(cursor) + 1 :] if cursor in ids else []
        limit = int(params.get("limit", "100"))
        page = rows[:limit]
        more = len(page) == limit
        return 200, {"items": page, "next_cursor": page[-1]["report_id"] if more else None}

    def replayed(self, request: httpx.Request) -> tuple[int, Any] | None:
        key = request.headers.get("idempotency-key")
        if key is None:
            return None
        first = self.answers.get((role_of(request), key))
        if first is None:
            return None
        sent, status, body = first
        if sent != request.url.path.encode() + request.content:
            refusal = problem(422, "Idempotency-Key reused for a different command", key)
            return 422, {
                **refusal,
                "type": "https://noncoop.example/problems/idempotency-key-reused",
            }
        return status, body

    def keep(self, request: httpx.Request, status: int, body: Any) -> None:
        if (key := request.headers.get("idempotency-key")) is not None:
            sent = request.url.path.encode() + request.content
            self.answers[(role_of(request), key)] = (sent, status, body)

    def draft(self, request: httpx.Request) -> tuple[int, Any]:
        if (first := self.replayed(request)) is not None:
            return first
        self.drafted += 1
        report_id = f"0193c5a1-2222-7000-8000-{self.drafted:012d}"
        body = json.loads(request.content)
        session = body.get("session_id") or "ASP-25"
        view = {
            "as_of": "2026-12-06T10:00:00Z",
            "report_id": report_id,
            "session_ends_on": "2026-12-06",
            "session_id": session,
            "session_starts_on": "2026-12-01",
            "sha256_html": None,
            "sha256_markdown": None,
            "status": "draft",
            "submitted_at": None,
        }
        self.reports.insert(0, summary(report_id, session, "draft"))
        self.keep(request, 201, view)
        return 201, view

    def submit(self, request: httpx.Request) -> tuple[int, Any]:
        if (first := self.replayed(request)) is not None:
            return first
        report_id = request.url.path.split("/")[3]
        (report,) = [r for r in self.reports if r["report_id"] == report_id]
        if report["status"] == "submitted":
            return 409, problem(409, "Conflict", "the report was submitted already")
        self.submitted += 1
        report.update(summary(report_id, report["session_id"], "submitted"))
        view = {
            "as_of": None,
            "report_id": report_id,
            "session_ends_on": "2026-12-06",
            "session_id": report["session_id"],
            "session_starts_on": "2026-12-01",
            "sha256_html": "0" * 64,
            "sha256_markdown": "0" * 64,
            "status": "submitted",
            "submitted_at": report["submitted_at"],
        }
        self.keep(request, 200, view)
        return 200, view


def summary(report_id: str, session_id: str, status: str, **more: Any) -> dict[str, Any]:
    """A report of ``GET /v1/reports``."""
    submitted = "2026-12-05T09:30:00Z" if status == "submitted" else None
    return {
        "created_at": "2026-12-04T08:15:00Z",
        "drafted_by": None,
        "report_id": report_id,
        "session_id": session_id,
        "status": status,
        "submitted_at": submitted,
        "submitted_occurred_at": submitted,
        **more,
    }
