"""OpenID Connect's authorization-code flow with PKCE (OIDC Core 1.0, RFC 7636), the console as
a confidential client (``client_secret_basic``): discovery, the authorization URL, the code
exchange and the ID token's checks. The routes are in ``pages/auth.py``.

Every failure is an :class:`OidcError` whose message is for the log only: the person signing in
sees one generic message, whatever went wrong (an IdP's error text is the IdP's, or an
attacker's, and the reasons help only someone probing the console).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote_plus, urlencode, urlsplit

import httpx
import jwt

from console.settings import ConsoleSettings

#: Asymmetric only: ``none`` is no signature, and an HS algorithm would be "verified" with a
#: key everyone can read (the JWKS's public key used as an HMAC secret).
ID_TOKEN_ALGORITHMS = ("RS256", "ES256")
#: How long a started sign-in may take at the IdP; the flow's cookie lives as long.
FLOW_SECONDS = 600
#: Clock skew tolerated between the IdP and the console.
LEEWAY_SECONDS = 30
DISCOVERY_TTL_SECONDS = 3600
#: A kid the cached key set lacks triggers a new fetch (the IdP rotated its keys), at most this
#: often: a stream of tokens with made-up kids must not become a stream of requests to the IdP.
JWKS_REFETCH_SECONDS = 60
#: Longest IdP answer used: discovery, key sets and token responses are a few kilobytes.
_MAX_RESPONSE_BYTES = 256 * 1024
#: How much of an IdP-provided string reaches the log.
_LOGGED_CHARS = 100


class OidcError(Exception):
    """A sign-in that must not succeed. ``str(error)`` is for the log, never for the page."""


def _logged(value: object) -> str:
    """An IdP's (or a caller's) value for a log message: quoted, escaped, cut short."""
    return repr(str(value)[:_LOGGED_CHARS])


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@dataclass(frozen=True)
class Flow:
    """One started sign-in: what the callback checks, kept in a sealed cookie until then."""

    state: str
    nonce: str
    verifier: str
    expires_at: int

    @classmethod
    def start(cls, now: float | None = None) -> Flow:
        return cls(
            state=secrets.token_urlsafe(32),
            nonce=secrets.token_urlsafe(32),
            # 43 to 128 characters of [A-Za-z0-9-._~] (RFC 7636 4.1): 64 random bytes -> 86.
            verifier=secrets.token_urlsafe(64),
            expires_at=int((now if now is not None else time.time()) + FLOW_SECONDS),
        )

    @property
    def challenge(self) -> str:
        return _b64url(hashlib.sha256(self.verifier.encode()).digest())

    def values(self) -> dict[str, Any]:
        return {"s": self.state, "n": self.nonce, "v": self.verifier, "e": self.expires_at}

    @classmethod
    def from_values(cls, values: dict[str, Any] | None) -> Flow | None:
        if values is None:
            return None
        state, nonce, verifier, expires = (values.get(k) for k in ("s", "n", "v", "e"))
        if not all(isinstance(v, str) for v in (state, nonce, verifier)):
            return None
        if not isinstance(expires, int):
            return None
        return cls(str(state), str(nonce), str(verifier), expires)

    def check_state(self, state: str | None, now: float | None = None) -> None:
        if (now if now is not None else time.time()) > self.expires_at:
            raise OidcError("the sign-in flow has expired")
        # Constant time: the state is the flow's secret against a forged callback.
        if state is None or not secrets.compare_digest(state.encode(), self.state.encode()):
            raise OidcError("the callback's state is not the flow's")


@dataclass(frozen=True)
class Provider:
    """What the console uses of the IdP's discovery document."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str | None = None
    """RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), when the IdP has it."""


@dataclass(frozen=True)
class Tokens:
    id_token: str
    access_token: str

    def named(self, name: Literal["access_token", "id_token"]) -> str:
        """The one the console sends to the services (``CONSOLE_OIDC_SERVICE_TOKEN``)."""
        return self.id_token if name == "id_token" else self.access_token


