"""Pages from the Jinja2 templates, in the request's language, with what every page needs: the
signed-in person, the CSRF token for its forms, the language switch."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from console.backends import Problem
from console.csrf import FIELD as CSRF_FIELD
from console.i18n import LANGUAGES, Formatter, language_of
from console.problem_titles import title_key
from console.session import session_of

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        # An undefined name is a bug in the page, not an empty string to show.
        undefined=StrictUndefined,
    )


class Pages:
    def __init__(self, translations: dict[str, gettext.NullTranslations]) -> None:
        self.env = environment()
        self.translations = translations

    def formatter(self, request: Request) -> Formatter:
        language = language_of(request)
        return Formatter(language, self.translations[language])

    def render(
        self,
        request: Request,
        template: str,
        status_code: int = 200,
        *,
        here: str | None = None,
        **context: Any,
    ) -> HTMLResponse:
        """``here``: where the language switch comes back to, when not the request's own address
        (the sign-in callback's, whose query holds the IdP's code)."""
        formatter = self.formatter(request)
        if here is None:
            here = request.url.path + (f"?{request.url.query}" if request.url.query else "")

        def problem_title(problem: Problem) -> str:
            return formatter.gettext(title_key(problem))

        values: dict[str, Any] = {
            **formatter.helpers(),
            "problem_title": problem_title,
            "principal": getattr(request.state, "principal", None),
            "csrf_field": CSRF_FIELD,
            "csrf_token": session_of(request).csrf,
            "languages": LANGUAGES,
            "switch_to": {lang: f"/language?lang={lang}&next={quote(here)}" for lang in LANGUAGES},
            "path": request.url.path,
            **context,
        }
        html = self.env.get_template(template).render(values)
        return HTMLResponse(html, status_code=status_code)
