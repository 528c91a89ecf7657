from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.recorded_event_ref import RecordedEventRef





T = TypeVar("T", bound="CommandRecorded")



@_attrs_define
class CommandRecorded:
    """ What a recorded command answers (``noncoop_shared.commands.answer_recorded``): what it was
    about, the stream's new version and the events it recorded (none when it changed nothing).

        Attributes:
            events (list[RecordedEventRef]):
            stream_version (int): pass as consistent_with=<case_id>:<version>
            case_id (None | str | Unset): the case, for a case's command
            stream (None | str | Unset): the registry stream, for the calendar
            travel_id (None | str | Unset): the travel, for travel information
     """

    events: list[RecordedEventRef]
    stream_version: int
    case_id: None | str | Unset = UNSET
    stream: None | str | Unset = UNSET
    travel_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.recorded_event_ref import RecordedEventRef # noqa: PLC0415
        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)



        stream_version = self.stream_version

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        stream: None | str | Unset
        if isinstance(self.stream, Unset):
            stream = UNSET
        else:
            stream = self.stream

        travel_id: None | str | Unset
        if isinstance(self.travel_id, Unset):
            travel_id = UNSET
        else:
            travel_id = self.travel_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "events": events,
            "stream_version": stream_version,
        })
        if case_id is not UNSET:
            field_dict["case_id"] = case_id
        if stream is not UNSET:
            field_dict["stream"] = stream
        if travel_id is not UNSET:
            field_dict["travel_id"] = travel_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recorded_event_ref import RecordedEventRef # noqa: PLC0415
        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in (_events):
            events_item = RecordedEventRef.from_dict(events_item_data)



            events.append(events_item)


        stream_version = d.pop("stream_version")

        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))


        def _parse_stream(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stream = _parse_stream(d.pop("stream", UNSET))


        def _parse_travel_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        travel_id = _parse_travel_id(d.pop("travel_id", UNSET))


        command_recorded = cls(
            events=events,
            stream_version=stream_version,
            case_id=case_id,
            stream=stream,
            travel_id=travel_id,
        )


        command_recorded.additional_properties = d
        return command_recorded

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
