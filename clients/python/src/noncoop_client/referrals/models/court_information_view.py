from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CourtInformationView")



@_attrs_define
class CourtInformationView:
    """ S-info: what the Court informed of, and whom.

        Attributes:
            addressees (list[str]):
            chamber (str):
            date (datetime.date):
            reference (str):
            subject (str):
            related_case_id (None | str | Unset):
     """

    addressees: list[str]
    chamber: str
    date: datetime.date
    reference: str
    subject: str
    related_case_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        addressees = self.addressees



        chamber = self.chamber

        date = self.date.isoformat()

        reference = self.reference

        subject = self.subject

        related_case_id: None | str | Unset
        if isinstance(self.related_case_id, Unset):
            related_case_id = UNSET
        else:
            related_case_id = self.related_case_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "addressees": addressees,
            "chamber": chamber,
            "date": date,
            "reference": reference,
            "subject": subject,
        })
        if related_case_id is not UNSET:
            field_dict["related_case_id"] = related_case_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        addressees = cast(list[str], d.pop("addressees"))


        chamber = d.pop("chamber")

        date = datetime.date.fromisoformat(d.pop("date"))




        reference = d.pop("reference")

        subject = d.pop("subject")

        def _parse_related_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        related_case_id = _parse_related_case_id(d.pop("related_case_id", UNSET))


        court_information_view = cls(
            addressees=addressees,
            chamber=chamber,
            date=date,
            reference=reference,
            subject=subject,
            related_case_id=related_case_id,
        )

        return court_information_view

