"""The languages reporting's reads are written in: English and French (the report, the
procedural state's sentences)."""

from __future__ import annotations

from enum import StrEnum

from reporting.domain.report.language import Lang


class ReportLanguage(StrEnum):
    """The languages reporting's reads are written in (a report, the procedural state's
    sentences): English, for a report the text sealed, and French."""

    EN = "en"
    FR = "fr"


def lang_of(lang: ReportLanguage) -> Lang:
    """The domain's language for the query's."""
    return "fr" if lang is ReportLanguage.FR else "en"
