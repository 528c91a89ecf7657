"""Bearer tokens (JWT): verifying them into a :class:`Principal`, and minting them for dev/tests.

A token is accepted only if all of these hold, else :class:`InvalidTokenError` names the first
that fails (the message is meant for the client, in the 401 problem):

- its header names exactly the configured algorithm (HS256 by default, or RS256). ``alg: none``
  and algorithm substitution (an HS256 token "signed" with the RS256 public key) are refused
  before any key is looked up;
- the signature verifies with the configured key (shared secret, PEM public key, or the JWKS key
  named by the token's ``kid``);
- it is at most :data:`MAX_TOKEN_BYTES` long (a bearer header is read before anything else);
- ``exp``, ``iat``, ``sub``, ``aud`` and ``iss`` are present; ``exp`` is in the future (with a
  small leeway for clock skew); ``aud`` and ``iss`` are the configured ones; the token lives at
  most ``max_lifetime`` (``exp - iat``), so a stolen token is not a key for ever (ADR 0021);
- ``sub`` and ``state`` are short strings (:data:`MAX_SUBJECT_CHARS`, :data:`MAX_STATE_CHARS`)
  of text every record may hold (no NUL, no lone surrogate: ``text.unrecordable``): they reach
  every log line and every event's ``actor``;
- ``role`` is a :class:`Role` other than ``public`` (public is the anonymous caller: no token);
  a ``focal_point`` has a ``region``, a ``state_party`` a ``state`` (see :class:`Principal`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import jwt
from pydantic import SecretStr

from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import RegionalGroup, Role
from noncoop_shared.settings import (
    DEFAULT_JWT_AUDIENCE,
    DEFAULT_JWT_ISSUER,
    MIN_HS256_SECRET_BYTES,
    JwtAlgorithm,
)
from noncoop_shared.text import unrecordable

#: Tolerated clock skew between the token issuer and the service.
DEFAULT_LEEWAY = timedelta(seconds=30)

#: The longest lifetime a token may claim unless configured (``jwt_max_lifetime_seconds``).
DEFAULT_MAX_LIFETIME = timedelta(hours=24)

#: A JWT longer than this is refused unread: ours are a few hundred bytes.
MAX_TOKEN_BYTES = 4096
MAX_SUBJECT_CHARS = 128
MAX_STATE_CHARS = 64

_REQUIRED_CLAIMS = ["exp", "iat", "sub", "aud", "iss"]


class InvalidTokenError(Exception):
    """A token the verifier refuses. ``str(error)`` is safe to return to the client."""


class KeySetUnavailableError(Exception):
    """The JWKS endpoint could not be reached: our fault, not the client's (503, not 401)."""


class JwtSettings(Protocol):
    """The token settings a verifier is built from: :class:`ServiceSettings`' and the console's
    (which has no database or Kafka, so is not a ServiceSettings) both have them, under the same
    names. Read-only members: both settings classes are frozen."""

    @property
    def jwt_algorithm(self) -> JwtAlgorithm: ...
    @property
    def jwt_audience(self) -> str: ...
    @property
    def jwt_issuer(self) -> str: ...
    @property
    def jwt_secret(self) -> SecretStr | None: ...
    @property
    def jwt_public_key(self) -> str | None: ...
    @property
    def jwt_jwks_url(self) -> str | None: ...
    @property
    def jwt_max_lifetime_seconds(self) -> int: ...


