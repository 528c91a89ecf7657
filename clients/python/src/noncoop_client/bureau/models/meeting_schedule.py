from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="MeetingSchedule")



@_attrs_define
class MeetingSchedule:
    """ 
        Attributes:
            meeting_id (str):
            meets_on (datetime.date):
            agenda (str | Unset):  Default: ''.
            emergency (bool | Unset):  Default: False.
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
     """

    meeting_id: str
    meets_on: datetime.date
    agenda: str | Unset = ''
    emergency: bool | Unset = False
    occurred_at: datetime.datetime | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        meeting_id = self.meeting_id

        meets_on = self.meets_on.isoformat()

        agenda = self.agenda

        emergency = self.emergency

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "meeting_id": meeting_id,
            "meets_on": meets_on,
        })
        if agenda is not UNSET:
            field_dict["agenda"] = agenda
        if emergency is not UNSET:
            field_dict["emergency"] = emergency
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        meeting_id = d.pop("meeting_id")

        meets_on = datetime.date.fromisoformat(d.pop("meets_on"))




        agenda = d.pop("agenda", UNSET)

        emergency = d.pop("emergency", UNSET)

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


        meeting_schedule = cls(
            meeting_id=meeting_id,
            meets_on=meets_on,
            agenda=agenda,
            emergency=emergency,
            occurred_at=occurred_at,
        )

        return meeting_schedule

