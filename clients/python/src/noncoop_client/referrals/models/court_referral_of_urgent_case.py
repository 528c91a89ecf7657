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





T = TypeVar("T", bound="CourtReferralOfUrgentCase")



@_attrs_define
class CourtReferralOfUrgentCase:
    """ The Court refers a matter that was handled as 7(b) (S7b-to-7a).

        Attributes:
            decision (CourtDecision): A decision (finding) of the Court regarding non-cooperation, as the Court published
                it.
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            requested_state_code (None | str | Unset):
     """

    decision: CourtDecision
    occurred_at: datetime.datetime | None | Unset = UNSET
    requested_state_code: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.court_decision import CourtDecision # noqa: PLC0415
        decision = self.decision.to_dict()

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        requested_state_code: None | str | Unset
        if isinstance(self.requested_state_code, Unset):
            requested_state_code = UNSET
        else:
            requested_state_code = self.requested_state_code


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "decision": decision,
        })
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if requested_state_code is not UNSET:
            field_dict["requested_state_code"] = requested_state_code

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.court_decision import CourtDecision # noqa: PLC0415
        d = dict(src_dict)
        decision = CourtDecision.from_dict(d.pop("decision"))




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


        def _parse_requested_state_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        requested_state_code = _parse_requested_state_code(d.pop("requested_state_code", UNSET))


        court_referral_of_urgent_case = cls(
            decision=decision,
            occurred_at=occurred_at,
            requested_state_code=requested_state_code,
        )

        return court_referral_of_urgent_case

