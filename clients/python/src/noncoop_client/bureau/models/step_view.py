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
  from ..models.step_view_detail import StepViewDetail





T = TypeVar("T", bound="StepView")



@_attrs_define
class StepView:
    """ 
        Attributes:
            detail (StepViewDetail):
            occurred_at (datetime.datetime):
            rule (None | str):
            step (str):
            facilitator (None | str | Unset):
     """

    detail: StepViewDetail
    occurred_at: datetime.datetime
    rule: None | str
    step: str
    facilitator: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.step_view_detail import StepViewDetail # noqa: PLC0415
        detail = self.detail.to_dict()

        occurred_at = self.occurred_at.isoformat()

        rule: None | str
        rule = self.rule

        step = self.step

        facilitator: None | str | Unset
        if isinstance(self.facilitator, Unset):
            facilitator = UNSET
        else:
            facilitator = self.facilitator


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "detail": detail,
            "occurred_at": occurred_at,
            "rule": rule,
            "step": step,
        })
        if facilitator is not UNSET:
            field_dict["facilitator"] = facilitator

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.step_view_detail import StepViewDetail # noqa: PLC0415
        d = dict(src_dict)
        detail = StepViewDetail.from_dict(d.pop("detail"))




        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        def _parse_rule(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rule = _parse_rule(d.pop("rule"))


        step = d.pop("step")

        def _parse_facilitator(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        facilitator = _parse_facilitator(d.pop("facilitator", UNSET))


        step_view = cls(
            detail=detail,
            occurred_at=occurred_at,
            rule=rule,
            step=step,
            facilitator=facilitator,
        )

        return step_view

