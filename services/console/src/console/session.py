"""The session: a cookie holding the signed-in person's token and the CSRF token, sealed with
AES-GCM (ADR 0038).

Sealed, not only signed: the bearer token inside is a key to the four services, and must not be
readable from a copied cookie jar or a proxy log. The console keeps no server-side state (no
database), so the cookie is the whole session; its lifetime is the token's (checked on every
request), and signing out replaces it with an anonymous one.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field, replace
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "console_session"
_NONCE_BYTES = 12
#: Browsers keep at most 4096 bytes per cookie; a token is at most 4096 (tokens.MAX_TOKEN_BYTES),
#: so a longer cookie is refused unread rather than decrypted.
_MAX_COOKIE_CHARS = 8192


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Session:
    csrf: str = field(default_factory=new_csrf_token)
    token: str | None = None
    changed: bool = False
    """Set when the cookie must be (re)written with the response."""

    def signed_in(self, token: str) -> Session:
        # A new CSRF token at sign-in: one learnt before it is worth nothing after.
        return Session(csrf=new_csrf_token(), token=token, changed=True)

    def signed_out(self) -> Session:
        return Session(changed=True)

    def unchanged(self) -> Session:
        return replace(self, changed=False)


class SessionSealer:
    """Seals a cookie's values with AES-GCM, bound to the cookie's name (associated data): a
    value sealed for one cookie does not open as another (the sign-in flow's as the session)."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, session: Session) -> str:
        return self.seal_values({"csrf": session.csrf, "token": session.token}, COOKIE)

    def open(self, cookie: str | None) -> Session | None:
        """The session the cookie holds; ``None`` when there is none, or it was not sealed with
        this key (tampered, or from before a key change): the caller starts a new one."""
        values = self.open_values(cookie, COOKIE)
        if values is None:
            return None
        csrf, token = values.get("csrf"), values.get("token")
        if not isinstance(csrf, str) or not (token is None or isinstance(token, str)):
            return None
        return Session(csrf=csrf, token=token)

    def seal_values(self, values: dict[str, Any], name: str) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = nonce + self._aead.encrypt(nonce, json.dumps(values).encode(), name.encode())
        return base64.urlsafe_b64encode(sealed).decode().rstrip("=")

    def open_values(self, cookie: str | None, name: str) -> dict[str, Any] | None:
        if not cookie or len(cookie) > _MAX_COOKIE_CHARS:
            return None
        try:
            sealed = base64.urlsafe_b64decode(cookie + "=" * (-len(cookie) % 4))
            nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
            values = json.loads(self._aead.decrypt(nonce, body, name.encode()))
        except (ValueError, InvalidTag):
            return None
        return values if isinstance(values, dict) else None


def session_of(request: Request) -> Session:
    """The request's session (the middleware puts it there)."""
    session = request.state.session
    assert isinstance(session, Session)
    return session


def set_session(request: Request, session: Session) -> None:
    request.state.session = session


def write_cookie(response: Response, value: str, *, secure: bool) -> None:
    response.set_cookie(
        COOKIE,
        value,
        httponly=True,
        # Strict: the cookie never rides on a request another site starts (CSRF's first line;
        # the per-session token in every form is the second).
        samesite="strict",
        secure=secure,
        path="/",
    )
