from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.announcement import Announcement
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="EmergencyMeetingAnnouncement")



@_attrs_define
class EmergencyMeetingAnnouncement:
    """ 
        Attributes:
            announcement (Announcement):
            meeting_id (None | str | Unset): default: the one meeting awaiting this announcement
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            text (str | Unset):  Default: ''.
     """

    announcement: Announcement
    meeting_id: None | str | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    text: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        announcement = self.announcement.value

        meeting_id: None | str | Unset
        if isinstance(self.meeting_id, Unset):
            meeting_id = UNSET
        else:
            meeting_id = self.meeting_id

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        text = self.text


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "announcement": announcement,
        })
        if meeting_id is not UNSET:
            field_dict["meeting_id"] = meeting_id
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        announcement = Announcement(d.pop("announcement"))




        def _parse_meeting_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        meeting_id = _parse_meeting_id(d.pop("meeting_id", UNSET))


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


        text = d.pop("text", UNSET)

        emergency_meeting_announcement = cls(
            announcement=announcement,
            meeting_id=meeting_id,
            occurred_at=occurred_at,
            text=text,
        )

        return emergency_meeting_announcement

