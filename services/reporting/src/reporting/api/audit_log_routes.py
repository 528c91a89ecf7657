"""The audit log's C2SP checkpoints and verifier key, published as plain text (ADR 0033).

Plain text, the note exactly as signed: any tlog tool (a witness, Go's ``note.Open``,
``tools/verify_bundle.py``) reads them as they are, with no JSON to unwrap.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.errors import NotFoundError
from noncoop_shared.web.problems import problem_responses
from reporting.api.dependencies import AppRuntime
from reporting.application.tlog import read_audit_log_checkpoint

router = APIRouter(prefix="/v1/audit-log", tags=["audit"])

TEXT = "text/plain; charset=utf-8"
_TEXT_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"text/plain": {}}}}


@router.get(
    "/checkpoint",
    response_class=Response,
    responses={**_TEXT_RESPONSE, **problem_responses(401, 404)},
    summary="The audit log's latest checkpoint (a C2SP signed note)",
)
async def latest_checkpoint(runtime: AppRuntime, principal: CurrentPrincipal) -> Response:
    checkpoint = await read_audit_log_checkpoint(runtime.core.pool)
    if checkpoint is None:
        raise NotFoundError("no audit log checkpoint sealed yet")
    return Response(checkpoint.note, media_type=TEXT)


@router.get(
    "/checkpoints/{tree_size}",
    response_class=Response,
    responses={**_TEXT_RESPONSE, **problem_responses(401, 404, 422)},
    summary="The audit log's checkpoint of a given tree size",
)
async def checkpoint_of_size(
    tree_size: Annotated[int, Path(ge=0, le=2**63 - 1)],
    runtime: AppRuntime,
    principal: CurrentPrincipal,
) -> Response:
    checkpoint = await read_audit_log_checkpoint(runtime.core.pool, tree_size)
    if checkpoint is None:
        raise NotFoundError(f"no audit log checkpoint of size {tree_size}")
    return Response(checkpoint.note, media_type=TEXT)


@router.get(
    "/vkey",
    response_class=Response,
    responses={**_TEXT_RESPONSE, **problem_responses(401)},
    summary="The verifier key of the audit log's checkpoints",
)
async def verifier_key(runtime: AppRuntime, principal: CurrentPrincipal) -> Response:
    """``<origin>+<key ID>+<base64 key>`` and a newline, as ``vkey.txt`` of a bundle."""
    return Response(runtime.audit_log.vkey() + "\n", media_type=TEXT)
