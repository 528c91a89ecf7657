"""Which Content-Security-Policy a response gets (ADR 0021)."""

from __future__ import annotations

from noncoop_shared.web.security_headers import (
    API_POLICY,
    DOCS_POLICY,
    HTML_POLICY,
    content_security_policy,
)

DOCS = ("/docs", "/redoc")


def test_json_and_problems_may_load_nothing() -> None:
    for content_type in ("application/json", "application/problem+json", "text/markdown"):
        assert content_security_policy("/v1/cases", content_type, DOCS) == API_POLICY
    assert "script-src" not in API_POLICY


def test_the_report_html_keeps_its_inline_style_and_nothing_else() -> None:
    policy = content_security_policy("/v1/reports/r.html", "text/html; charset=utf-8", DOCS)

    assert policy == HTML_POLICY
    assert "style-src 'unsafe-inline'" in policy
    assert "script-src" not in policy
    assert "img-src" not in policy  # default-src 'none': no image beacon


def test_the_docs_pages_load_their_assets_and_the_api_only() -> None:
    assert content_security_policy("/docs", "text/html", DOCS) == DOCS_POLICY
    assert "connect-src 'self'" in DOCS_POLICY
    assert "frame-ancestors 'none'" in DOCS_POLICY
