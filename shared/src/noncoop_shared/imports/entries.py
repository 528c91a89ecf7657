"""What is checked of a history import's entries before and while they run, and how a refused
entry answers: its own problem, its fields under ``entries[<index>]`` (ADR 0017)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi.responses import Response
from pydantic import AwareDatetime, TypeAdapter, ValidationError

from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.imports.schemas import CASE_PLACEHOLDERS, HistoryEntry, HistoryImport
from noncoop_shared.web.problems import problem_response, problem_type

_BUSINESS_TIME = TypeAdapter(AwareDatetime)


class EntryRefusedError(Exception):
    """An entry the import cannot record: its problem, its fields under ``entries[index]``."""

    def __init__(self, index: int, status: int, problem: dict[str, Any], field: str = "") -> None:
        super().__init__(problem.get("detail", ""))
        self.index = index
        self.status = status
        self.problem = problem
        self.field = field

    def response(self) -> Response:
        prefix = f"entries[{self.index}]"
        inner = dict(self.problem)
        slug = str(inner.pop("type", problem_type("import-entry-refused")))
        title = str(inner.pop("title", "Entry refused"))
        detail = f"{prefix}: {inner.pop('detail', 'refused')}"
        inner.pop("status", None)
        errors = [
            {**error, "field": f"{prefix}.{error.get('field', '')}".rstrip(".")}
            for error in inner.pop("errors", [])
            if isinstance(error, dict)
        ] or [
            {
                "field": f"{prefix}.{self.field}".rstrip("."),
                "message": detail,
                "type": slug.rsplit("/", 1)[-1],
            }
        ]
        return problem_response(
            self.status, title, detail, slug, entry=self.index, errors=errors, **inner
        )


def refusal(index: int, status: int, field: str, message: str) -> EntryRefusedError:
    title = "Invalid request" if status == 422 else "Forbidden"
    slug = "validation-error" if status == 422 else "forbidden"
    return EntryRefusedError(
        index,
        status,
        {"type": problem_type(slug), "title": title, "detail": message},
        field,
    )


@dataclass(frozen=True)
class PlannedEntry:
    index: int
    path: str
    body: dict[str, Any]
    actor: Principal
    occurred_at: datetime


def _actor(index: int, entry: HistoryEntry, importer: Principal) -> Principal:
    if importer.role is Role.COURT and entry.actor.role is not Role.COURT:
        raise refusal(
            index,
            403,
            "actor.role",
            "the Court imports only its own acts (entries whose actor is the Court); the "
            "Secretariat imports the others",
        )
    try:
        return Principal(
            role=entry.actor.role,
            subject=entry.actor.id,
            region=entry.actor.region,
            state=entry.actor.state,
        )
    except ValueError as error:
        raise refusal(index, 422, "actor", str(error)) from None


def _business_time(index: int, body: dict[str, Any]) -> datetime:
    """A history entry carries its business time: without it, it would be dated today."""
    try:
        return _BUSINESS_TIME.validate_python(body["occurred_at"])
    except (KeyError, ValidationError):
        raise refusal(
            index,
            422,
            "body.occurred_at",
            "an entry of a history import carries its business time (occurred_at, with a timezone)",
        ) from None


def plan(request: HistoryImport, importer: Principal) -> list[PlannedEntry]:
    """Check what can be checked before running anything; raises ``EntryRefusedError``."""
    return [
        PlannedEntry(
            index,
            entry.command.path,
            entry.command.body,
            _actor(index, entry, importer),
            _business_time(index, entry.command.body),
        )
        for index, entry in enumerate(request.entries)
    ]


def with_case_id(value: Any, case_id: str | None, index: int, where: str) -> Any:
    """``value`` with each placeholder of the case id replaced by the import's case id."""
    if isinstance(value, dict):
        return {k: with_case_id(v, case_id, index, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [with_case_id(v, case_id, index, f"{where}.{i}") for i, v in enumerate(value)]
    if isinstance(value, str) and any(p in value for p in CASE_PLACEHOLDERS):
        if case_id is None:
            raise refusal(
                index,
                422,
                where,
                "the case id is not known yet: give case_id, or open the case in an earlier entry",
            )
        for placeholder in CASE_PLACEHOLDERS:
            value = value.replace(placeholder, case_id)
    return value
