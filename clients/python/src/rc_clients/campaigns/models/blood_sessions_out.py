from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.blood_session_out import BloodSessionOut





T = TypeVar("T", bound="BloodSessionsOut")



@_attrs_define
class BloodSessionsOut:
    """ 
        Attributes:
            count (int): Items in this answer.
            items (list[BloodSessionOut]):
     """

    count: int
    items: list[BloodSessionOut]





    def to_dict(self) -> dict[str, Any]:
        from ..models.blood_session_out import BloodSessionOut
        count = self.count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "count": count,
            "items": items,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blood_session_out import BloodSessionOut
        d = dict(src_dict)
        count = d.pop("count")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = BloodSessionOut.from_dict(items_item_data)



            items.append(items_item)


        blood_sessions_out = cls(
            count=count,
            items=items,
        )

        return blood_sessions_out

