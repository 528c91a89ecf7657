"""A navigation from another site, without the session cookie: answered with a page that opens
the same address again from the console's own site, so that the person stays signed in.

The session cookie is ``SameSite=Strict`` (ADR 0038), so a link followed from another site (a
mail client's web page, an intranet, a chat) arrives without it. Answered as usual, such a
request would start an anonymous session and its cookie would replace the signed-in one: one
click from elsewhere would sign the person out. Instead the console answers a top-level GET that
is ``Sec-Fetch-Site: cross-site`` and carries no session cookie with a small page that sets no
cookie and refreshes to the same path and query. The refresh is a navigation the console's own
page starts (``Sec-Fetch-Site: same-origin``), on which the browser sends the Strict cookie; so
it cannot come back here (no loop), and it goes nowhere but the request's own path on this site
(no open redirect: the path and query are escaped into the page, with no scheme or host).

``Sec-Fetch-Site: none`` (an address typed or a bookmark) is not cross-site: the browser sends
Strict cookies with it. A browser that does not send Fetch Metadata (or a client that is not a
browser) is answered as before. The OpenID Connect callback is left out: it is the one page
meant to be reached from another site (the IdP's), and it sets the session itself.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from console.rendering import Pages
from console.session import COOKIE, Session, set_session
from console.settings import CALLBACK_PATH


def arrives_from_another_site_without_session(request: Request) -> bool:
    headers = request.headers
    return (
        request.method == "GET"
        and headers.get("sec-fetch-site") == "cross-site"
        and headers.get("sec-fetch-mode") == "navigate"
        and COOKIE not in request.cookies
        and request.url.path != CALLBACK_PATH
    )


#: What stays as it is in the address; everything else is percent-encoded: a backslash (which a
#: browser reads as a slash, so ``/\host`` would be another host), a tab or a newline (which it
#: drops, so ``/<tab>/host`` likewise), spaces, quotes, angle brackets.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


def own_address(request: Request) -> str:
    """The request's path and query as received (still percent-encoded), nothing else: where
    the page refreshes to. Always one ``/`` then not another (``//host`` is another host)."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    path = "/" + quote(raw, safe=_PATH_SAFE).lstrip("/")
    query = quote(request.scope.get("query_string", b""), safe=_QUERY_SAFE)
    return path + (f"?{query}" if query else "")


def reopen_page(request: Request, pages: Pages) -> Response:
    """The page that reopens the request's address from this site. No session is started (an
    unchanged, anonymous one renders the page), so the response sets no cookie."""
    set_session(request, Session())
    request.state.principal = None
    address = own_address(request)
    # Percent-encoded (own_address) and autoescaped in the template besides.
    return pages.render(request, "reopen.html", here=address, refresh_to=address)
