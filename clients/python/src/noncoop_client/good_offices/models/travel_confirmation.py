from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TravelConfirmation")



@_attrs_define
class TravelConfirmation:
    """ 
        Attributes:
            travel_from (datetime.date):
            details (str | Unset):  Default: ''.
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            travel_to (datetime.date | None | Unset):
     """

    travel_from: datetime.date
    details: str | Unset = ''
    occurred_at: datetime.datetime | None | Unset = UNSET
    travel_to: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        travel_from = self.travel_from.isoformat()

        details = self.details

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        travel_to: None | str | Unset
        if isinstance(self.travel_to, Unset):
            travel_to = UNSET
        elif isinstance(self.travel_to, datetime.date):
            travel_to = self.travel_to.isoformat()
        else:
            travel_to = self.travel_to


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "travel_from": travel_from,
        })
        if details is not UNSET:
            field_dict["details"] = details
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if travel_to is not UNSET:
            field_dict["travel_to"] = travel_to

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        travel_from = datetime.date.fromisoformat(d.pop("travel_from"))




        details = d.pop("details", UNSET)

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


        def _parse_travel_to(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                travel_to_type_0 = datetime.date.fromisoformat(data)



                return travel_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        travel_to = _parse_travel_to(d.pop("travel_to", UNSET))


        travel_confirmation = cls(
            travel_from=travel_from,
            details=details,
            occurred_at=occurred_at,
            travel_to=travel_to,
        )

        return travel_confirmation

