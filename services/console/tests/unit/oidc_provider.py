"""A small but real OpenID Connect provider, for the console's sign-in tests: discovery,
``/authorize`` (approves its one user at once and sends the browser back with a code),
``/token`` (checks the client's secret, the code, the redirect URI and the PKCE verifier, then
signs an RS256 ID token and access token) and ``/jwks``.

Reached in process through httpx's ``ASGITransport``, by the console (``build_app``'s
``oidc_transport``) and by the test playing the browser. Its knobs make it misbehave the ways a
provider, or someone between it and the console, could: another issuer in its discovery, an
error instead of a code, ID token claims changed, a token signed some other way.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus, urlencode

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

ISSUER = "https://idp.test"
CLIENT_ID = "console"
CLIENT_SECRET = "a client secret: with % and spaces"
SERVICES_AUDIENCE = "noncoop"
KID = "key-1"
EC_KID = "ec-1"


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def private_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def unsigned_token(header: dict[str, Any], claims: dict[str, Any]) -> str:
    return f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"


def hs256_token(claims: dict[str, Any], secret: bytes, kid: str = KID) -> str:
    """HS256 by hand: PyJWT will not take a PEM as an HMAC secret, which is the attack."""
    body = unsigned_token({"alg": "HS256", "typ": "JWT", "kid": kid}, claims)
    return f"{body}.{b64url(hmac.new(secret, body.encode(), hashlib.sha256).digest())}"


@dataclass
class Grant:
    nonce: str
    challenge: str
    redirect_uri: str


@dataclass
class Provider:
    redirect_uri: str
    issuer: str = ISSUER
    user: dict[str, Any] = field(default_factory=lambda: {"sub": "s-1", "role": "secretariat"})
    key: rsa.RSAPrivateKey = field(default_factory=new_rsa_key)
    #: Published too: an ID token may be ES256 (the services' tokens are RS256).
    ec_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    # The knobs.
    document_issuer: str | None = None
    authorize_error: tuple[str, str] | None = None
    end_session: bool = False
    edit_id_token: Callable[[dict[str, Any]], None] | None = None
    edit_access_token: Callable[[dict[str, Any]], None] | None = None
    sign_id_token: Callable[[dict[str, Any]], str] | None = None
    codes: dict[str, Grant] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)

    @property
    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
                Route("/jwks", self.jwks),
                Route("/end_session", self.end_session_page),
            ]
        )

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, private_pem(self.key), algorithm="RS256", headers={"kid": KID})

    async def discovery(self, request: Request) -> Response:
        extra = {"end_session_endpoint": f"{self.issuer}/end_session"} if self.end_session else {}
        return JSONResponse(
            extra
            | {
                "issuer": self.document_issuer or self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    def sign_es256(self, claims: dict[str, Any], kid: str = EC_KID) -> str:
        pem = self.ec_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return jwt.encode(claims, pem, algorithm="ES256", headers={"kid": kid})

    async def end_session_page(self, request: Request) -> Response:
        q = request.query_params
        back = q.get("post_logout_redirect_uri", "")
        # Only to the registered address, as an IdP checks it.
        registered = self.redirect_uri.removesuffix("/callback")
        if q.get("client_id") != CLIENT_ID or back != registered:
            return JSONResponse({"error": "invalid_request"}, 400)
        return RedirectResponse(back, status_code=302)

    async def jwks(self, request: Request) -> Response:
        rsa_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        ec_jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.ec_key.public_key()))
        return JSONResponse(
            {
                "keys": [
                    {**rsa_jwk, "kid": KID, "use": "sig", "alg": "RS256"},
                    {**ec_jwk, "kid": EC_KID, "use": "sig", "alg": "ES256"},
                ]
            }
        )

    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        checks = (
            q.get("response_type") == "code",
            q.get("client_id") == CLIENT_ID,
            q.get("redirect_uri") == self.redirect_uri,
            "openid" in q.get("scope", "").split(),
            q.get("code_challenge_method") == "S256",
            len(q.get("code_challenge", "")) == 43,
            bool(q.get("nonce")) and bool(q.get("state")),
        )
        if not all(checks):
            return JSONResponse({"error": "invalid_request", "checks": checks}, 400)
        back: dict[str, str] = {"state": q["state"]}
        if self.authorize_error is not None:
            back |= {"error": self.authorize_error[0], "error_description": self.authorize_error[1]}
        else:
            code = secrets.token_urlsafe(16)
            self.codes[code] = Grant(q["nonce"], q["code_challenge"], q["redirect_uri"])
            back["code"] = code
        return RedirectResponse(f"{self.redirect_uri}?{urlencode(back)}", status_code=302)

    async def token(self, request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        self.token_requests.append(form)
        if not self._client_authenticated(request.headers.get("authorization", "")):
            return JSONResponse({"error": "invalid_client"}, 401)
        grant = self.codes.pop(form.get("code", ""), None)  # a code is good once
        verifier = form.get("code_verifier")
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or form.get("redirect_uri") != grant.redirect_uri
            or verifier is None
            or b64url(hashlib.sha256(verifier.encode()).digest()) != grant.challenge
        ):
            return JSONResponse({"error": "invalid_grant"}, 400)
        now = int(time.time())
        id_claims = {
            "iss": self.issuer,
            "sub": self.user["sub"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
        }
        access_claims = {
            **self.user,
            "iss": self.issuer,
            "aud": SERVICES_AUDIENCE,
            "iat": now,
            "exp": now + 300,
        }
        if self.edit_id_token:
            self.edit_id_token(id_claims)
        if self.edit_access_token:
            self.edit_access_token(access_claims)
        id_token = (self.sign_id_token or self.sign)(id_claims)
        return JSONResponse(
            {
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
                "access_token": self.sign(access_claims),
            }
        )

    @staticmethod
    def _client_authenticated(header: str) -> bool:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        client_id, _, secret = base64.b64decode(value).decode().partition(":")
        return unquote_plus(client_id) == CLIENT_ID and hmac.compare_digest(
            unquote_plus(secret), CLIENT_SECRET
        )
