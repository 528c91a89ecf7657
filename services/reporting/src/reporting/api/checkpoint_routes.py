"""Audit checkpoints over HTTP: seal on demand, read, and the public key to verify them with."""

from __future__ import annotations

from typing import Annotated

import structlog
from cryptography.hazmat.primitives import serialization
from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field

from noncoop_shared.audit import Checkpoint, key_id_of
from noncoop_shared.auth.dependencies import CurrentPrincipal, require_roles
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.errors import NotFoundError
from noncoop_shared.web.problems import ProblemError, problem_responses, problem_type
from reporting.api.dependencies import AppRuntime
from reporting.application import checkpoints
from reporting.application.tlog import seal_audit_log
from reporting.log_values import LogReadError

log = structlog.get_logger("reporting.checkpoints")

router = APIRouter(prefix="/v1", tags=["audit"])

RETRY_AFTER_SECONDS = 30
"""When to try sealing again after the log could not be read: a broker restarting or a
partition's leader moving takes seconds to tens of seconds."""

Sealer = Annotated[
    Principal, Depends(require_roles(Role.SECRETARIAT, Role.PRESIDENT, Role.BUREAU_MEMBER))
]


class SealedCheckpoint(BaseModel):
    checkpoint_id: int
    checkpoint: Checkpoint


class SealedNow(SealedCheckpoint):
    tree_size: int = Field(description="the size of the audit log's tree, sealed with it")
    note: str = Field(
        description="the audit log's C2SP checkpoint (a signed note), as "
        "GET /v1/audit-log/checkpoints/{tree_size} publishes it"
    )


class PublicKey(BaseModel):
    key_id: str
    public_key_pem: str


@router.post(
    "/checkpoints",
    status_code=201,
    response_model=SealedNow,
    responses=problem_responses(401, 403, 503),
    summary="Seal an audit checkpoint now",
)
async def seal_now(request: Request, runtime: AppRuntime, principal: Sealer) -> SealedNow:
    """A Merkle root over every event the audit trail has read, signed with Ed25519; and the
    audit log's C2SP checkpoint over the same events, their records' bytes as leaves.

    503 with ``Retry-After`` when the log cannot be read (the leaves are its records' bytes,
    read back from it): nothing is sealed then, neither checkpoint."""
    now = runtime.store.clock.now()
    # The audit log first: it reads the log, and a failure there leaves nothing half sealed
    # (its transaction is rolled back, and the other checkpoint is not begun).
    try:
        audit_log = await seal_audit_log(runtime.core.pool, runtime.audit_log, now)
    except LogReadError as error:
        log.warning("checkpoints.log_unavailable", error=str(error))
        # The broker's address and the error stay in the service's log, not in the answer.
        raise ProblemError(
            503,
            "Service Unavailable",
            "the audit log cannot be read right now (its records are sealed as they sit on "
            "the log); nothing was sealed: retry later",
            type_=problem_type("audit-log-unavailable"),
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        ) from error
    checkpoint_id, checkpoint = await checkpoints.seal_checkpoint(
        runtime.core.pool, runtime.signing_key, now
    )
    return SealedNow(
        checkpoint_id=checkpoint_id,
        checkpoint=checkpoint,
        tree_size=audit_log.tree_size,
        note=audit_log.note,
    )


@router.get(
    "/checkpoints/public-key",
    response_model=PublicKey,
    responses=problem_responses(401),
    summary="The key checkpoints verify with",
)
async def checkpoint_public_key(runtime: AppRuntime, principal: CurrentPrincipal) -> PublicKey:
    key = runtime.signing_key.public_key()
    pem = key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return PublicKey(key_id=key_id_of(key), public_key_pem=pem.decode("ascii"))


@router.get(
    "/checkpoints/{checkpoint_id}",
    response_model=SealedCheckpoint,
    responses=problem_responses(401, 404),
    summary="A sealed checkpoint",
)
async def read_checkpoint(
    checkpoint_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    runtime: AppRuntime,
    principal: CurrentPrincipal,
) -> SealedCheckpoint:
    checkpoint = await checkpoints.read_checkpoint(runtime.core.pool, checkpoint_id)
    if checkpoint is None:
        raise NotFoundError(f"no checkpoint {checkpoint_id}")
    return SealedCheckpoint(checkpoint_id=checkpoint_id, checkpoint=checkpoint)
