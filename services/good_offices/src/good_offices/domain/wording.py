"""How refusals name things, so every message reads the same way to the person refused."""

from __future__ import annotations

from datetime import UTC, datetime

from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.good_offices import ActivationBasis

_REGIONS = {
    RegionalGroup.AFRICAN: "African States",
    RegionalGroup.ASIA_PACIFIC: "Asia-Pacific States",
    RegionalGroup.EASTERN_EUROPEAN: "Eastern European States",
    RegionalGroup.LATIN_AMERICAN_CARIBBEAN: "Latin American and Caribbean States",
    RegionalGroup.WESTERN_EUROPEAN_OTHER: "Western European and other States",
}
_BASES = {
    ActivationBasis.OWN_INITIATIVE_7B: "on the President's own initiative in a 7(b) case",
    ActivationBasis.OWN_INITIATIVE_7A: "on the President's own initiative in a 7(a) case",
    ActivationBasis.BUREAU_DECISION: "by decision of the Bureau",
}


def moment(at: datetime) -> str:
    """A business time as a person reads it: ``2026-04-01 23:30 UTC``."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def region_name(region: RegionalGroup) -> str:
    """The regional group as the procedures name it: ``Asia-Pacific States``."""
    return _REGIONS[region]


def basis_phrase(basis: ActivationBasis) -> str:
    """How the good offices began: ``by decision of the Bureau``."""
    return _BASES[basis]


def phrase(value: str) -> str:
    """An enum value as words: ``no_result`` -> ``no result``."""
    return value.replace("_", " ")
