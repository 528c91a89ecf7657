from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.entry_outcome import EntryOutcome
  from ..models.settled_deadline import SettledDeadline





T = TypeVar("T", bound="HistoryImported")



@_attrs_define
class HistoryImported:
    """ 
        Attributes:
            case_id (None | str):
            entries (list[EntryOutcome]):
            settled_deadlines (list[SettledDeadline]): deadlines still open at the end whose due instant lies before the
                latest business time of the import, recorded overdue in the same transaction
     """

    case_id: None | str
    entries: list[EntryOutcome]
    settled_deadlines: list[SettledDeadline]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.entry_outcome import EntryOutcome # noqa: PLC0415
        from ..models.settled_deadline import SettledDeadline # noqa: PLC0415
        case_id: None | str
        case_id = self.case_id

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)



        settled_deadlines = []
        for settled_deadlines_item_data in self.settled_deadlines:
            settled_deadlines_item = settled_deadlines_item_data.to_dict()
            settled_deadlines.append(settled_deadlines_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "case_id": case_id,
            "entries": entries,
            "settled_deadlines": settled_deadlines,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry_outcome import EntryOutcome # noqa: PLC0415
        from ..models.settled_deadline import SettledDeadline # noqa: PLC0415
        d = dict(src_dict)
        def _parse_case_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        case_id = _parse_case_id(d.pop("case_id"))


        entries = []
        _entries = d.pop("entries")
        for entries_item_data in (_entries):
            entries_item = EntryOutcome.from_dict(entries_item_data)



            entries.append(entries_item)


        settled_deadlines = []
        _settled_deadlines = d.pop("settled_deadlines")
        for settled_deadlines_item_data in (_settled_deadlines):
            settled_deadlines_item = SettledDeadline.from_dict(settled_deadlines_item_data)



            settled_deadlines.append(settled_deadlines_item)


        history_imported = cls(
            case_id=case_id,
            entries=entries,
            settled_deadlines=settled_deadlines,
        )


        history_imported.additional_properties = d
        return history_imported

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
