from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.informed_addressee import InformedAddressee
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.court_request import CourtRequest
  from ..models.person_concerned import PersonConcerned
  from ..models.requested_state import RequestedState





T = TypeVar("T", bound="CourtInformationSubmission")



@_attrs_define
class CourtInformationSubmission:
    """ S-info: a Court decision that informs the Assembly and/or the Security Council (e.g. of
    a visit of a person subject to a warrant) without referring non-cooperation.

        Attributes:
            addressees (list[InformedAddressee]):
            chamber (str):
            date (datetime.date):
            reference (str):
            subject (str):
            court_request (CourtRequest | None | Unset):
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            persons_concerned (list[PersonConcerned] | Unset):
            related_case_id (None | str | Unset):
            state_concerned (None | RequestedState | Unset):
     """

    addressees: list[InformedAddressee]
    chamber: str
    date: datetime.date
    reference: str
    subject: str
    court_request: CourtRequest | None | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    persons_concerned: list[PersonConcerned] | Unset = UNSET
    related_case_id: None | str | Unset = UNSET
    state_concerned: None | RequestedState | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.court_request import CourtRequest # noqa: PLC0415
        from ..models.person_concerned import PersonConcerned # noqa: PLC0415
        from ..models.requested_state import RequestedState # noqa: PLC0415
        addressees = []
        for addressees_item_data in self.addressees:
            addressees_item = addressees_item_data.value
            addressees.append(addressees_item)



        chamber = self.chamber

        date = self.date.isoformat()

        reference = self.reference

        subject = self.subject

        court_request: dict[str, Any] | None | Unset
        if isinstance(self.court_request, Unset):
            court_request = UNSET
        elif isinstance(self.court_request, CourtRequest):
            court_request = self.court_request.to_dict()
        else:
            court_request = self.court_request

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        persons_concerned: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.persons_concerned, Unset):
            persons_concerned = []
            for persons_concerned_item_data in self.persons_concerned:
                persons_concerned_item = persons_concerned_item_data.to_dict()
                persons_concerned.append(persons_concerned_item)



        related_case_id: None | str | Unset
        if isinstance(self.related_case_id, Unset):
            related_case_id = UNSET
        else:
            related_case_id = self.related_case_id

        state_concerned: dict[str, Any] | None | Unset
        if isinstance(self.state_concerned, Unset):
            state_concerned = UNSET
        elif isinstance(self.state_concerned, RequestedState):
            state_concerned = self.state_concerned.to_dict()
        else:
            state_concerned = self.state_concerned


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "addressees": addressees,
            "chamber": chamber,
            "date": date,
            "reference": reference,
            "subject": subject,
        })
        if court_request is not UNSET:
            field_dict["court_request"] = court_request
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if persons_concerned is not UNSET:
            field_dict["persons_concerned"] = persons_concerned
        if related_case_id is not UNSET:
            field_dict["related_case_id"] = related_case_id
        if state_concerned is not UNSET:
            field_dict["state_concerned"] = state_concerned

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.court_request import CourtRequest # noqa: PLC0415
        from ..models.person_concerned import PersonConcerned # noqa: PLC0415
        from ..models.requested_state import RequestedState # noqa: PLC0415
        d = dict(src_dict)
        addressees = []
        _addressees = d.pop("addressees")
        for addressees_item_data in (_addressees):
            addressees_item = InformedAddressee(addressees_item_data)



            addressees.append(addressees_item)


        chamber = d.pop("chamber")

        date = datetime.date.fromisoformat(d.pop("date"))




        reference = d.pop("reference")

        subject = d.pop("subject")

        def _parse_court_request(data: object) -> CourtRequest | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                court_request_type_0 = CourtRequest.from_dict(data)



                return court_request_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CourtRequest | None | Unset, data)

        court_request = _parse_court_request(d.pop("court_request", UNSET))


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


        _persons_concerned = d.pop("persons_concerned", UNSET)
        persons_concerned: list[PersonConcerned] | Unset = UNSET
        if _persons_concerned is not UNSET:
            persons_concerned = []
            for persons_concerned_item_data in _persons_concerned:
                persons_concerned_item = PersonConcerned.from_dict(persons_concerned_item_data)



                persons_concerned.append(persons_concerned_item)


        def _parse_related_case_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        related_case_id = _parse_related_case_id(d.pop("related_case_id", UNSET))


        def _parse_state_concerned(data: object) -> None | RequestedState | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                state_concerned_type_0 = RequestedState.from_dict(data)



                return state_concerned_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequestedState | Unset, data)

        state_concerned = _parse_state_concerned(d.pop("state_concerned", UNSET))


        court_information_submission = cls(
            addressees=addressees,
            chamber=chamber,
            date=date,
            reference=reference,
            subject=subject,
            court_request=court_request,
            occurred_at=occurred_at,
            persons_concerned=persons_concerned,
            related_case_id=related_case_id,
            state_concerned=state_concerned,
        )

        return court_information_submission

