"""OpenID Connect sign-in against a real provider written for the test (``oidc_provider.py``),
in process: the code flow with PKCE signs in; every forged, replayed or mis-signed answer is
refused with one message, no session, and its own reason in the log."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
from pydantic import ValidationError
from structlog.testing import capture_logs

from console.main import build_app
from console.oidc import FLOW_SECONDS, Flow, OidcError
from console.pages.auth import FLOW_COOKIE
from console.session import COOKIE, Session, SessionSealer
from console.settings import ConsoleSettings, session_key_bytes

from .oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    ISSUER,
    KID,
    Provider,
    hs256_token,
    new_rsa_key,
    private_pem,
    public_pem,
    unsigned_token,
)

GENERIC = "Sign-in did not succeed. Try again."
SESSION_KEY = "ZmFrZS1zZXNzaW9uLWtleS1mb3ItdW5pdC10ZXN0cyE="  # 32 bytes
READABLE_JWT = re.compile(r"eyJ[\w-]*\.eyJ[\w-]*\.")
"""A JWT as it travels: base64url header and claims, each a JSON object (``eyJ``: ``{"``)."""


def settings_for(provider: Provider, base: str, **changes: Any) -> ConsoleSettings:
    values: dict[str, Any] = {
        # The services' verifier: the IdP's key, issuer and the services' audience.
        "jwt_algorithm": "RS256",
        "jwt_public_key": public_pem(provider.key),
        "jwt_issuer": ISSUER,
        "oidc_issuer_url": ISSUER,
        "oidc_client_id": CLIENT_ID,
        "oidc_client_secret": CLIENT_SECRET,
        "oidc_redirect_url": f"{base}/sign-in/callback",
        "session_key": SESSION_KEY,
    }
    return ConsoleSettings(**(values | changes))


@asynccontextmanager
async def console_with(
    provider: Provider, base: str = "http://console", **changes: Any
) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(
        settings_for(provider, base, **changes),
        oidc_transport=httpx.ASGITransport(app=provider.app),
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base) as client:
        yield client


def new_provider(base: str = "http://console") -> Provider:
    return Provider(redirect_uri=f"{base}/sign-in/callback")


async def at_provider(provider: Provider, url: str) -> httpx.Response:
    """The browser at the IdP (its own cookies are none of the console's)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=provider.app)) as idp:
        return await idp.get(url)


async def callback_url(browser: httpx.AsyncClient, provider: Provider) -> str:
    """Starts the flow and lets the IdP approve: where it sends the browser back to."""
    start = await browser.get("/sign-in/oidc")
    assert start.status_code == 303, start.text
    approved = await at_provider(provider, start.headers["location"])
    assert approved.status_code == 302, approved.text
    return approved.headers["location"]


async def signed_in(browser: httpx.AsyncClient) -> bool:
    home = await browser.get("/")
    return bool(home.headers["location"] == "/cases")


def refused(response: httpx.Response, logs: list[dict[str, Any]], reason: str) -> None:
    """The generic page, and the given reason in the log only."""
    assert response.status_code == 400
    assert GENERIC in response.text
    reasons = [e["reason"] for e in logs if e["event"] == "console.sign_in_refused"]
    assert len(reasons) == 1 and reason in reasons[0], reasons
    assert reason not in response.text


@pytest.mark.parametrize("base", ["http://console", "https://console.test"])
async def test_the_code_flow_signs_in(base: str) -> None:
    provider = new_provider(base)
    # https: the console in production (Secure cookies, no token form).
    environment = "development" if base.startswith("http:") else "production"
    async with console_with(provider, base, environment=environment) as browser:
        page = await browser.get("/sign-in")
        assert 'href="/sign-in/oidc"' in page.text
        assert ("<textarea" in page.text) == (environment == "development")
        # Over HTTPS, a browser is told never to come back over plain HTTP.
        hsts = page.headers.get("strict-transport-security")
        assert hsts == (None if environment == "development" else "max-age=31536000")
        before = re.findall(r'name="csrf_token" value="([^"]+)"', page.text)

        start = await browser.get("/sign-in/oidc")
        assert start.status_code == 303
        target = urlsplit(start.headers["location"])
        assert f"{target.scheme}://{target.netloc}{target.path}" == f"{ISSUER}/authorize"
        query = {k: v[0] for k, v in parse_qs(target.query).items()}
        assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
        assert query["redirect_uri"] == f"{base}/sign-in/callback" and query["scope"] == "openid"
        assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
        flow_cookie = start.headers["set-cookie"]
        assert flow_cookie.startswith(f"{FLOW_COOKIE}=")
        for attribute in ("HttpOnly", "SameSite=lax", "Path=/sign-in/callback", "Max-Age=600"):
            assert attribute in flow_cookie
        assert ("Secure" in flow_cookie) == (environment == "production")
        # Sealed: neither the state nor the nonce can be read from it.
        assert query["state"] not in flow_cookie and query["nonce"] not in flow_cookie

        approved = await at_provider(provider, start.headers["location"])
        done = await browser.get(approved.headers["location"])
        assert done.status_code == 200, done.text
        # A page whose refresh is the console's own navigation, not a redirect (SameSite).
        assert '<meta http-equiv="refresh" content="0; url=/cases">' in done.text
        assert "Signed in as" in done.text and "s-1" in done.text
        cookies = done.headers.get_list("set-cookie")
        session_cookie = next(c for c in cookies if c.startswith(f"{COOKIE}="))
        # Sealed: no readable JWT in it (a JWT's header and claims both begin ``eyJ``, base64url
        # of ``{"``; a bare ``eyJ`` also turns up in sealed bytes, about once in 1,000 runs).
        assert not READABLE_JWT.search(session_cookie), session_cookie
        assert any(c.startswith(f'{FLOW_COOKIE}=""') and "Max-Age=0" in c for c in cookies)
        assert await signed_in(browser)
        # A new CSRF token at sign-in.
        after = await browser.get("/sign-in")
        assert re.findall(r'name="csrf_token" value="([^"]+)"', after.text)[0] not in before


@pytest.mark.parametrize("at_idp", [True, False], ids=["end-session", "no-end-session"])
async def test_sign_out(at_idp: bool) -> None:
    provider = new_provider()
    provider.end_session = at_idp
    async with console_with(provider) as browser:
        done = await browser.get(await callback_url(browser, provider))
        csrf = re.findall(r'name="csrf_token" value="([^"]+)"', done.text)[0]
        out = await browser.post("/sign-out", data={"csrf_token": csrf})
        assert not await signed_in(browser)
        if not at_idp:
            assert out.status_code == 303 and out.headers["location"] == "/sign-in"
            return
        assert out.status_code == 200 and "Signed in as" not in out.text
        end_session = (
            f"{ISSUER}/end_session?client_id={CLIENT_ID}"
            "&post_logout_redirect_uri=http%3A%2F%2Fconsole%2Fsign-in"
        )
        escaped = end_session.replace("&", "&amp;")
        assert f'<meta http-equiv="refresh" content="0; url={escaped}">' in out.text
        back = await at_provider(provider, end_session)
        assert back.status_code == 302 and back.headers["location"] == "http://console/sign-in"


async def test_the_provider_checks_the_client_secret_and_the_verifier() -> None:
    """The test provider refuses what the console's tests rely on it refusing."""
    provider = new_provider()
    async with (
        console_with(provider) as browser,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=provider.app)) as idp,
    ):
        url = await callback_url(browser, provider)
        code = parse_qs(urlsplit(url).query)["code"][0]
        body = {"grant_type": "authorization_code", "code": code, "redirect_uri": url}
        no_secret = await idp.post(f"{ISSUER}/token", data=body)
        assert no_secret.status_code == 401
        basic = httpx.BasicAuth(CLIENT_ID, CLIENT_SECRET)
        no_verifier = await idp.post(f"{ISSUER}/token", data=body, auth=basic)
        assert no_verifier.json() == {"error": "invalid_grant"}


