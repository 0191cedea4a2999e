from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.unit_list_item_out import UnitListItemOut





T = TypeVar("T", bound="UnitChildrenOut")



@_attrs_define
class UnitChildrenOut:
    """ 
        Attributes:
            as_of (datetime.date):
            count (int): Items in this answer.
            items (list[UnitListItemOut]):
     """

    as_of: datetime.date
    count: int
    items: list[UnitListItemOut]





    def to_dict(self) -> dict[str, Any]:
        from ..models.unit_list_item_out import UnitListItemOut
        as_of = self.as_of.isoformat()

        count = self.count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "count": count,
            "items": items,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_list_item_out import UnitListItemOut
        d = dict(src_dict)
        as_of = isoparse(d.pop("as_of")).date()




        count = d.pop("count")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = UnitListItemOut.from_dict(items_item_data)



            items.append(items_item)


        unit_children_out = cls(
            as_of=as_of,
            count=count,
            items=items,
        )

        return unit_children_out

