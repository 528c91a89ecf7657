from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.step import Step





T = TypeVar("T", bound="TravelRecord")



@_attrs_define
class TravelRecord:
    """ 
        Attributes:
            destination_state (str):
            details (str):
            person (str):
            sharing (Step): A tracked step with a service level (P18-notify, Res. 35).
            status (str):
            travel_from (datetime.date):
            travel_id (str):
            travel_to (datetime.date | None):
            case_id (None | str | Unset):
            channel (None | str | Unset):
            shared_status (None | str | Unset):
            warrant_reference (None | str | Unset):
     """

    destination_state: str
    details: str
    person: str
    sharing: Step
    status: str
    travel_from: datetime.date
    travel_id: str
    travel_to: datetime.date | None
    case_id: None | str | Unset = UNSET
    channel: None | str | Unset = UNSET
    shared_status: None | str | Unset = UNSET
    warrant_reference: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.step import Step # noqa: PLC0415
        destination_state = self.destination_state

        details = self.details

        person = self.person

        sharing = self.sharing.to_dict()

        status = self.status

        travel_from = self.travel_from.isoformat()

        travel_id = self.travel_id

        travel_to: None | str
        if isinstance(self.travel_to, datetime.date):
            travel_to = self.travel_to.isoformat()
        else:
            travel_to = self.travel_to

        case_id: None | str | Unset
        if isinstance(self.case_id, Unset):
            case_id = UNSET
        else:
            case_id = self.case_id

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        else:
            channel = self.channel

        shared_status: None | str | Unset
        if isinstance(self.shared_status, Unset):
            shared_status = UNSET
        else:
            shared_status = self.shared_status

        warrant_reference: None | str | Unset
        if isinstance(self.warrant_reference, Unset):
            warrant_reference = UNSET
        else:
            warrant_reference = self.warrant_reference


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "destination_state": destination_state,
            "details": details,
            "person": person,
            "sharing": sharing,
            "status": status,
            "travel_from": travel_from,
            "travel_id": travel_id,
            "travel_to": travel_to,
        })
        if case_id is not UNSET:
            field_dict["case_id"] = case_id
        if channel is not UNSET:
            field_dict["channel"] = channel
        if shared_status is not UNSET:
            field_dict["shared_status"] = shared_status
        if warrant_reference is not UNSET:
            field_dict["warrant_reference"] = warrant_reference

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.step import Step # noqa: PLC0415
        d = dict(src_dict)
        destination_state = d.pop("destination_state")

        details = d.pop("details")

        person = d.pop("person")

        sharing = Step.from_dict(d.pop("sharing"))




        status = d.pop("status")

        travel_from = datetime.date.fromisoformat(d.pop("travel_from"))




        travel_id = d.pop("travel_id")

        def _parse_travel_to(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                travel_to_type_0 = datetime.date.fromisoformat(data)



                return travel_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        travel_to = _parse_travel_to(d.pop("travel_to"))


        def _parse_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        case_id = _parse_case_id(d.pop("case_id", UNSET))


        def _parse_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))


        def _parse_shared_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        shared_status = _parse_shared_status(d.pop("shared_status", UNSET))


        def _parse_warrant_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        warrant_reference = _parse_warrant_reference(d.pop("warrant_reference", UNSET))


        travel_record = cls(
            destination_state=destination_state,
            details=details,
            person=person,
            sharing=sharing,
            status=status,
            travel_from=travel_from,
            travel_id=travel_id,
            travel_to=travel_to,
            case_id=case_id,
            channel=channel,
            shared_status=shared_status,
            warrant_reference=warrant_reference,
        )

        return travel_record

