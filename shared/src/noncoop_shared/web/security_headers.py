"""Security headers on every response (ADR 0021).

The API answers JSON, problem+json, Markdown and one printable HTML page (a Bureau report); in
development also the API docs. A browser that is handed any of them must neither run what it
holds nor frame it nor guess its type, and must not keep an authenticated answer in a cache:

- ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``, ``Referrer-Policy: no-referrer``;
- ``Content-Security-Policy``: nothing at all may load for API answers; the report's HTML may use
  its own inline ``<style>`` and nothing else (no script, no image beacon, no form); the docs pages
  load FastAPI's Swagger UI / ReDoc assets from their CDN and call the API itself;
- ``Cache-Control: no-store`` on the answer to any request that carried credentials.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)
DOCS_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
    "https://cdn.redoc.ly; connect-src 'self'; worker-src blob:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)

_ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def content_security_policy(path: str, content_type: str, docs_paths: Collection[str]) -> str:
    """The policy of a response: by what it is (HTML or not) and where (the docs pages)."""
    if not content_type.lower().startswith("text/html"):
        return API_POLICY
    return DOCS_POLICY if path in docs_paths else HTML_POLICY


class SecurityHeadersMiddleware:
    """Adds the headers of the module docstring to every HTTP response."""

    def __init__(self, app: ASGIApp, *, docs_paths: Collection[str] = ()) -> None:
        self.app = app
        self.docs_paths = frozenset(docs_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        credentialed = "authorization" in Headers(scope=scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _ALWAYS.items():
                    headers[name] = value
                headers["Content-Security-Policy"] = content_security_policy(
                    scope["path"], headers.get("content-type", ""), self.docs_paths
                )
                if credentialed:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
