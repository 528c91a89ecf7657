from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.decision_change_kind import DecisionChangeKind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CourtDecisionChangeSubmission")



@_attrs_define
class CourtDecisionChangeSubmission:
    """ 
        Attributes:
            change_date (datetime.date):
            change_reference (str):
            decision_reference (str):
            kind (DecisionChangeKind):
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            referred_to_security_council (bool | None | Unset):
            summary (str | Unset):  Default: ''.
     """

    change_date: datetime.date
    change_reference: str
    decision_reference: str
    kind: DecisionChangeKind
    occurred_at: datetime.datetime | None | Unset = UNSET
    referred_to_security_council: bool | None | Unset = UNSET
    summary: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        change_date = self.change_date.isoformat()

        change_reference = self.change_reference

        decision_reference = self.decision_reference

        kind = self.kind.value

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        referred_to_security_council: bool | None | Unset
        if isinstance(self.referred_to_security_council, Unset):
            referred_to_security_council = UNSET
        else:
            referred_to_security_council = self.referred_to_security_council

        summary = self.summary


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "change_date": change_date,
            "change_reference": change_reference,
            "decision_reference": decision_reference,
            "kind": kind,
        })
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if referred_to_security_council is not UNSET:
            field_dict["referred_to_security_council"] = referred_to_security_council
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        change_date = datetime.date.fromisoformat(d.pop("change_date"))




        change_reference = d.pop("change_reference")

        decision_reference = d.pop("decision_reference")

        kind = DecisionChangeKind(d.pop("kind"))




        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)



                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))


        def _parse_referred_to_security_council(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        referred_to_security_council = _parse_referred_to_security_council(d.pop("referred_to_security_council", UNSET))


        summary = d.pop("summary", UNSET)

        court_decision_change_submission = cls(
            change_date=change_date,
            change_reference=change_reference,
            decision_reference=decision_reference,
            kind=kind,
            occurred_at=occurred_at,
            referred_to_security_council=referred_to_security_council,
            summary=summary,
        )

        return court_decision_change_submission

