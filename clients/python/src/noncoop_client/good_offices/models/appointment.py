from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.regional_group import RegionalGroup
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Appointment")



@_attrs_define
class Appointment:
    """ 
        Attributes:
            focal_point_id (str):
            name (str):
            region (RegionalGroup): The regional groups of equitable geographical representation (para 17; Res. 31).
            state (str):
            term_start (datetime.date):
            bureau_decision_reference (None | str | Unset):
            ex_officio_president (bool | Unset):  Default: False.
            occurred_at (datetime.datetime | None | Unset): When it happened (business time, with a timezone); defaults to
                now. May not lie in the future.
            term_ends_on (datetime.date | None | Unset): P17: the day the term ends, the first day not served
     """

    focal_point_id: str
    name: str
    region: RegionalGroup
    state: str
    term_start: datetime.date
    bureau_decision_reference: None | str | Unset = UNSET
    ex_officio_president: bool | Unset = False
    occurred_at: datetime.datetime | None | Unset = UNSET
    term_ends_on: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        focal_point_id = self.focal_point_id

        name = self.name

        region = self.region.value

        state = self.state

        term_start = self.term_start.isoformat()

        bureau_decision_reference: None | str | Unset
        if isinstance(self.bureau_decision_reference, Unset):
            bureau_decision_reference = UNSET
        else:
            bureau_decision_reference = self.bureau_decision_reference

        ex_officio_president = self.ex_officio_president

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        term_ends_on: None | str | Unset
        if isinstance(self.term_ends_on, Unset):
            term_ends_on = UNSET
        elif isinstance(self.term_ends_on, datetime.date):
            term_ends_on = self.term_ends_on.isoformat()
        else:
            term_ends_on = self.term_ends_on


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "focal_point_id": focal_point_id,
            "name": name,
            "region": region,
            "state": state,
            "term_start": term_start,
        })
        if bureau_decision_reference is not UNSET:
            field_dict["bureau_decision_reference"] = bureau_decision_reference
        if ex_officio_president is not UNSET:
            field_dict["ex_officio_president"] = ex_officio_president
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if term_ends_on is not UNSET:
            field_dict["term_ends_on"] = term_ends_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        focal_point_id = d.pop("focal_point_id")

        name = d.pop("name")

        region = RegionalGroup(d.pop("region"))




        state = d.pop("state")

        term_start = datetime.date.fromisoformat(d.pop("term_start"))




        def _parse_bureau_decision_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bureau_decision_reference = _parse_bureau_decision_reference(d.pop("bureau_decision_reference", UNSET))


        ex_officio_president = d.pop("ex_officio_president", UNSET)

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


        def _parse_term_ends_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                term_ends_on_type_0 = datetime.date.fromisoformat(data)



                return term_ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        term_ends_on = _parse_term_ends_on(d.pop("term_ends_on", UNSET))


        appointment = cls(
            focal_point_id=focal_point_id,
            name=name,
            region=region,
            state=state,
            term_start=term_start,
            bureau_decision_reference=bureau_decision_reference,
            ex_officio_president=ex_officio_president,
            occurred_at=occurred_at,
            term_ends_on=term_ends_on,
        )

        return appointment

