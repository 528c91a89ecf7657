"""Send one case's whole history to the services, each its part, in the order that works
(ADR 0017).

A case file holds the case's entries in order, each tagged with the service that owns its
command::

    {"case_id": null,
     "entries": [{"service": "referrals", "command": {"method": "POST",
                  "path": "/v1/court-referrals", "body": {..., "occurred_at": "..."}},
                  "actor": {"role": "court", "id": "icc-registry"}}, ...]}

Referrals goes first: its part opens the case (or ``case_id`` names a case it already has), and
its answer gives the case id. The Bureau and good offices learn of the case from the log, a
moment later: their part is sent again while they answer 404 (the import is atomic, so a refused
attempt left nothing), until they know the case or ``wait_s`` runs out. Each part carries an
Idempotency-Key derived from the whole file, so running the client again on the same file
records nothing twice and answers as the first time.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

SERVICES = ("referrals", "bureau", "good_offices")
"""The services that take a history import, in the order they are sent their part."""
ROUTE = "/v1/history-imports"


class HistoryImportError(Exception):
    """A service refused its part: its status and problem; parts sent before it stay recorded."""

    def __init__(self, service: str, status: int, problem: Any, done: list[ServiceImport]) -> None:
        detail = problem.get("detail") if isinstance(problem, dict) else problem
        super().__init__(f"{service} refused its part of the history ({status}): {detail}")
        self.service = service
        self.status = status
        self.problem = problem
        self.done = done


@dataclass(frozen=True)
class ServiceImport:
    service: str
    answer: dict[str, Any]
    replayed: bool


@dataclass
class CaseImported:
    case_id: str | None
    parts: list[ServiceImport] = field(default_factory=list)


def split_by_service(history: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each service's entries, in the file's order; raises ``ValueError`` for an entry with no
    known service."""
    parts: dict[str, list[dict[str, Any]]] = {}
    for index, entry in enumerate(history.get("entries", [])):
        service = entry.get("service") if isinstance(entry, dict) else None
        if service not in SERVICES:
            raise ValueError(f"entries[{index}].service must be one of {', '.join(SERVICES)}")
        parts.setdefault(service, []).append({k: v for k, v in entry.items() if k != "service"})
    return parts


def idempotency_key(history: Mapping[str, Any], service: str) -> str:
    """The same file gives the same keys: a rerun is a replay."""
    digest = hashlib.sha256(json.dumps(history, sort_keys=True).encode("utf-8")).hexdigest()
    return f"history-{digest[:48]}-{service}"


async def import_case(
    history: Mapping[str, Any],
    clients: Mapping[str, httpx.AsyncClient],
    *,
    headers: Mapping[str, str],
    wait_s: float = 60.0,
    poll_s: float = 0.5,
) -> CaseImported:
    """Send each service its part (referrals first); ``clients`` has one client per service
    named in the file, ``headers`` the importer's ``Authorization``. Raises
    ``HistoryImportError`` when a part is refused (or still 404 after ``wait_s``)."""
    parts = split_by_service(history)
    missing = sorted(set(parts) - set(clients))
    if missing:
        raise ValueError(f"no client for {', '.join(missing)}")
    imported = CaseImported(case_id=history.get("case_id"))
    for service in SERVICES:
        if service not in parts:
            continue
        body = {"case_id": imported.case_id, "entries": parts[service]}
        # Only referrals can open the case: elsewhere, 404 means "not known here yet".
        patience = wait_s if service != "referrals" else 0.0
        response = await _send_until_known(
            clients[service],
            body,
            {**headers, "Idempotency-Key": idempotency_key(history, service)},
            patience,
            poll_s,
        )
        if response.status_code != 200:
            raise HistoryImportError(
                service, response.status_code, _json(response), list(imported.parts)
            )
        answer = response.json()
        imported.case_id = imported.case_id or answer.get("case_id")
        imported.parts.append(
            ServiceImport(service, answer, response.headers.get("Idempotent-Replayed") == "true")
        )
    return imported


async def _send_until_known(
    client: httpx.AsyncClient,
    body: dict[str, Any],
    headers: dict[str, str],
    wait_s: float,
    poll_s: float,
) -> httpx.Response:
    loop = asyncio.get_running_loop()
    give_up_at = loop.time() + wait_s
    while True:
        response = await client.post(ROUTE, json=body, headers=headers)
        if response.status_code != 404 or loop.time() >= give_up_at:
            return response
        await asyncio.sleep(poll_s)


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text
