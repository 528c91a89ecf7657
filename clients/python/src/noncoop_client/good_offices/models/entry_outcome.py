from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.entry_outcome_answer import EntryOutcomeAnswer





T = TypeVar("T", bound="EntryOutcome")



@_attrs_define
class EntryOutcome:
    """ 
        Attributes:
            answer (EntryOutcomeAnswer): what the route answered, as to a live command
            index (int):
            status (int):
     """

    answer: EntryOutcomeAnswer
    index: int
    status: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.entry_outcome_answer import EntryOutcomeAnswer # noqa: PLC0415
        answer = self.answer.to_dict()

        index = self.index

        status = self.status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "answer": answer,
            "index": index,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry_outcome_answer import EntryOutcomeAnswer # noqa: PLC0415
        d = dict(src_dict)
        answer = EntryOutcomeAnswer.from_dict(d.pop("answer"))




        index = d.pop("index")

        status = d.pop("status")

        entry_outcome = cls(
            answer=answer,
            index=index,
            status=status,
        )


        entry_outcome.additional_properties = d
        return entry_outcome

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
