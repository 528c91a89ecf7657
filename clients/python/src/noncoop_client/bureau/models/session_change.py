from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="SessionChange")



@_attrs_define
class SessionChange:
    """ 
        Attributes:
            ends_on (datetime.date):
            starts_on (datetime.date):
            venue (str):
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            reason (str | Unset):  Default: ''.
     """

    ends_on: datetime.date
    starts_on: datetime.date
    venue: str
    occurred_at: datetime.datetime | None | Unset = UNSET
    reason: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        ends_on = self.ends_on.isoformat()

        starts_on = self.starts_on.isoformat()

        venue = self.venue

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "ends_on": ends_on,
            "starts_on": starts_on,
            "venue": venue,
        })
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))




        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))




        venue = d.pop("venue")

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


        reason = d.pop("reason", UNSET)

        session_change = cls(
            ends_on=ends_on,
            starts_on=starts_on,
            venue=venue,
            occurred_at=occurred_at,
            reason=reason,
        )

        return session_change

