"""Value types that several services' events share (the case's parties and the Court's acts)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from noncoop_shared.business_time import BusinessDate
from noncoop_shared.catalogue.base import PersonalData


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StateStatus(StrEnum):
    """Why the Court may ask this State to cooperate, which decides whether S4 lets a case open."""

    STATE_PARTY = "state_party"
    NON_PARTY_AD_HOC = "non_party_ad_hoc"
    """A non-party State with an ad hoc arrangement or agreement with the Court (art. 87(5)(b))."""
    NON_PARTY_SECURITY_COUNCIL = "non_party_security_council"
    """A non-party State bound by a Security Council decision (art. 87(7)); no Assembly case."""
    NON_PARTY_OTHER = "non_party_other"


class RequestedState(_Value):
    name: str = Field(min_length=2, max_length=120, examples=["Republic of Examplia"])
    code: str = Field(
        pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code", examples=["EXA"]
    )
    status: StateStatus


class CooperationArticle(StrEnum):
    ARREST_AND_SURRENDER = "89"
    OTHER_ASSISTANCE = "93"


class CourtRequest(_Value):
    """The specific Court request for cooperation the case is about (S4)."""

    article: CooperationArticle
    reference: str = Field(min_length=1, max_length=200, examples=["ICC-02/05-01/09-1"])
    date: BusinessDate | None = None


class LegalBasis(StrEnum):
    STATE_PARTY = "87(7)"
    AD_HOC_ARRANGEMENT = "87(5)(b)"


class CourtDecision(_Value):
    """A decision (finding) of the Court regarding non-cooperation, as the Court published it."""

    reference: str = Field(min_length=1, max_length=200, examples=["ICC-02/05-01/09-302"])
    date: BusinessDate
    chamber: str = Field(min_length=1, max_length=200, examples=["Pre-Trial Chamber II"])
    legal_basis: LegalBasis
    referred_to_assembly: bool = Field(
        description="the Court referred the matter to the Assembly (opens the formal procedure)"
    )
    referred_to_security_council: bool


class PersonConcerned(_Value):
    """A person subject to the Court's request (e.g. an arrest warrant). Personal data."""

    name: PersonalData = Field(min_length=1, max_length=300)
    warrant_reference: str | None = Field(default=None, max_length=200)
