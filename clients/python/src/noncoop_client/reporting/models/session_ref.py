from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="SessionRef")



@_attrs_define
class SessionRef:
    """ The session a rule is due in, as the calendar schedules it.

        Attributes:
            closes_on (datetime.date):
            ongoing (bool):
            opens_on (datetime.date):
            session_id (str):
     """

    closes_on: datetime.date
    ongoing: bool
    opens_on: datetime.date
    session_id: str





    def to_dict(self) -> dict[str, Any]:
        closes_on = self.closes_on.isoformat()

        ongoing = self.ongoing

        opens_on = self.opens_on.isoformat()

        session_id = self.session_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "closes_on": closes_on,
            "ongoing": ongoing,
            "opens_on": opens_on,
            "session_id": session_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        closes_on = datetime.date.fromisoformat(d.pop("closes_on"))




        ongoing = d.pop("ongoing")

        opens_on = datetime.date.fromisoformat(d.pop("opens_on"))




        session_id = d.pop("session_id")

        session_ref = cls(
            closes_on=closes_on,
            ongoing=ongoing,
            opens_on=opens_on,
            session_id=session_id,
        )

        return session_ref

