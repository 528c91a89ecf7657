from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="OpenLetterReply")



@_attrs_define
class OpenLetterReply:
    """ 
        Attributes:
            received_on (datetime.date):
            letter_reference (None | str | Unset): default: the one letter awaiting a reply
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            summary (str | Unset):  Default: ''.
     """

    received_on: datetime.date
    letter_reference: None | str | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    summary: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        received_on = self.received_on.isoformat()

        letter_reference: None | str | Unset
        if isinstance(self.letter_reference, Unset):
            letter_reference = UNSET
        else:
            letter_reference = self.letter_reference

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        summary = self.summary


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "received_on": received_on,
        })
        if letter_reference is not UNSET:
            field_dict["letter_reference"] = letter_reference
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        received_on = datetime.date.fromisoformat(d.pop("received_on"))




        def _parse_letter_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        letter_reference = _parse_letter_reference(d.pop("letter_reference", UNSET))


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


        summary = d.pop("summary", UNSET)

        open_letter_reply = cls(
            received_on=received_on,
            letter_reference=letter_reference,
            occurred_at=occurred_at,
            summary=summary,
        )

        return open_letter_reply