async def test_a_forged_state_is_refused() -> None:
    provider = new_provider()
    async with console_with(provider) as browser:
        url = await callback_url(browser, provider)
        forged = re.sub(r"state=[^&]+", "state=forged", url)
        with capture_logs() as logs:
            response = await browser.get(forged)
        refused(response, logs, "state is not the flow's")
        assert not provider.token_requests  # the code was never sent
        assert not await signed_in(browser)


async def test_a_callback_is_good_once() -> None:
    provider = new_provider()
    async with console_with(provider) as browser:
        url = await callback_url(browser, provider)
        flow_cookie = browser.cookies.get(FLOW_COOKIE)
        assert (await browser.get(url)).status_code == 200
        with capture_logs() as logs:
            again = await browser.get(url)
        refused(again, logs, "no sign-in flow")
    # Someone with the callback URL and the flow's cookie, in another browser: the IdP has
    # spent the code.
    async with console_with(provider) as other:
        other.cookies.set(FLOW_COOKIE, flow_cookie or "", path="/sign-in/callback")
        with capture_logs() as logs:
            replayed = await other.get(url)
        refused(replayed, logs, "the token endpoint answered 400 (error 'invalid_grant')")
        assert not await signed_in(other)


async def test_a_code_bound_to_another_pkce_challenge_is_refused() -> None:
    """An injected code (from another flow) fails the PKCE check at the provider."""
    provider = new_provider()
    async with console_with(provider) as browser:
        first = await callback_url(browser, provider)
        second = await callback_url(browser, provider)  # its cookie replaces the first's
        first_code = parse_qs(urlsplit(first).query)["code"][0]
        injected = re.sub(r"code=[^&]+", f"code={first_code}", second)
        with capture_logs() as logs:
            response = await browser.get(injected)
        refused(response, logs, "error 'invalid_grant'")
        assert provider.token_requests[-1]["code_verifier"]  # sent, and not the first's
        assert not await signed_in(browser)