class TokenVerifier:
    """Turns a bearer token into a :class:`Principal`, or raises :class:`InvalidTokenError`.

    Exactly one key source must match ``algorithm``: ``secret`` for HS256; ``public_key`` (PEM)
    or ``jwks_url`` for RS256. Construct it once per process (``from_settings``): the JWKS client
    caches the key set between calls.
    """

    def __init__(
        self,
        *,
        algorithm: JwtAlgorithm = "HS256",
        audience: str = DEFAULT_JWT_AUDIENCE,
        issuer: str = DEFAULT_JWT_ISSUER,
        secret: str | None = None,
        public_key: str | None = None,
        jwks_url: str | None = None,
        leeway: timedelta = DEFAULT_LEEWAY,
        max_lifetime: timedelta = DEFAULT_MAX_LIFETIME,
    ) -> None:
        self.algorithm = algorithm
        self.max_lifetime = max_lifetime
        self.audience = audience
        self.issuer = issuer
        self.leeway = leeway
        self._key: str | None = None
        self._jwks: jwt.PyJWKClient | None = None
        if algorithm == "HS256":
            if secret is None or len(secret.encode()) < MIN_HS256_SECRET_BYTES:
                raise ValueError(f"HS256 needs a secret of at least {MIN_HS256_SECRET_BYTES} bytes")
            self._key = secret
        elif algorithm == "RS256":
            if bool(public_key) == bool(jwks_url):
                raise ValueError("RS256 needs exactly one of public_key (PEM) or jwks_url")
            if jwks_url:
                self._jwks = jwt.PyJWKClient(jwks_url, cache_jwk_set=True)
            self._key = public_key
        else:
            raise ValueError(f"unsupported JWT algorithm {algorithm!r}; use HS256 or RS256")

    @classmethod
    def from_settings(cls, settings: JwtSettings) -> TokenVerifier:
        return cls(
            algorithm=settings.jwt_algorithm,
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            secret=settings.jwt_secret.get_secret_value() if settings.jwt_secret else None,
            public_key=settings.jwt_public_key,
            jwks_url=settings.jwt_jwks_url,
            max_lifetime=timedelta(seconds=settings.jwt_max_lifetime_seconds),
        )

    @property
    def fetches_keys(self) -> bool:
        """True when ``verify`` may do network IO (JWKS): callers in async code offload it."""
        return self._jwks is not None

    def verify(self, token: str) -> Principal:
        """The principal the token authenticates. Raises :class:`InvalidTokenError`."""
        if len(token) > MAX_TOKEN_BYTES:
            raise InvalidTokenError(f"the bearer token is longer than {MAX_TOKEN_BYTES} bytes")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidTokenError("the bearer token is not a well-formed JWT") from exc
        if header.get("alg") != self.algorithm:
            # The header's own value is not echoed: it is the attacker's text, and the message
            # ends up in a response header, which must stay ASCII.
            raise InvalidTokenError(
                f"the token algorithm is not accepted; tokens must use {self.algorithm}"
            )
        try:
            claims = jwt.decode(
                token,
                self._verification_key(token),
                algorithms=[self.algorithm],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": _REQUIRED_CLAIMS},
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidTokenError("the token has expired") from exc
        except jwt.InvalidAudienceError as exc:
            raise InvalidTokenError(
                f"the token is not meant for audience {self.audience!r}"
            ) from exc
        except jwt.InvalidIssuerError as exc:
            raise InvalidTokenError(f"the token was not issued by {self.issuer!r}") from exc
        except jwt.MissingRequiredClaimError as exc:
            raise InvalidTokenError(f"the token has no {exc.claim!r} claim") from exc
        except jwt.InvalidSignatureError as exc:
            raise InvalidTokenError("the token signature does not verify") from exc
        except jwt.PyJWTError as exc:
            raise InvalidTokenError("the token is invalid") from exc
        self._check_lifetime(claims)
        return principal_from_claims(claims)

    def _check_lifetime(self, claims: Mapping[str, Any]) -> None:
        """``exp - iat`` within ``max_lifetime``.

        PyJWT has checked that both read as integers, that ``exp`` has not passed and that
        ``iat`` is not in the future."""
        lifetime = int(claims["exp"]) - int(claims["iat"])
        if lifetime > self.max_lifetime.total_seconds():
            hours = self.max_lifetime.total_seconds() / 3600
            raise InvalidTokenError(f"the token lives longer than the {hours:g} hours allowed")

    def _verification_key(self, token: str) -> Any:
        if self._jwks is None:
            return self._key
        try:
            return self._jwks.get_signing_key_from_jwt(token).key
        except jwt.PyJWKClientConnectionError as exc:
            raise KeySetUnavailableError(str(exc)) from exc
        except jwt.PyJWTError as exc:
            raise InvalidTokenError("no key of the key set matches the token's kid") from exc


def principal_from_claims(claims: Mapping[str, Any]) -> Principal:
    """The :class:`Principal` of verified claims. Raises :class:`InvalidTokenError`."""
    role = claims.get("role")
    if role is None:
        raise InvalidTokenError("the token has no 'role' claim")
    token_roles = [r.value for r in Role if r is not Role.PUBLIC]
    if role not in token_roles:
        raise InvalidTokenError(f"the token role {role!r} is not one of: {', '.join(token_roles)}")
    region = claims.get("region")
    if region is not None and region not in [g.value for g in RegionalGroup]:
        raise InvalidTokenError(
            f"the token region {region!r} is not one of: {', '.join(RegionalGroup)}"
        )
    state = claims.get("state")
    if state is not None and not (isinstance(state, str) and len(state) <= MAX_STATE_CHARS):
        raise InvalidTokenError(
            f"the token 'state' claim must be a string of at most {MAX_STATE_CHARS} characters"
        )
    subject = claims["sub"]
    if not isinstance(subject, str) or len(subject) > MAX_SUBJECT_CHARS:
        raise InvalidTokenError(
            f"the token 'sub' claim must be a string of at most {MAX_SUBJECT_CHARS} characters"
        )
    _require_recordable("sub", subject)
    if state is not None:
        _require_recordable("state", state)
    try:
        return Principal(
            role=Role(role),
            subject=subject,
            region=RegionalGroup(region) if region is not None else None,
            state=state,
        )
    except ValueError as exc:
        # Principal's invariants: focal_point without region, state_party without state...
        raise InvalidTokenError(
            f"the token claims do not describe a valid principal: {exc}"
        ) from exc


def _require_recordable(claim: str, value: str) -> None:
    """A claim that becomes an event's actor holds text every record may hold: no NUL
    (PostgreSQL's text refuses it) and no lone surrogate (no UTF-8 form), else the command
    would be a 500 at append, or an actor no consumer could store."""
    problem = unrecordable(value, (claim,))
    if problem is not None:
        _, why, _ = problem
        raise InvalidTokenError(f"the token {claim!r} claim {why}")


def mint_token(
    key: str,
    *,
    role: Role | str,
    sub: str,
    region: RegionalGroup | str | None = None,
    state: str | None = None,
    ttl: timedelta = timedelta(hours=1),
    audience: str = DEFAULT_JWT_AUDIENCE,
    issuer: str = DEFAULT_JWT_ISSUER,
    algorithm: JwtAlgorithm = "HS256",
    kid: str | None = None,
    now: datetime | None = None,
) -> str:
    """A signed token for dev and tests; ``key`` is the HS256 secret or the RS256 private PEM.

    Claims are written as given, unchecked, so tests can mint tokens the verifier must refuse.
    A negative ``ttl`` mints an already expired token.
    """
    issued_at = now or datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": sub,
        "role": str(role),
        "aud": audience,
        "iss": issuer,
        "iat": issued_at,
        "exp": issued_at + ttl,
    }
    if region is not None:
        claims["region"] = str(region)
    if state is not None:
        claims["state"] = state
    headers = {"kid": kid} if kid else None
    return jwt.encode(claims, key, algorithm=algorithm, headers=headers)
