"""Credentials every authenticated endpoint must refuse with 401 (docs/architecture.md §8): each
names one way a token can be wrong. The claims are those of a role the endpoint allows, so a
verifier that let one through would be seen acting (or reading) with it."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import jwt

from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.settings import DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER

OTHER_SECRET = "not-the-services-secret-" + "x" * 40

Credentials = Callable[[str, str, str, dict[str, str]], dict[str, str]]
"""(secret, role, subject, claims) -> request headers."""


def _b64(part: dict[str, object]) -> str:
    raw = json.dumps(part, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _claims(role: str, sub: str, claims: dict[str, str], **extra: object) -> dict[str, object]:
    now = datetime.now(UTC)
    return {
        "sub": sub,
        "role": role,
        "aud": DEFAULT_JWT_AUDIENCE,
        "iss": DEFAULT_JWT_ISSUER,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=10)).timestamp()),
        **claims,
        **extra,
    }


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _minted(key: str | None = None, **options: object) -> Credentials:
    def credentials(secret: str, role: str, sub: str, claims: dict[str, str]) -> dict[str, str]:
        token = mint_token(key or secret, role=role, sub=sub, **claims, **options)  # type: ignore[arg-type]
        return _bearer(token)

    return credentials


def _encoded(algorithm: str, *, key: str | None = None, **extra: object) -> Credentials:
    def credentials(secret: str, role: str, sub: str, claims: dict[str, str]) -> dict[str, str]:
        payload = {k: v for k, v in _claims(role, sub, claims, **extra).items() if v is not None}
        return _bearer(jwt.encode(payload, key or secret, algorithm=algorithm))

    return credentials


def _unsigned(secret: str, role: str, sub: str, claims: dict[str, str]) -> dict[str, str]:
    """``alg: none``: a well-formed token with an empty signature."""
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(role, sub, claims))}."
    return _bearer(token)


def _tampered(secret: str, role: str, sub: str, claims: dict[str, str]) -> dict[str, str]:
    """A valid State Party token whose payload is rewritten to the allowed role."""
    header, _, signature = mint_token(secret, role="state_party", sub=sub, state="EXA").split(".")
    return _bearer(f"{header}.{_b64(_claims(role, sub, claims))}.{signature}")


def _alg_outside_latin_1(
    secret: str, role: str, sub: str, claims: dict[str, str]
) -> dict[str, str]:
    """An ``alg`` no HTTP header can carry back (was a 500 when echoed in the challenge)."""
    header = _b64({"alg": "HS256\u2603", "typ": "JWT"})
    return _bearer(f"{header}.{_b64(_claims(role, sub, claims))}.c2ln")


def _without_scheme(secret: str, role: str, sub: str, claims: dict[str, str]) -> dict[str, str]:
    return {"Authorization": mint_token(secret, role=role, sub=sub, **claims)}  # type: ignore[arg-type]


def _basic(secret: str, role: str, sub: str, claims: dict[str, str]) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{sub}:{secret}".encode()).decode()}


BAD_CREDENTIALS: dict[str, Credentials] = {
    "expired": _minted(ttl=timedelta(minutes=-5)),
    "not yet valid (nbf)": _encoded("HS256", nbf=int(datetime.now(UTC).timestamp()) + 3600),
    "signed with another secret": _minted(key=OTHER_SECRET),
    "alg none (unsigned)": _unsigned,
    "alg HS512 with the right secret": _encoded("HS512"),
    "payload tampered after signing": _tampered,
    "wrong audience": _minted(audience="another-system"),
    "wrong issuer": _minted(issuer="https://issuer.invalid"),
    "no exp claim": _encoded("HS256", exp=None),
    "role public in a token": lambda secret, _role, sub, _claims: _bearer(
        mint_token(secret, role="public", sub=sub)
    ),
    "unknown role": lambda secret, _role, sub, _claims: _bearer(
        mint_token(secret, role="admin", sub=sub)
    ),
    "focal point without region": lambda secret, _role, sub, _claims: _bearer(
        mint_token(secret, role="focal_point", sub=sub)
    ),
    "garbage": lambda *_: _bearer("not-a-jwt"),
    "empty bearer": lambda *_: {"Authorization": "Bearer "},
    "token without 'Bearer'": _without_scheme,
    "Basic scheme": _basic,
    # The bounds of ADR 0021: a token is short-lived, small, and read as ASCII.
    "alg outside Latin-1": _alg_outside_latin_1,
    "no iat claim": _encoded("HS256", iat=None),
    "lives longer than 24 hours": _minted(ttl=timedelta(hours=25)),
    "subject of 200 characters": lambda secret, role, _sub, claims: _bearer(
        mint_token(secret, role=role, sub="s" * 200, **claims)  # type: ignore[arg-type]
    ),
    "Authorization header of 100 kB": lambda *_: _bearer("a" * 100_000),
}

#: The rows of :data:`BAD_CREDENTIALS` added for the HTTP edge (ADR 0021).
EDGE_CREDENTIALS = (
    "alg outside Latin-1",
    "no iat claim",
    "lives longer than 24 hours",
    "subject of 200 characters",
    "Authorization header of 100 kB",
)