async def test_an_error_from_the_provider_is_not_shown() -> None:
    provider = new_provider()
    provider.authorize_error = ("access_denied", "<script>alert('x')</script>")
    async with console_with(provider) as browser:
        url = await callback_url(browser, provider)
        with capture_logs() as logs:
            response = await browser.get(url)
        refused(response, logs, "the IdP answered error 'access_denied'")
        assert "<script>alert" not in response.text and "access_denied" not in response.text
        assert not await signed_in(browser)


async def test_a_wrong_client_secret_is_refused() -> None:
    provider = new_provider()
    async with console_with(provider, oidc_client_secret="not the secret") as browser:
        url = await callback_url(browser, provider)
        with capture_logs() as logs:
            response = await browser.get(url)
        refused(response, logs, "the token endpoint answered 401 (error 'invalid_client')")
        assert not await signed_in(browser)


def _now() -> int:
    return int(time.time())


OTHER_KEY = new_rsa_key()
ID_TOKEN_CASES: dict[str, tuple[Callable[[Provider], None], str]] = {
    "wrong-nonce": (
        lambda p: setattr(p, "edit_id_token", lambda c: c.update(nonce="another")),
        "nonce is not the flow's",
    ),
    "wrong-audience": (
        lambda p: setattr(p, "edit_id_token", lambda c: c.update(aud="another-client")),
        "InvalidAudienceError",
    ),
    "several-audiences-no-azp": (
        lambda p: setattr(p, "edit_id_token", lambda c: c.update(aud=[CLIENT_ID, "other"])),
        "azp is 'None'",
    ),
    "expired": (
        lambda p: setattr(
            p, "edit_id_token", lambda c: c.update(iat=_now() - 400, exp=_now() - 100)
        ),
        "ExpiredSignatureError",
    ),
    "issued-long-ago": (
        lambda p: setattr(p, "edit_id_token", lambda c: c.update(iat=_now() - 3600)),
        "issued too long ago",
    ),
    "another-issuer": (
        lambda p: setattr(p, "edit_id_token", lambda c: c.update(iss="https://evil.test")),
        "InvalidIssuerError",
    ),
    "no-nonce": (
        lambda p: setattr(p, "edit_id_token", lambda c: c.pop("nonce")),
        "MissingRequiredClaimError",
    ),
    "another-key": (
        lambda p: setattr(
            p,
            "sign_id_token",
            lambda c: jwt.encode(c, private_pem(OTHER_KEY), "RS256", headers={"kid": KID}),
        ),
        "InvalidSignatureError",
    ),
    "unknown-kid": (
        lambda p: setattr(
            p,
            "sign_id_token",
            lambda c: jwt.encode(c, private_pem(OTHER_KEY), "RS256", headers={"kid": "k-9"}),
        ),
        "no key of the IdP's key set for kid 'k-9'",
    ),
    "es256-naming-the-rsa-key": (
        lambda p: setattr(p, "sign_id_token", lambda c: p.sign_es256(c, kid=KID)),
        "no key of the IdP's key set for kid 'key-1' and ES256",
    ),
    "alg-none": (
        lambda p: setattr(
            p, "sign_id_token", lambda c: unsigned_token({"alg": "none", "kid": KID}, c) + "."
        ),
        "algorithm 'none' is not accepted",
    ),
    "hs256-with-the-public-key": (
        lambda p: setattr(p, "sign_id_token", lambda c: hs256_token(c, public_pem(p.key).encode())),
        "algorithm 'HS256' is not accepted",
    ),
}


