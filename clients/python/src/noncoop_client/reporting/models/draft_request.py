from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="DraftRequest")



@_attrs_define
class DraftRequest:
    """ 
        Attributes:
            ends_on (datetime.date | None | Unset):
            recommendations (str | Unset):  Default: ''.
            session_id (None | str | Unset): default: the next (or on-going) session on the calendar
            starts_on (datetime.date | None | Unset): only for a session the calendar does not hold yet
            venue (str | Unset):  Default: ''.
     """

    ends_on: datetime.date | None | Unset = UNSET
    recommendations: str | Unset = ''
    session_id: None | str | Unset = UNSET
    starts_on: datetime.date | None | Unset = UNSET
    venue: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        ends_on: None | str | Unset
        if isinstance(self.ends_on, Unset):
            ends_on = UNSET
        elif isinstance(self.ends_on, datetime.date):
            ends_on = self.ends_on.isoformat()
        else:
            ends_on = self.ends_on

        recommendations = self.recommendations

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        starts_on: None | str | Unset
        if isinstance(self.starts_on, Unset):
            starts_on = UNSET
        elif isinstance(self.starts_on, datetime.date):
            starts_on = self.starts_on.isoformat()
        else:
            starts_on = self.starts_on

        venue = self.venue


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if ends_on is not UNSET:
            field_dict["ends_on"] = ends_on
        if recommendations is not UNSET:
            field_dict["recommendations"] = recommendations
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if venue is not UNSET:
            field_dict["venue"] = venue

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_ends_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_on_type_0 = datetime.date.fromisoformat(data)



                return ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        ends_on = _parse_ends_on(d.pop("ends_on", UNSET))


        recommendations = d.pop("recommendations", UNSET)

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))


        def _parse_starts_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_on_type_0 = datetime.date.fromisoformat(data)



                return starts_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        starts_on = _parse_starts_on(d.pop("starts_on", UNSET))


        venue = d.pop("venue", UNSET)

        draft_request = cls(
            ends_on=ends_on,
            recommendations=recommendations,
            session_id=session_id,
            starts_on=starts_on,
            venue=venue,
        )

        return draft_request

