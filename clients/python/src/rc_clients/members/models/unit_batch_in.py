from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.unit_batch_item import UnitBatchItem





T = TypeVar("T", bound="UnitBatchIn")



@_attrs_define
class UnitBatchIn:
    """ 
        Attributes:
            units (list[UnitBatchItem]):
     """

    units: list[UnitBatchItem]





    def to_dict(self) -> dict[str, Any]:
        from ..models.unit_batch_item import UnitBatchItem
        units = []
        for units_item_data in self.units:
            units_item = units_item_data.to_dict()
            units.append(units_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "units": units,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_batch_item import UnitBatchItem
        d = dict(src_dict)
        units = []
        _units = d.pop("units")
        for units_item_data in (_units):
            units_item = UnitBatchItem.from_dict(units_item_data)



            units.append(units_item)


        unit_batch_in = cls(
            units=units,
        )

        return unit_batch_in