@pytest.mark.parametrize("case", list(ID_TOKEN_CASES))
async def test_a_bad_id_token_is_refused(case: str) -> None:
    provider = new_provider()
    spoil, reason = ID_TOKEN_CASES[case]
    spoil(provider)
    async with console_with(provider) as browser:
        url = await callback_url(browser, provider)
        with capture_logs() as logs:
            response = await browser.get(url)
        refused(response, logs, reason)
        assert not await signed_in(browser)


async def test_an_es256_id_token_signs_in() -> None:
    provider = new_provider()
    provider.sign_id_token = provider.sign_es256
    async with console_with(provider) as browser:
        assert (await browser.get(await callback_url(browser, provider))).status_code == 200
        assert await signed_in(browser)


async def test_several_audiences_with_the_console_as_azp_sign_in() -> None:
    """The other side of the azp check: it refuses the bad case only."""
    provider = new_provider()
    provider.edit_id_token = lambda c: c.update(aud=[CLIENT_ID, "other"], azp=CLIENT_ID)
    async with console_with(provider) as browser:
        assert (await browser.get(await callback_url(browser, provider))).status_code == 200
        assert await signed_in(browser)


async def test_an_access_token_the_services_refuse_is_refused() -> None:
    """The ID token is fine, but the token for the services carries no role."""
    provider = new_provider()
    provider.edit_access_token = lambda c: c.pop("role")
    async with console_with(provider) as browser:
        url = await callback_url(browser, provider)
        with capture_logs() as logs:
            response = await browser.get(url)
        refused(response, logs, "no 'role' claim")
        assert not await signed_in(browser)


async def test_the_id_token_can_be_the_services_token() -> None:
    provider = new_provider()
    # Then it carries the role, and its audience is the one the services expect.
    provider.user = {"sub": "p-1", "role": "president"}
    provider.edit_id_token = lambda c: c.update(role="president")
    async with console_with(
        provider, oidc_service_token="id_token", jwt_audience=CLIENT_ID
    ) as browser:
        done = await browser.get(await callback_url(browser, provider))
        assert done.status_code == 200 and "p-1" in done.text


async def test_discovery_naming_another_issuer_is_refused() -> None:
    provider = new_provider()
    provider.document_issuer = ISSUER + "/"
    async with console_with(provider) as browser:
        with capture_logs() as logs:
            start = await browser.get("/sign-in/oidc")
        assert start.status_code == 502 and GENERIC in start.text
        assert FLOW_COOKIE not in start.headers.get("set-cookie", "")
        assert "discovery names issuer 'https://idp.test/'" in logs[0]["reason"]


async def test_production_refuses_the_token_form() -> None:
    base = "https://console.test"
    async with console_with(new_provider(base), base, environment="production") as browser:
        page = await browser.get("/sign-in")
        csrf = re.search(r'name="csrf_token"', page.text)
        assert csrf is None  # no form at all: the only sign-in is the IdP's link
        posted = await browser.post("/sign-in", data={"token": "x", "csrf_token": "y"})
        assert posted.status_code == 404


