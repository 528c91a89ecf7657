"""One dependency per command route (ADR 0037): what it gives the route, what it refuses, in
which order, and that the document says what the parameters it replaced said."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, FastAPI, Path, Request
from fastapi.responses import JSONResponse

from noncoop_shared.auth.dependencies import require_roles
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.clock import FixedClock
from noncoop_shared.commands import CommandContext, CommandResult
from noncoop_shared.service import ServiceHandleBase
from noncoop_shared.web.command_routes import CommandSender, command_senders
from noncoop_shared.web.commands import CommandBody, IdempotencyKey
from noncoop_shared.web.runtime import runtime_of

AppFactory = Callable[..., FastAPI]
TokenFor = Callable[..., dict[str, str]]
ClientFactory = Callable[[FastAPI], httpx.AsyncClient]

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
CASE = "01935f4e-7c1a-7d2e-9b3f-5a6c7d8e9f01"


@dataclass
class Runtime(ServiceHandleBase):
    replay: bool = False


class Note(CommandBody):
    summary: str


class Commands(CommandSender[Runtime]):
    async def on_case(self, case_id: str, body: Note) -> JSONResponse:
        replayed = self.runtime.replay

        async def handle(ctx: CommandContext) -> CommandResult:
            seen = {
                "case_id": case_id,
                "actor": ctx.principal_key,
                "occurred_at": ctx.occurred_at.isoformat(),
                "idempotency_key": ctx.idempotency_key,
                "route": ctx.route,
                "body": ctx.body,
            }
            return CommandResult(201, seen, replayed=replayed)

        return await self.answer(body, handle)


commands_for = command_senders(Commands, Runtime)
Secretariat = Annotated[Commands, Depends(commands_for(Role.SECRETARIAT))]
CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]

router = APIRouter()


@router.post("/cases/{case_id}/notes", status_code=201)
async def record_note(case_id: CaseId, body: Note, send: Secretariat) -> JSONResponse:
    return await send.on_case(case_id, body)


# The shape every command route had before: the dependency must be documented as it was.
before = APIRouter()


@before.post("/cases/{case_id}/notes", status_code=201)
async def record_note_before(
    case_id: CaseId,
    body: Note,
    request: Request,
    runtime: Annotated[Runtime, Depends(runtime_of(Runtime))],
    principal: Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))],
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    raise AssertionError("only documented")


def _runtime(*, replay: bool = False) -> Runtime:
    core: Any = SimpleNamespace(store=SimpleNamespace(clock=FixedClock(NOW)))
    return Runtime(core=core, replay=replay)


async def test_the_route_gets_the_caller_the_key_the_runtime_and_the_commands_context(
    make_app: AppFactory, client_for: ClientFactory, token_for: TokenFor
) -> None:
    app = make_app(router)
    app.state.runtime = _runtime()
    response = await client_for(app).post(
        f"/cases/{CASE}/notes",
        json={"summary": "met the ambassador"},
        headers={**token_for("secretariat", "sec-1"), "Idempotency-Key": "k-1"},
    )

    assert response.status_code == 201, response.text
    assert "Idempotent-Replayed" not in response.headers
    assert response.json() == {
        "case_id": CASE,
        "actor": "secretariat:sec-1",
        "occurred_at": NOW.isoformat(),  # the runtime's clock
        "idempotency_key": "k-1",
        "route": f"/cases/{CASE}/notes",
        "body": {"summary": "met the ambassador", "occurred_at": None},
    }


async def test_a_replayed_result_says_so(
    make_app: AppFactory, client_for: ClientFactory, token_for: TokenFor
) -> None:
    app = make_app(router)
    app.state.runtime = _runtime(replay=True)
    response = await client_for(app).post(
        f"/cases/{CASE}/notes", json={"summary": "again"}, headers=token_for("secretariat")
    )

    assert response.status_code == 201
    assert response.headers["Idempotent-Replayed"] == "true"


async def test_a_business_time_in_the_future_is_a_422_on_occurred_at(
    make_app: AppFactory, client_for: ClientFactory, token_for: TokenFor
) -> None:
    app = make_app(router)
    app.state.runtime = _runtime()
    response = await client_for(app).post(
        f"/cases/{CASE}/notes",
        json={"summary": "later", "occurred_at": "2026-03-03T10:00:00Z"},
        headers=token_for("secretariat"),
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body.occurred_at"]


async def test_the_caller_is_refused_before_the_body_and_the_key_are_looked_at(
    make_app: AppFactory, client_for: ClientFactory, token_for: TokenFor
) -> None:
    app = make_app(router)
    app.state.runtime = _runtime()
    client = client_for(app)
    bad = {"json": {"unknown": 1}, "headers": {"Idempotency-Key": " "}}

    anonymous = await client.post(f"/cases/{CASE}/notes", **bad)  # type: ignore[arg-type]
    other_role = await client.post(
        f"/cases/{CASE}/notes",
        json=bad["json"],
        headers={**bad["headers"], **token_for("court")},
    )

    assert anonymous.status_code == 401
    assert other_role.status_code == 403
    assert other_role.json()["allowed_roles"] == ["secretariat"]


async def test_a_422_lists_path_then_header_then_body_as_the_parameters_it_replaced_did(
    make_app: AppFactory, client_for: ClientFactory, token_for: TokenFor
) -> None:
    app = make_app(router)
    app.state.runtime = _runtime()
    response = await client_for(app).post(
        "/cases/not-a-case/notes",
        json={"summary": 3},
        headers={**token_for("secretariat"), "Idempotency-Key": "has space"},
    )

    assert response.status_code == 422
    body = response.json()
    assert [e["field"] for e in body["errors"]] == [
        "path.case_id",
        "header.Idempotency-Key",
        "body.summary",
    ]
    assert body["detail"].startswith("path.case_id: ")


def test_the_document_says_what_the_parameters_it_replaced_said(make_app: AppFactory) -> None:
    now = make_app(router).openapi()["paths"]["/cases/{case_id}/notes"]["post"]
    then = make_app(before).openapi()["paths"]["/cases/{case_id}/notes"]["post"]

    for part in ("parameters", "requestBody", "responses", "security"):
        assert now[part] == then[part], part
    header = next(p for p in now["parameters"] if p["in"] == "header")
    assert header["name"] == "Idempotency-Key"
    assert header["description"].startswith("Send the same key to retry a command safely")
