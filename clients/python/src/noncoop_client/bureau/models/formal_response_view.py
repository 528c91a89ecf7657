from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.step_view import StepView
  from ..models.timeline_entry import TimelineEntry





T = TypeVar("T", bound="FormalResponseView")



@_attrs_define
class FormalResponseView:
    """ 
        Attributes:
            case_id (str):
            opened (bool | Unset):  Default: False.
            referred_to_security_council (bool | None | Unset):
            remaining_steps_at_stop (list[str] | Unset):
            steps (list[StepView] | Unset):
            stopped (None | str | Unset):
            timeline (list[TimelineEntry] | Unset):
            version (int | Unset):  Default: 0.
     """

    case_id: str
    opened: bool | Unset = False
    referred_to_security_council: bool | None | Unset = UNSET
    remaining_steps_at_stop: list[str] | Unset = UNSET
    steps: list[StepView] | Unset = UNSET
    stopped: None | str | Unset = UNSET
    timeline: list[TimelineEntry] | Unset = UNSET
    version: int | Unset = 0





    def to_dict(self) -> dict[str, Any]:
        from ..models.step_view import StepView # noqa: PLC0415
        from ..models.timeline_entry import TimelineEntry # noqa: PLC0415
        case_id = self.case_id

        opened = self.opened

        referred_to_security_council: bool | None | Unset
        if isinstance(self.referred_to_security_council, Unset):
            referred_to_security_council = UNSET
        else:
            referred_to_security_council = self.referred_to_security_council

        remaining_steps_at_stop: list[str] | Unset = UNSET
        if not isinstance(self.remaining_steps_at_stop, Unset):
            remaining_steps_at_stop = self.remaining_steps_at_stop



        steps: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.steps, Unset):
            steps = []
            for steps_item_data in self.steps:
                steps_item = steps_item_data.to_dict()
                steps.append(steps_item)



        stopped: None | str | Unset
        if isinstance(self.stopped, Unset):
            stopped = UNSET
        else:
            stopped = self.stopped

        timeline: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.timeline, Unset):
            timeline = []
            for timeline_item_data in self.timeline:
                timeline_item = timeline_item_data.to_dict()
                timeline.append(timeline_item)



        version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "case_id": case_id,
        })
        if opened is not UNSET:
            field_dict["opened"] = opened
        if referred_to_security_council is not UNSET:
            field_dict["referred_to_security_council"] = referred_to_security_council
        if remaining_steps_at_stop is not UNSET:
            field_dict["remaining_steps_at_stop"] = remaining_steps_at_stop
        if steps is not UNSET:
            field_dict["steps"] = steps
        if stopped is not UNSET:
            field_dict["stopped"] = stopped
        if timeline is not UNSET:
            field_dict["timeline"] = timeline
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.step_view import StepView # noqa: PLC0415
        from ..models.timeline_entry import TimelineEntry # noqa: PLC0415
        d = dict(src_dict)
        case_id = d.pop("case_id")

        opened = d.pop("opened", UNSET)

        def _parse_referred_to_security_council(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        referred_to_security_council = _parse_referred_to_security_council(d.pop("referred_to_security_council", UNSET))


        remaining_steps_at_stop = cast(list[str], d.pop("remaining_steps_at_stop", UNSET))


        _steps = d.pop("steps", UNSET)
        steps: list[StepView] | Unset = UNSET
        if _steps is not UNSET:
            steps = []
            for steps_item_data in _steps:
                steps_item = StepView.from_dict(steps_item_data)



                steps.append(steps_item)


        def _parse_stopped(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stopped = _parse_stopped(d.pop("stopped", UNSET))


        _timeline = d.pop("timeline", UNSET)
        timeline: list[TimelineEntry] | Unset = UNSET
        if _timeline is not UNSET:
            timeline = []
            for timeline_item_data in _timeline:
                timeline_item = TimelineEntry.from_dict(timeline_item_data)



                timeline.append(timeline_item)


        version = d.pop("version", UNSET)

        formal_response_view = cls(
            case_id=case_id,
            opened=opened,
            referred_to_security_council=referred_to_security_council,
            remaining_steps_at_stop=remaining_steps_at_stop,
            steps=steps,
            stopped=stopped,
            timeline=timeline,
            version=version,
        )

        return formal_response_view

