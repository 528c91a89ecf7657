from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.new_subscription_start import NewSubscriptionStart
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="NewSubscription")



@_attrs_define
class NewSubscription:
    """ 
        Attributes:
            url (str): where each event is POSTed: https (plain http only to a trusted host)
            event_types (list[str] | None | Unset): only these CloudEvents types (default: every type the owner may read)
            start (NewSubscriptionStart | Unset): deliver the events recorded from now on, or every one from the log's start
                Default: NewSubscriptionStart.NOW.
     """

    url: str
    event_types: list[str] | None | Unset = UNSET
    start: NewSubscriptionStart | Unset = NewSubscriptionStart.NOW





    def to_dict(self) -> dict[str, Any]:
        url = self.url

        event_types: list[str] | None | Unset
        if isinstance(self.event_types, Unset):
            event_types = UNSET
        elif isinstance(self.event_types, list):
            event_types = self.event_types


        else:
            event_types = self.event_types

        start: str | Unset = UNSET
        if not isinstance(self.start, Unset):
            start = self.start.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "url": url,
        })
        if event_types is not UNSET:
            field_dict["event_types"] = event_types
        if start is not UNSET:
            field_dict["start"] = start

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_event_types(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                event_types_type_0 = cast(list[str], data)

                return event_types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        event_types = _parse_event_types(d.pop("event_types", UNSET))


        _start = d.pop("start", UNSET)
        start: NewSubscriptionStart | Unset
        if isinstance(_start,  Unset):
            start = UNSET
        else:
            start = NewSubscriptionStart(_start)




        new_subscription = cls(
            url=url,
            event_types=event_types,
            start=start,
        )

        return new_subscription

