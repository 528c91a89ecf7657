"""English and French: the Babel catalogues (``locales/<lang>/LC_MESSAGES/messages.po``, in the
repository) compiled in memory at start, the language of a request, dates in that language.

English is the source language: its catalogue holds only the keys of values the services send
(``scenario:7a``, ``rule:overdue``...). Compiling the ``.po`` at start keeps one source of truth
in the repository and no build step (no ``.mo`` to go stale).
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from starlette.requests import Request

from noncoop_client.reporting.models.report_language import ReportLanguage

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
LANG_COOKIE = "lang"
LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"


def load_translations(root: Path = LOCALES) -> dict[str, gettext.NullTranslations]:
    translations: dict[str, gettext.NullTranslations] = {}
    for language in LANGUAGES:
        with (root / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
            catalog = read_po(po, locale=language)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        translations[language] = gettext.GNUTranslations(compiled)
    return translations


def language_of(request: Request) -> str:
    """The ``lang`` cookie (the switch on every page), else the browser's Accept-Language."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return negotiate(request.headers.get("accept-language", ""))


def service_language(request: Request) -> ReportLanguage:
    """The page's language as reporting takes it (``lang=``): a French page asks reporting for
    its French (a rule's ``why``, a report), an English one for its English."""
    return ReportLanguage.FR if language_of(request) == "fr" else ReportLanguage.EN


def negotiate(header: str) -> str:
    """The first of our languages in an Accept-Language header, by quality then order."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        ranked.append((-quality, position, tag.strip().lower().split("-")[0]))
    for _, _, language in sorted(ranked):
        if language in LANGUAGES:
            return language
    return DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Formatter:
    """What a template needs to speak one language: ``_`` and dates as that language writes
    them. Times are shown in UTC, saying so: the procedures' deadlines are UTC instants."""

    language: str
    translations: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def format_datetime(self, value: datetime | None) -> str:
        if value is None:
            return ""
        return format_datetime(value, "medium", tzinfo=UTC, locale=self.language) + " UTC"

    def format_date(self, value: date | datetime | None) -> str:
        if value is None:
            return ""
        return format_date(value, "long", locale=self.language)

    def helpers(self) -> dict[str, Callable[..., str] | str]:
        return {
            "_": self.gettext,
            "lang": self.language,
            "format_datetime": self.format_datetime,
            "format_date": self.format_date,
        }
