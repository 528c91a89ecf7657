from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.legal_basis import LegalBasis
from typing import cast
import datetime






T = TypeVar("T", bound="CourtDecision")



@_attrs_define
class CourtDecision:
    """ A decision (finding) of the Court regarding non-cooperation, as the Court published it.

        Attributes:
            chamber (str):
            date (datetime.date):
            legal_basis (LegalBasis):
            reference (str):
            referred_to_assembly (bool): the Court referred the matter to the Assembly (opens the formal procedure)
            referred_to_security_council (bool):
     """

    chamber: str
    date: datetime.date
    legal_basis: LegalBasis
    reference: str
    referred_to_assembly: bool
    referred_to_security_council: bool





    def to_dict(self) -> dict[str, Any]:
        chamber = self.chamber

        date = self.date.isoformat()

        legal_basis = self.legal_basis.value

        reference = self.reference

        referred_to_assembly = self.referred_to_assembly

        referred_to_security_council = self.referred_to_security_council


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "chamber": chamber,
            "date": date,
            "legal_basis": legal_basis,
            "reference": reference,
            "referred_to_assembly": referred_to_assembly,
            "referred_to_security_council": referred_to_security_council,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        chamber = d.pop("chamber")

        date = datetime.date.fromisoformat(d.pop("date"))




        legal_basis = LegalBasis(d.pop("legal_basis"))




        reference = d.pop("reference")

        referred_to_assembly = d.pop("referred_to_assembly")

        referred_to_security_council = d.pop("referred_to_security_council")

        court_decision = cls(
            chamber=chamber,
            date=date,
            legal_basis=legal_basis,
            reference=reference,
            referred_to_assembly=referred_to_assembly,
            referred_to_security_council=referred_to_security_council,
        )

        return court_decision

