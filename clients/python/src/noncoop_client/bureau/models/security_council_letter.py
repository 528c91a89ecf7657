from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="SecurityCouncilLetter")



@_attrs_define
class SecurityCouncilLetter:
    """ 
        Attributes:
            letter_reference (str):
            decision_reference (None | str | Unset): the Court decision the letter follows (default: the case's decision);
                refused unless it referred the matter to the Security Council (P14g)
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
     """

    letter_reference: str
    decision_reference: None | str | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        letter_reference = self.letter_reference

        decision_reference: None | str | Unset
        if isinstance(self.decision_reference, Unset):
            decision_reference = UNSET
        else:
            decision_reference = self.decision_reference

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "letter_reference": letter_reference,
        })
        if decision_reference is not UNSET:
            field_dict["decision_reference"] = decision_reference
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        letter_reference = d.pop("letter_reference")

        def _parse_decision_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_reference = _parse_decision_reference(d.pop("decision_reference", UNSET))


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


        security_council_letter = cls(
            letter_reference=letter_reference,
            decision_reference=decision_reference,
            occurred_at=occurred_at,
        )

        return security_council_letter

