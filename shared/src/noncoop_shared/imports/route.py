"""``POST /v1/history-imports``: one case's past for this service, through its own routes, in one
transaction (ADR 0017; docs/procedures.md, Time).

Each entry is sent in process to the service's own route, as its actor, so the same parsing,
authorisation, guards and decider judge it as a live command would be judged. The store's
ambient transaction holds every entry: the first refusal rolls back all of them and answers that
entry's problem, its fields under ``entries[<index>]``. After the last entry, every deadline of
the case still open whose due instant lies before the import's latest business time is recorded
overdue in the same transaction (the service's own ``on_due``, as its scheduler would).

Who may import: the Secretariat, any entry whose actor's role the entry's route allows; the Court,
only entries whose actor is the Court (its own backlog). An importer learns from a refused import
nothing the direct routes hide: once an entry went through on a case it may not read, any
refusal is that entry's 404 (ADR 0045). The importer is on every event it
recorded, as the causation (``history-import:<role>:<id>``); the import's correlation id is the
correlation id of all of them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any, Protocol, cast

import structlog
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import compile_path

from noncoop_shared.auth.dependencies import require_roles
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.deadlines import OnDue
from noncoop_shared.errors import IdempotencyKeyReusedError, NotFoundError
from noncoop_shared.imports.entries import (
    EntryRefusedError,
    PlannedEntry,
    plan,
    refusal,
    with_case_id,
)
from noncoop_shared.imports.inprocess import InProcessAnswer, post_in_process
from noncoop_shared.imports.marker import ImportedEntry, import_causation
from noncoop_shared.imports.schemas import HistoryImport, HistoryImported
from noncoop_shared.imports.settle import settle_deadlines
from noncoop_shared.store.postgres import PostgresEventStore
from noncoop_shared.store.records import IdempotentResult, command_fingerprint
from noncoop_shared.web.commands import IdempotencyKey
from noncoop_shared.web.correlation import current_correlation_id
from noncoop_shared.web.problems import problem_responses, problem_type

log = structlog.get_logger("noncoop.imports")

ROUTE = "/v1/history-imports"
IMPORTERS = (Role.SECRETARIAT, Role.COURT)

router = APIRouter(prefix="/v1", tags=["history imports"])
Importer = Annotated[Principal, Depends(require_roles(*IMPORTERS))]


class ImportingRuntime(Protocol):
    """What the import needs of the running service (``app.state.runtime.core``)."""

    @property
    def store(self) -> PostgresEventStore: ...

    @property
    def on_due(self) -> OnDue | None: ...


def _command_route(request: Request, path: str) -> str | None:
    """The template of the command route of this service a ``POST path`` reaches (never the
    import itself), or None."""
    for context in iter_route_contexts(request.app.routes):
        template, methods = context.path, context.methods or set()
        if (
            isinstance(context.original_route, APIRoute)
            and "POST" in methods
            and template is not None
            and template != ROUTE
            and compile_path(template)[0].fullmatch(path)
        ):
            return template
    return None


async def _run_entry(
    request: Request, entry: PlannedEntry, case_id: str | None, mark: ImportedEntry
) -> InProcessAnswer:
    path = with_case_id(entry.path, case_id, entry.index, "command.path")
    if _command_route(request, path) is None:
        raise refusal(entry.index, 422, "command.path", f"this service has no command POST {path}")
    answer = await post_in_process(
        request.app,
        request.scope,
        path,
        with_case_id(entry.body, case_id, entry.index, "body"),
        entry=mark,
        correlation_id=current_correlation_id(),
    )
    if answer.status >= 400:
        field = "actor.role" if answer.status == 403 else ""
        raise EntryRefusedError(entry.index, answer.status, answer.body, field)
    return answer


def _case_of(answer: InProcessAnswer, case_id: str | None, index: int) -> str | None:
    """The import's case id after an entry: learnt from the entry that opened the case."""
    recorded = answer.body.get("case_id")
    if not isinstance(recorded, str) or recorded == case_id:
        return case_id
    if case_id is None:
        return recorded
    raise refusal(
        index,
        422,
        "command",
        f"an import holds one case's history: this entry is about case {recorded}, the import "
        f"about case {case_id}",
    )


async def _replay(
    store: PostgresEventStore, principal_key: str, key: str | None, fingerprint: str
) -> JSONResponse | None:
    if key is None:
        return None
    first = await store.find_idempotent(principal_key, key)
    if first is None:
        return None
    if first.fingerprint != fingerprint:
        raise IdempotencyKeyReusedError(
            f"Idempotency-Key {key!r} was first used for a different import (another body); "
            "use a new key for a new import"
        )
    return JSONResponse(
        json.loads(first.body),
        status_code=first.status_code,
        headers={"Idempotent-Replayed": "true"},
    )


