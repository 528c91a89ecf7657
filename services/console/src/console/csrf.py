"""CSRF: every form carries the session's CSRF token; every POST checks it (ADR 0038)."""

from __future__ import annotations

import secrets

from starlette.datastructures import FormData
from starlette.requests import Request

from console.session import session_of

FIELD = "csrf_token"


class CsrfError(Exception):
    """A POST without the session's CSRF token: answered with the 403 page."""


def check_csrf(request: Request, form: FormData) -> None:
    sent = form.get(FIELD)
    if not isinstance(sent, str) or not secrets.compare_digest(
        sent.encode(), session_of(request).csrf.encode()
    ):
        raise CsrfError
