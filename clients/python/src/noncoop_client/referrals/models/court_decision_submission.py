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
  from ..models.court_decision import CourtDecision
  from ..models.court_request import CourtRequest
  from ..models.person_concerned import PersonConcerned
  from ..models.requested_state import RequestedState





T = TypeVar("T", bound="CourtDecisionSubmission")



@_attrs_define
class CourtDecisionSubmission:
    """ A Court decision regarding non-cooperation, as the Court's IT system submits it.

        Attributes:
            decision (CourtDecision): A decision (finding) of the Court regarding non-cooperation, as the Court published
                it.
            requested_state (RequestedState):
            court_request (CourtRequest | None | Unset): The specific request for cooperation (S4; required by S5).
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            persons_concerned (list[PersonConcerned] | Unset):
            security_council_resolution (None | str | Unset): S8: the Security Council resolution that binds a non-party
                State (the finding is then recorded for information only)
     """

    decision: CourtDecision
    requested_state: RequestedState
    court_request: CourtRequest | None | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    persons_concerned: list[PersonConcerned] | Unset = UNSET
    security_council_resolution: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.court_decision import CourtDecision # noqa: PLC0415
        from ..models.court_request import CourtRequest # noqa: PLC0415
        from ..models.person_concerned import PersonConcerned # noqa: PLC0415
        from ..models.requested_state import RequestedState # noqa: PLC0415
        decision = self.decision.to_dict()

        requested_state = self.requested_state.to_dict()

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



        security_council_resolution: None | str | Unset
        if isinstance(self.security_council_resolution, Unset):
            security_council_resolution = UNSET
        else:
            security_council_resolution = self.security_council_resolution


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "decision": decision,
            "requested_state": requested_state,
        })
        if court_request is not UNSET:
            field_dict["court_request"] = court_request
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if persons_concerned is not UNSET:
            field_dict["persons_concerned"] = persons_concerned
        if security_council_resolution is not UNSET:
            field_dict["security_council_resolution"] = security_council_resolution

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.court_decision import CourtDecision # noqa: PLC0415
        from ..models.court_request import CourtRequest # noqa: PLC0415
        from ..models.person_concerned import PersonConcerned # noqa: PLC0415
        from ..models.requested_state import RequestedState # noqa: PLC0415
        d = dict(src_dict)
        decision = CourtDecision.from_dict(d.pop("decision"))




        requested_state = RequestedState.from_dict(d.pop("requested_state"))




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


        def _parse_security_council_resolution(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        security_council_resolution = _parse_security_council_resolution(d.pop("security_council_resolution", UNSET))


        court_decision_submission = cls(
            decision=decision,
            requested_state=requested_state,
            court_request=court_request,
            occurred_at=occurred_at,
            persons_concerned=persons_concerned,
            security_council_resolution=security_council_resolution,
        )

        return court_decision_submission