def _as_unknown_id(index: int, hidden: NotFoundError) -> EntryRefusedError:
    """The refusal an import on an id nobody used gets at entry ``index``: the read's 404, as
    the entry's route answers it (``NotFoundError`` is a ``not-found`` problem)."""
    problem = {"type": problem_type("not-found"), "title": hidden.title, "detail": hidden.detail}
    return EntryRefusedError(index, 404, problem)


async def _run_entries(
    request: Request,
    entries: Sequence[PlannedEntry],
    case_id: str | None,
    importer: Principal,
) -> tuple[str | None, list[dict[str, Any]]]:
    """Each entry through its route, in order: the case id and what each route answered.

    An entry that went through on a record the importer may not read (the Court's acts on a
    7(b) case, ``acts_unseen``) is, to a direct caller, told apart only by being recorded. A
    refused import records nothing, so any later refusal is answered as an id nobody used
    would be: that entry's 404 (ADR 0045, ADR 0023)."""
    outcomes: list[dict[str, Any]] = []
    unseen: EntryRefusedError | None = None
    for entry in entries:
        mark = ImportedEntry(entry.actor, import_causation(importer), importer)
        try:
            answer = await _run_entry(request, entry, case_id, mark)
            case_id = _case_of(answer, case_id, entry.index)
        except EntryRefusedError:
            if unseen is not None:
                raise unseen from None
            raise
        if unseen is None and mark.unseen_by_importer:
            unseen = _as_unknown_id(entry.index, mark.unseen_by_importer[0])
        outcomes.append({"index": entry.index, "status": answer.status, "answer": answer.body})
    return case_id, outcomes


async def _import(
    request: Request,
    runtime: ImportingRuntime,
    entries: Sequence[PlannedEntry],
    case_id: str | None,
    importer: Principal,
    idempotency: tuple[str, str] | None,
) -> dict[str, Any]:
    async with runtime.store.ambient_transaction() as tx:
        case_id, outcomes = await _run_entries(request, entries, case_id, importer)
        latest = max(entry.occurred_at for entry in entries)
        settled = await settle_deadlines(tx, runtime.on_due, case_id, latest)
        result = {"case_id": case_id, "entries": outcomes, "settled_deadlines": settled}
        if idempotency is not None:
            key, fingerprint = idempotency
            await tx.save_idempotent(
                IdempotentResult(
                    key=key,
                    principal=f"{importer.role.value}:{importer.subject}",
                    fingerprint=fingerprint,
                    status_code=200,
                    body=json.dumps(result, sort_keys=True),
                ),
                tx.now(),
            )
    return result


@router.post(
    "/history-imports",
    response_model=HistoryImported,
    responses=problem_responses(401, 403, 404, 409, 413, 415, 422),
    summary="Import one case's history for this service, atomically (ADR 0017)",
)
async def import_history(
    body: HistoryImport,
    request: Request,
    importer: Importer,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Every entry through its own route, as its actor, in one transaction; then the deadlines
    left open before the latest business time are recorded overdue (docs/procedures.md, Time).
    A refused entry rolls back the whole import and answers its problem with its index."""
    runtime = cast(ImportingRuntime, request.app.state.runtime.core)
    principal_key = f"{importer.role.value}:{importer.subject}"
    fingerprint = command_fingerprint(principal_key, ROUTE, body.model_dump(mode="json"))
    replayed = await _replay(runtime.store, principal_key, idempotency_key, fingerprint)
    if replayed is not None:
        return replayed
    idempotency = (idempotency_key, fingerprint) if idempotency_key is not None else None
    try:
        entries = plan(body, importer)
        result = await _import(request, runtime, entries, body.case_id, importer, idempotency)
    except EntryRefusedError as refused:
        # A twin with the same key may have committed meanwhile: its answer is ours too.
        twin = await _replay(runtime.store, principal_key, idempotency_key, fingerprint)
        if twin is not None:
            return twin
        log.info("history_import.refused", entry=refused.index, status=refused.status)
        return refused.response()
    except Exception:
        # A twin with the same key committed first (our idempotency row collided, or a stream
        # it wrote): its answer is ours. Anything else is a fault.
        twin = await _replay(runtime.store, principal_key, idempotency_key, fingerprint)
        if twin is None:
            raise
        return twin
    log.info(
        "history_import.recorded",
        case_id=result["case_id"],
        entries=len(result["entries"]),
        settled_deadlines=len(result["settled_deadlines"]),
    )
    return JSONResponse(result, status_code=200)
