from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.checkpoint import Checkpoint





T = TypeVar("T", bound="SealedNow")



@_attrs_define
class SealedNow:
    """ 
        Attributes:
            checkpoint (Checkpoint): A sealed, signed summary of the log up to ``position``. Immutable.
            checkpoint_id (int):
            note (str): the audit log's C2SP checkpoint (a signed note), as GET /v1/audit-log/checkpoints/{tree_size}
                publishes it
            tree_size (int): the size of the audit log's tree, sealed with it
     """

    checkpoint: Checkpoint
    checkpoint_id: int
    note: str
    tree_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.checkpoint import Checkpoint # noqa: PLC0415
        checkpoint = self.checkpoint.to_dict()

        checkpoint_id = self.checkpoint_id

        note = self.note

        tree_size = self.tree_size


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "checkpoint": checkpoint,
            "checkpoint_id": checkpoint_id,
            "note": note,
            "tree_size": tree_size,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checkpoint import Checkpoint # noqa: PLC0415
        d = dict(src_dict)
        checkpoint = Checkpoint.from_dict(d.pop("checkpoint"))




        checkpoint_id = d.pop("checkpoint_id")

        note = d.pop("note")

        tree_size = d.pop("tree_size")

        sealed_now = cls(
            checkpoint=checkpoint,
            checkpoint_id=checkpoint_id,
            note=note,
            tree_size=tree_size,
        )


        sealed_now.additional_properties = d
        return sealed_now

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
