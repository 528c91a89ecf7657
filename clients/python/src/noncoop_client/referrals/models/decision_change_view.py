from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="DecisionChangeView")



@_attrs_define
class DecisionChangeView:
    """ 
        Attributes:
            change_date (datetime.date):
            change_reference (str):
            kind (str):
            procedure_effect (str):
            summary (str):
     """

    change_date: datetime.date
    change_reference: str
    kind: str
    procedure_effect: str
    summary: str





    def to_dict(self) -> dict[str, Any]:
        change_date = self.change_date.isoformat()

        change_reference = self.change_reference

        kind = self.kind

        procedure_effect = self.procedure_effect

        summary = self.summary


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "change_date": change_date,
            "change_reference": change_reference,
            "kind": kind,
            "procedure_effect": procedure_effect,
            "summary": summary,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        change_date = datetime.date.fromisoformat(d.pop("change_date"))




        change_reference = d.pop("change_reference")

        kind = d.pop("kind")

        procedure_effect = d.pop("procedure_effect")

        summary = d.pop("summary")

        decision_change_view = cls(
            change_date=change_date,
            change_reference=change_reference,
            kind=kind,
            procedure_effect=procedure_effect,
            summary=summary,
        )

        return decision_change_view