async def test_without_oidc_there_is_no_flow() -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(
            app=build_app(ConsoleSettings(jwt_secret="s" * 40, session_key=SESSION_KEY))
        ),
        base_url="http://console",
    ) as browser:
        assert 'href="/sign-in/oidc"' not in (await browser.get("/sign-in")).text
        assert (await browser.get("/sign-in/oidc")).status_code == 404
        assert (await browser.get("/sign-in/callback?code=a&state=b")).status_code == 404


def test_a_flow_expires() -> None:
    flow = Flow.start(now=1000.0)
    flow.check_state(flow.state, now=1000.0 + FLOW_SECONDS)
    with pytest.raises(OidcError, match="expired"):
        flow.check_state(flow.state, now=1001.0 + FLOW_SECONDS)
    with pytest.raises(OidcError, match="state"):
        flow.check_state(None, now=1000.0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"oidc_client_secret": None}, "also needs CONSOLE_OIDC_CLIENT_SECRET"),
        ({"oidc_redirect_url": "http://console/callback"}, "+ /sign-in/callback"),
        ({"oidc_scopes": "profile email"}, "must hold 'openid'"),
        (
            {"environment": "production", "oidc_issuer_url": "http://idp.test"},
            "CONSOLE_OIDC_ISSUER_URL must be https://",
        ),
        (
            {
                "environment": "production",
                "oidc_issuer_url": None,
                "oidc_client_id": None,
                "oidc_client_secret": None,
                "oidc_redirect_url": None,
            },
            "production sign-in is OpenID Connect",
        ),
    ],
)
def test_oidc_settings_are_checked(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        settings_for(new_provider(), "https://console.test", **changes)


def test_oidc_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    provider = new_provider()
    environment = {
        "NONCOOP_JWT_ALGORITHM": "RS256",
        "NONCOOP_JWT_PUBLIC_KEY": public_pem(provider.key),
        "CONSOLE_OIDC_ISSUER_URL": ISSUER,
        "CONSOLE_OIDC_CLIENT_ID": CLIENT_ID,
        "CONSOLE_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "CONSOLE_OIDC_REDIRECT_URL": "https://console.test/sign-in/callback",
        "CONSOLE_OIDC_SCOPES": "openid profile",
        "CONSOLE_OIDC_SERVICE_TOKEN": "id_token",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings = ConsoleSettings()
    assert settings.oidc_enabled and settings.oidc_client_id == CLIENT_ID
    assert settings.oidc_client_secret is not None
    assert settings.oidc_client_secret.get_secret_value() == CLIENT_SECRET
    assert CLIENT_SECRET not in repr(settings)
    assert settings.oidc_scopes == "openid profile" and settings.oidc_service_token == "id_token"


async def test_an_unreadable_key_set_keeps_the_session() -> None:
    """The services' key set (NONCOOP_JWT_JWKS_URL) does not answer: the pages ask for a
    sign-in, not a 500, and the session is not ended for what is not the token's fault."""
    provider = new_provider()
    settings = settings_for(
        provider, "http://console", jwt_public_key=None, jwt_jwks_url="http://127.0.0.1:9/jwks"
    )
    app = build_app(settings, oidc_transport=httpx.ASGITransport(app=provider.app))
    claims = {**provider.user, "iss": ISSUER, "aud": "noncoop", "iat": _now(), "exp": _now() + 60}
    assert settings.session_key is not None
    sealed = SessionSealer(session_key_bytes(settings.session_key)).seal(
        Session(token=provider.sign(claims))
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://console"
    ) as browser:
        browser.cookies.set(COOKIE, sealed)
        with capture_logs() as logs:
            home = await browser.get("/")
        assert home.status_code == 303 and home.headers["location"] == "/sign-in"
        assert COOKIE not in home.headers.get("set-cookie", "")
        assert any(e["event"] == "console.key_set_unavailable" for e in logs)
