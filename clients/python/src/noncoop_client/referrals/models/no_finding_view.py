from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="NoFindingView")



@_attrs_define
class NoFindingView:
    """ S7b-no-finding: the Court's decision without a finding on a 7(b) matter.

        Attributes:
            chamber (str):
            date (datetime.date):
            outcome (str):
            reference (str):
            summary (str):
     """

    chamber: str
    date: datetime.date
    outcome: str
    reference: str
    summary: str





    def to_dict(self) -> dict[str, Any]:
        chamber = self.chamber

        date = self.date.isoformat()

        outcome = self.outcome

        reference = self.reference

        summary = self.summary


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "chamber": chamber,
            "date": date,
            "outcome": outcome,
            "reference": reference,
            "summary": summary,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        chamber = d.pop("chamber")

        date = datetime.date.fromisoformat(d.pop("date"))




        outcome = d.pop("outcome")

        reference = d.pop("reference")

        summary = d.pop("summary")

        no_finding_view = cls(
            chamber=chamber,
            date=date,
            outcome=outcome,
            reference=reference,
            summary=summary,
        )

        return no_finding_view

