"""A link followed from another site arrives without the SameSite=Strict session cookie: the
console answers with a page that reopens the address from its own site, and sets no cookie, so
the signed-in session is not replaced by an anonymous one (console/cross_site.py)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.requests import Request

from console.cross_site import own_address
from console.main import build_app
from console.settings import ConsoleSettings
from noncoop_shared.auth.tokens import mint_token

SECRET = "console-unit-tests-" + "s" * 40
SETTINGS = ConsoleSettings(jwt_secret=SECRET, referrals_url="http://127.0.0.1:9")
#: What a browser sends with a top-level navigation another site starts.
FROM_ANOTHER_SITE = {
    "sec-fetch-site": "cross-site",
    "sec-fetch-mode": "navigate",
    "sec-fetch-dest": "document",
    "sec-fetch-user": "?1",
}
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]*)">')


@pytest.fixture
def transport() -> httpx.ASGITransport:
    return httpx.ASGITransport(app=build_app(SETTINGS))


@pytest.fixture
async def client(transport: httpx.ASGITransport) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as client:
        yield client


def _refresh_target(html: str) -> str:
    found = _REFRESH.search(html)
    assert found, "no refresh in the page"
    return found.group(1)


async def _sign_in(client: httpx.AsyncClient) -> None:
    form = await client.get("/sign-in")
    found = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert found
    token = mint_token(SECRET, role="secretariat", sub="s-1")
    signed = await client.post("/sign-in", data={"token": token, "csrf_token": found.group(1)})
    assert signed.status_code == 303


async def test_a_link_from_another_site_keeps_the_person_signed_in(
    client: httpx.AsyncClient, transport: httpx.ASGITransport
) -> None:
    await _sign_in(client)
    signed_in_cookie = client.cookies["console_session"]
    # The browser holds the Strict cookie back on the cross-site navigation, and sends the Lax
    # language cookie.
    async with httpx.AsyncClient(
        transport=transport, base_url="http://console", cookies={"lang": "fr"}
    ) as without_session:
        arrived = await without_session.get(
            "/cases?status=open&sort=state", headers=FROM_ANOTHER_SITE
        )
    assert arrived.status_code == 200
    assert "set-cookie" not in arrived.headers
    assert arrived.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in arrived.headers["content-security-policy"]
    assert "<script" not in arrived.text  # the policy allows none; a meta refresh needs none
    assert _refresh_target(arrived.text) == "/cases?status=open&amp;sort=state"
    assert 'href="/cases?status=open&amp;sort=state"' in arrived.text
    assert "Ouverture de la page" in arrived.text  # in the person's language (the Lax cookie)
    assert "Signed in as" not in arrived.text and "Connecté en tant que" not in arrived.text
    # The refresh is a same-origin navigation: it carries the cookie, and the person is still in.
    assert client.cookies["console_session"] == signed_in_cookie
    home = await client.get("/", headers={**FROM_ANOTHER_SITE, "sec-fetch-site": "same-origin"})
    assert home.status_code == 303 and home.headers["location"] == "/cases"


async def test_the_refresh_is_answered_as_any_request_so_it_cannot_loop(
    client: httpx.AsyncClient,
) -> None:
    # Not signed in at all: the refresh (same-origin, still no cookie) goes on to the sign-in.
    again = await client.get(
        "/cases", headers={**FROM_ANOTHER_SITE, "sec-fetch-site": "same-origin"}
    )
    assert again.status_code == 303 and again.headers["location"] == "/sign-in"
    assert "console_session=" in again.headers["set-cookie"]


@pytest.mark.parametrize(
    "headers",
    [
        {},  # no Fetch Metadata: an older browser, or not a browser
        {**FROM_ANOTHER_SITE, "sec-fetch-site": "none"},  # typed or a bookmark: Strict is sent
        {**FROM_ANOTHER_SITE, "sec-fetch-site": "same-site"},
        {**FROM_ANOTHER_SITE, "sec-fetch-site": "same-origin"},
    ],
    ids=["no-metadata", "none", "same-site", "same-origin"],
)
async def test_other_requests_without_the_cookie_are_answered_as_before(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    answered = await client.get("/sign-in", headers=headers)
    assert answered.status_code == 200 and "console_session=" in answered.headers["set-cookie"]
    assert not _REFRESH.search(answered.text)


async def test_a_cross_site_navigation_with_the_cookie_is_answered_as_before(
    client: httpx.AsyncClient,
) -> None:
    # SameSite=Lax or None browsers' behaviour, or a cookie the browser did send: no detour.
    await _sign_in(client)
    home = await client.get("/", headers=FROM_ANOTHER_SITE)
    assert home.status_code == 303 and home.headers["location"] == "/cases"


async def test_a_cross_site_post_is_not_reopened(client: httpx.AsyncClient) -> None:
    refused = await client.post("/sign-out", data={"csrf_token": "x"}, headers=FROM_ANOTHER_SITE)
    assert refused.status_code == 403


async def test_the_sign_in_callback_is_left_to_itself(client: httpx.AsyncClient) -> None:
    # It is meant to be reached from the IdP's site and sets the session itself; here (no OIDC
    # configured) it is a 404, not the reopening page.
    callback = await client.get("/sign-in/callback?code=c&state=s", headers=FROM_ANOTHER_SITE)
    assert callback.status_code == 404


@pytest.mark.parametrize(
    ("raw_path", "query", "expected"),
    [
        (b"//evil.example/x", b"", "/evil.example/x"),
        (b"/\\evil.example", b"", "/%5Cevil.example"),
        (b"/%5Cevil.example", b"", "/%5Cevil.example"),
        (b"/\t/evil.example", b"", "/%09/evil.example"),
        (b"/cases", b"next=https://evil.example/&q=%22", "/cases?next=https://evil.example/&q=%22"),
        (
            b'/cases/"><script>x</script>',
            b"a='b'<>",
            "/cases/%22%3E%3Cscript%3Ex%3C/script%3E?a='b'%3C%3E",
        ),
        (b"/caf\xc3\xa9 x", b"q=a b", "/caf%C3%A9%20x?q=a%20b"),
    ],
)
def test_the_address_is_the_requests_own_path_and_query_escaped(
    raw_path: bytes, query: bytes, expected: str
) -> None:
    scope = {
        "type": "http",
        "method": "GET",
        "path": raw_path.decode("latin-1"),
        "raw_path": raw_path,
        "query_string": query,
        "headers": [],
        "server": ("console", 80),
        "scheme": "https",
    }
    address = own_address(Request(scope))
    assert address == expected
    # One slash, then a path: never a scheme, a host or a protocol-relative address.
    assert address.startswith("/") and address[1:2] not in ("/", "\\")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://console//evil.example/x", "/evil.example/x"),
        ("http://console/%2F%2Fevil.example", "/%2F%2Fevil.example"),
        ("http://console/%5C%5Cevil.example", "/%5C%5Cevil.example"),
        ("http://console/cases/%22%3E%3Cscript%3E", "/cases/%22%3E%3Cscript%3E"),
    ],
)
async def test_the_page_goes_nowhere_else(
    client: httpx.AsyncClient, url: str, expected: str
) -> None:
    arrived = await client.get(url, headers=FROM_ANOTHER_SITE)
    assert arrived.status_code == 200 and "set-cookie" not in arrived.headers
    assert _refresh_target(arrived.text) == expected
    assert "<script>" not in arrived.text


@pytest.mark.parametrize(
    ("method", "path", "mode"),
    [
        ("POST", "/sign-out", "navigate"),  # a form another site posts: refused, and no cookie
        ("POST", "/cases", "navigate"),
        ("GET", "/sign-in/callback?state=x", "navigate"),  # the callback, a state of its own
        ("GET", "/sign-in", "no-cors"),  # an image another site's page loads
    ],
)
async def test_a_request_another_site_starts_never_replaces_the_session_cookie(
    client: httpx.AsyncClient, transport: httpx.ASGITransport, method: str, path: str, mode: str
) -> None:
    # Without the Strict cookie (held back on a cross-site request) such a request used to get
    # a fresh anonymous session, whose cookie replaced the signed-in one: another site could
    # sign the person out.
    await _sign_in(client)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as elsewhere:
        answered = await elsewhere.request(
            method, path, headers={**FROM_ANOTHER_SITE, "sec-fetch-mode": mode}
        )
    assert answered.status_code < 500
    assert "set-cookie" not in answered.headers, answered.headers.get("set-cookie")


async def test_a_request_from_this_site_without_a_session_gets_one(
    transport: httpx.ASGITransport,
) -> None:
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as fresh:
        page = await fresh.get("/sign-in", headers={"sec-fetch-site": "same-origin"})
    assert "console_session=" in page.headers["set-cookie"]
