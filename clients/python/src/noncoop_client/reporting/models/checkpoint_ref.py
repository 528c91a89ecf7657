from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.checkpoint_ref_position import CheckpointRefPosition





T = TypeVar("T", bound="CheckpointRef")



@_attrs_define
class CheckpointRef:
    """ The audit checkpoint sealed with a submitted report, at the position it was drawn at:
    ``GET /v1/checkpoints/{checkpoint_id}`` gives it whole, to verify with the public key.

        Attributes:
            checkpoint_id (int):
            merkle_root (str):
            position (CheckpointRefPosition):
     """

    checkpoint_id: int
    merkle_root: str
    position: CheckpointRefPosition
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.checkpoint_ref_position import CheckpointRefPosition # noqa: PLC0415
        checkpoint_id = self.checkpoint_id

        merkle_root = self.merkle_root

        position = self.position.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "checkpoint_id": checkpoint_id,
            "merkle_root": merkle_root,
            "position": position,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checkpoint_ref_position import CheckpointRefPosition # noqa: PLC0415
        d = dict(src_dict)
        checkpoint_id = d.pop("checkpoint_id")

        merkle_root = d.pop("merkle_root")

        position = CheckpointRefPosition.from_dict(d.pop("position"))




        checkpoint_ref = cls(
            checkpoint_id=checkpoint_id,
            merkle_root=merkle_root,
            position=position,
        )


        checkpoint_ref.additional_properties = d
        return checkpoint_ref

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