class OidcClient:
    """The console's side of the flow. One per process: discovery and the key set are cached.

    ``transport`` is httpx's: tests hand in one that reaches an IdP written in the test.
    """

    def __init__(
        self, settings: ConsoleSettings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        assert settings.oidc_issuer_url and settings.oidc_client_id
        assert settings.oidc_client_secret and settings.oidc_redirect_url
        self.issuer = settings.oidc_issuer_url
        self.client_id = settings.oidc_client_id
        self._secret = settings.oidc_client_secret
        self.redirect_url = settings.oidc_redirect_url
        self.scopes = settings.oidc_scopes
        self._timeout = settings.oidc_timeout_seconds
        self._transport = transport
        self._require_https = not settings.development
        self._provider: Provider | None = None
        self._provider_until = 0.0
        self._keys: list[dict[str, Any]] = []
        self._keys_at: float | None = None

    async def _json(self, method: str, url: str, **kwargs: Any) -> tuple[int, Any]:
        # Never follow a redirect: every URL here is the IdP's own, from its settings or its
        # discovery document.
        async with httpx.AsyncClient(
            transport=self._transport, timeout=self._timeout, follow_redirects=False
        ) as client:
            try:
                response = await client.request(method, url, **kwargs)
            except httpx.HTTPError as exc:
                raise OidcError(f"the IdP did not answer at {url}: {type(exc).__name__}") from exc
        if len(response.content) > _MAX_RESPONSE_BYTES:
            raise OidcError(f"the IdP's answer at {url} is too long")
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, None

    def _endpoint(self, document: dict[str, Any], name: str) -> str:
        url = document.get(name)
        if not isinstance(url, str) or urlsplit(url).scheme not in ("https", "http"):
            raise OidcError(f"the discovery document has no usable {name}")
        if self._require_https and urlsplit(url).scheme != "https":
            raise OidcError(f"the discovery document's {name} is not https")
        return url

    async def provider(self) -> Provider:
        """The IdP's endpoints, from its discovery document (OIDC Discovery 1.0 section 4)."""
        if self._provider is not None and time.monotonic() < self._provider_until:
            return self._provider
        url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
        status, document = await self._json("GET", url)
        if status != 200 or not isinstance(document, dict):
            raise OidcError(f"discovery at {url} answered {status}")
        # Exactly equal (section 4.3): another issuer's document, or a look-alike, is not ours.
        if document.get("issuer") != self.issuer:
            raise OidcError(f"discovery names issuer {_logged(document.get('issuer'))}")
        provider = Provider(
            issuer=self.issuer,
            authorization_endpoint=self._endpoint(document, "authorization_endpoint"),
            token_endpoint=self._endpoint(document, "token_endpoint"),
            jwks_uri=self._endpoint(document, "jwks_uri"),
            end_session_endpoint=(
                self._endpoint(document, "end_session_endpoint")
                if "end_session_endpoint" in document
                else None
            ),
        )
        self._provider, self._provider_until = provider, time.monotonic() + DISCOVERY_TTL_SECONDS
        return provider

    async def authorization_url(self, flow: Flow) -> str:
        provider = await self.provider()
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": self.redirect_url,
                "scope": self.scopes,
                "state": flow.state,
                "nonce": flow.nonce,
                "code_challenge": flow.challenge,
                "code_challenge_method": "S256",
            }
        )
        separator = "&" if urlsplit(provider.authorization_endpoint).query else "?"
        return f"{provider.authorization_endpoint}{separator}{query}"

    @property
    def signed_out_url(self) -> str:
        """Where the IdP sends the browser back after signing out there: the sign-in page."""
        parts = urlsplit(self.redirect_url)
        return f"{parts.scheme}://{parts.netloc}/sign-in"

    async def end_session_url(self) -> str | None:
        """The IdP's sign-out for this browser, if it has one. No ``id_token_hint``: the ID
        token is not kept (the session cookie holds only the services' token, and a second
        token would bring it near the browsers' 4 KB per cookie), so ``client_id`` names the
        console instead, as RP-Initiated Logout allows; the IdP may ask the person to confirm."""
        provider = await self.provider()
        if provider.end_session_endpoint is None:
            return None
        query = urlencode(
            {"client_id": self.client_id, "post_logout_redirect_uri": self.signed_out_url}
        )
        separator = "&" if urlsplit(provider.end_session_endpoint).query else "?"
        return f"{provider.end_session_endpoint}{separator}{query}"

    async def exchange(self, code: str, flow: Flow) -> Tokens:
        """The code for tokens at the token endpoint (OIDC Core 3.1.3), with the PKCE verifier."""
        provider = await self.provider()
        # client_secret_basic: id and secret form-encoded, then Basic (RFC 6749 2.3.1).
        pair = f"{quote_plus(self.client_id)}:{quote_plus(self._secret.get_secret_value())}"
        status, body = await self._json(
            "POST",
            provider.token_endpoint,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": self.redirect_url,
                "code_verifier": flow.verifier,
            },
            headers={
                "Authorization": "Basic " + base64.b64encode(pair.encode()).decode(),
                "Accept": "application/json",
            },
        )
        if status != 200 or not isinstance(body, dict):
            error = body.get("error") if isinstance(body, dict) else None
            raise OidcError(f"the token endpoint answered {status} (error {_logged(error)})")
        id_token, access_token = body.get("id_token"), body.get("access_token")
        if not isinstance(id_token, str) or not isinstance(access_token, str):
            raise OidcError("the token response lacks id_token or access_token")
        if str(body.get("token_type", "")).lower() != "bearer":
            raise OidcError(f"the token type is {_logged(body.get('token_type'))}, not Bearer")
        return Tokens(id_token=id_token, access_token=access_token)

    async def validate_id_token(self, id_token: str, flow: Flow) -> dict[str, Any]:
        """The ID token's claims once every check of OIDC Core 3.1.3.7 the console relies on
        holds: an asymmetric signature by the issuer's key set, ``iss``, ``aud`` and ``azp``,
        ``exp`` and ``iat``, and the flow's ``nonce``."""
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError as exc:
            raise OidcError("the ID token is not a JWT") from exc
        algorithm = header.get("alg")
        if algorithm not in ID_TOKEN_ALGORITHMS:
            # Before any key is looked up: "none" and HS* never get as far as a key.
            raise OidcError(f"the ID token's algorithm {_logged(algorithm)} is not accepted")
        key = await self._key(header.get("kid"), str(algorithm))
        try:
            claims: dict[str, Any] = jwt.decode(
                id_token,
                key,
                algorithms=[str(algorithm)],
                audience=self.client_id,
                issuer=self.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "sub", "aud", "exp", "iat", "nonce"]},
            )
        except jwt.PyJWTError as exc:
            raise OidcError(f"the ID token is refused: {type(exc).__name__}: {exc}") from exc
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        azp = claims.get("azp")
        if (len(audiences) > 1 or azp is not None) and azp != self.client_id:
            raise OidcError(f"the ID token's azp is {_logged(azp)}, not the console")
        iat = claims["iat"]
        if not isinstance(iat, int | float) or time.time() - iat > FLOW_SECONDS + LEEWAY_SECONDS:
            # Just issued by the token endpoint: an old one is a replayed one.
            raise OidcError("the ID token was issued too long ago")
        nonce = claims["nonce"]
        if not isinstance(nonce, str) or not secrets.compare_digest(
            nonce.encode(), flow.nonce.encode()
        ):
            raise OidcError("the ID token's nonce is not the flow's")
        return claims

    async def _key(self, kid: object, algorithm: str) -> Any:
        """The key set's key for ``kid`` and ``algorithm``, fetching the set again once when a
        kid is new to it (key rotation)."""
        found = self._match(kid, algorithm)
        if found is None and (
            self._keys_at is None or time.monotonic() - self._keys_at > JWKS_REFETCH_SECONDS
        ):
            provider = await self.provider()
            status, body = await self._json("GET", provider.jwks_uri)
            keys = body.get("keys") if isinstance(body, dict) else None
            if status != 200 or not isinstance(keys, list):
                raise OidcError(f"the key set at {provider.jwks_uri} answered {status}")
            self._keys = [k for k in keys if isinstance(k, dict)]
            self._keys_at = time.monotonic()
            found = self._match(kid, algorithm)
        if found is None:
            raise OidcError(f"no key of the IdP's key set for kid {_logged(kid)} and {algorithm}")
        return found

    def _match(self, kid: object, algorithm: str) -> Any:
        for jwk in self._keys:
            if kid is not None and jwk.get("kid") != kid:
                continue
            if jwk.get("use", "sig") != "sig" or jwk.get("alg", algorithm) != algorithm:
                continue
            try:
                # The algorithm given, not the key's: an RSA key is never made an HMAC secret
                # or an EC key, whatever the token's header says.
                return jwt.PyJWK(jwk, algorithm=algorithm).key
            except jwt.PyJWTError:
                continue
        return None
