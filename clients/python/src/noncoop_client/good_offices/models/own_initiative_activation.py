from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="OwnInitiativeActivation")



@_attrs_define
class OwnInitiativeActivation:
    """ 
        Attributes:
            court_consulted_on (datetime.date | None | Unset): P18: the Court was consulted on this date
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            opportunity_assessment (None | str | Unset): P18-own-7a: why the opportunity to arrest and surrender may pass
                before the Bureau could convene an emergency meeting
     """

    court_consulted_on: datetime.date | None | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    opportunity_assessment: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        court_consulted_on: None | str | Unset
        if isinstance(self.court_consulted_on, Unset):
            court_consulted_on = UNSET
        elif isinstance(self.court_consulted_on, datetime.date):
            court_consulted_on = self.court_consulted_on.isoformat()
        else:
            court_consulted_on = self.court_consulted_on

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        opportunity_assessment: None | str | Unset
        if isinstance(self.opportunity_assessment, Unset):
            opportunity_assessment = UNSET
        else:
            opportunity_assessment = self.opportunity_assessment


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if court_consulted_on is not UNSET:
            field_dict["court_consulted_on"] = court_consulted_on
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if opportunity_assessment is not UNSET:
            field_dict["opportunity_assessment"] = opportunity_assessment

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_court_consulted_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                court_consulted_on_type_0 = datetime.date.fromisoformat(data)



                return court_consulted_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        court_consulted_on = _parse_court_consulted_on(d.pop("court_consulted_on", UNSET))


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


        def _parse_opportunity_assessment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        opportunity_assessment = _parse_opportunity_assessment(d.pop("opportunity_assessment", UNSET))


        own_initiative_activation = cls(
            court_consulted_on=court_consulted_on,
            occurred_at=occurred_at,
            opportunity_assessment=opportunity_assessment,
        )

        return own_initiative_activation

