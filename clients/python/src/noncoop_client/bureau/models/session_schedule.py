from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.session_kind import SessionKind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="SessionSchedule")



@_attrs_define
class SessionSchedule:
    """ 
        Attributes:
            ends_on (datetime.date):
            kind (SessionKind):
            number (int):
            session_id (str):
            starts_on (datetime.date):
            venue (str):
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            takes_up_non_cooperation (bool | Unset): a special session the Bureau marked as taking up non-cooperation
                Default: False.
     """

    ends_on: datetime.date
    kind: SessionKind
    number: int
    session_id: str
    starts_on: datetime.date
    venue: str
    occurred_at: datetime.datetime | None | Unset = UNSET
    takes_up_non_cooperation: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        ends_on = self.ends_on.isoformat()

        kind = self.kind.value

        number = self.number

        session_id = self.session_id

        starts_on = self.starts_on.isoformat()

        venue = self.venue

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        takes_up_non_cooperation = self.takes_up_non_cooperation


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "ends_on": ends_on,
            "kind": kind,
            "number": number,
            "session_id": session_id,
            "starts_on": starts_on,
            "venue": venue,
        })
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if takes_up_non_cooperation is not UNSET:
            field_dict["takes_up_non_cooperation"] = takes_up_non_cooperation

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))




        kind = SessionKind(d.pop("kind"))




        number = d.pop("number")

        session_id = d.pop("session_id")

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


        takes_up_non_cooperation = d.pop("takes_up_non_cooperation", UNSET)

        session_schedule = cls(
            ends_on=ends_on,
            kind=kind,
            number=number,
            session_id=session_id,
            starts_on=starts_on,
            venue=venue,
            occurred_at=occurred_at,
            takes_up_non_cooperation=takes_up_non_cooperation,
        )

        return session_schedule

