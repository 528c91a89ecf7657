"""The four services, as the signed-in person: a generated client (``noncoop_client``) per call,
carrying that person's token, so the console can show and do only what the services allow them.

A service's answer the console does not render as it is (a 404, a refusal, a problem) becomes a
:class:`ServiceError`: the pages turn it into their own error page, saying no more than the
service said.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import httpx

from noncoop_client.bureau.client import AuthenticatedClient as BureauClient
from noncoop_client.good_offices.client import AuthenticatedClient as GoodOfficesClient
from noncoop_client.referrals.client import AuthenticatedClient as ReferralsClient
from noncoop_client.reporting.client import AuthenticatedClient as ReportingClient


@dataclass(frozen=True)
class Problem:
    """A service's problem+json, reduced to what the console shows."""

    status: int
    title: str = ""
    """The service's English title (the API's contract): the pages show their own words for
    the ``type`` (``console.problem_titles``), never this."""
    detail: str = ""
    type: str = "about:blank"
    field_errors: dict[str, str] = field(default_factory=dict)
    """Form field -> message, from a 422's ``errors`` (``body.communication_reference`` ->
    ``communication_reference``)."""


class ServiceError(Exception):
    def __init__(self, service: str, problem: Problem) -> None:
        super().__init__(f"{service}: {problem.status} {problem.title}")
        self.service = service
        self.problem = problem


class ServiceUnavailableError(Exception):
    """The service did not answer (down, timed out): the 502 page."""


def problem_of(status: int, content: bytes) -> Problem:
    try:
        body = json.loads(content)
    except ValueError:
        return Problem(status)
    if not isinstance(body, dict):
        return Problem(status)
    errors: dict[str, str] = {}
    for error in body.get("errors") or []:
        if isinstance(error, dict) and isinstance(error.get("field"), str):
            name = error["field"].removeprefix("body.")
            errors.setdefault(name, str(error.get("message", "")))
    return Problem(
        status,
        title=str(body.get("title", "")),
        detail=str(body.get("detail", "")),
        type=str(body.get("type", "about:blank")),
        field_errors=errors,
    )


class Backends:
    """Base URLs of the four services; ``transports`` lets tests reach apps in process."""

    def __init__(
        self,
        urls: dict[str, str],
        *,
        timeout_seconds: float = 10.0,
        transports: dict[str, httpx.AsyncBaseTransport] | None = None,
    ) -> None:
        self._urls = urls
        self._timeout = httpx.Timeout(timeout_seconds)
        self._transports = transports or {}

    def _args(self, service: str) -> dict[str, Any]:
        transport = self._transports.get(service)
        return {"transport": transport} if transport is not None else {}

    def referrals(self, token: str) -> ReferralsClient:
        return ReferralsClient(
            base_url=self._urls["referrals"],
            token=token,
            timeout=self._timeout,
            httpx_args=self._args("referrals"),
        )

    def good_offices(self, token: str) -> GoodOfficesClient:
        return GoodOfficesClient(
            base_url=self._urls["good_offices"],
            token=token,
            timeout=self._timeout,
            httpx_args=self._args("good_offices"),
        )

    def bureau(self, token: str) -> BureauClient:
        return BureauClient(
            base_url=self._urls["bureau"],
            token=token,
            timeout=self._timeout,
            httpx_args=self._args("bureau"),
        )

    def reporting(self, token: str) -> ReportingClient:
        return ReportingClient(
            base_url=self._urls["reporting"],
            token=token,
            timeout=self._timeout,
            httpx_args=self._args("reporting"),
        )


class _Answer(Protocol):
    """What every generated client's ``Response`` has (each service's is its own class)."""

    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...


AnswerT = TypeVar("AnswerT", bound=_Answer)


async def answer(service: str, pending: Awaitable[AnswerT], *ok: int) -> AnswerT:
    """The service's response when its status is one of ``ok`` (200 by default); otherwise a
    :class:`ServiceError` with its problem, or :class:`ServiceUnavailableError`."""
    try:
        response = await pending
    except httpx.HTTPError as exc:
        raise ServiceUnavailableError(service) from exc
    if response.status_code in (ok or (200,)):
        return response
    raise ServiceError(service, problem_of(response.status_code, response.content))


async def if_readable(service: str, pending: Awaitable[AnswerT]) -> AnswerT | None:
    """The service's 200 response, or ``None`` when it answers 403 or 404: a section the reader
    may not read is left out of the page, never an error page and never a hint it exists (a
    service answers 404 for what exists but is not the reader's, so the two are the same to the
    console). Anything else (401, 5xx, down) is raised as :func:`answer` does."""
    try:
        return await answer(service, pending)
    except ServiceError as error:
        if error.problem.status in (403, 404):
            return None
        raise
