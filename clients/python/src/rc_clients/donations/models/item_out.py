from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ItemOut")



@_attrs_define
class ItemOut:
    """ 
        Attributes:
            assessed_value_vnd (int):
            item (str):
            quantity (int):
            unit (str):
     """

    assessed_value_vnd: int
    item: str
    quantity: int
    unit: str





    def to_dict(self) -> dict[str, Any]:
        assessed_value_vnd = self.assessed_value_vnd

        item = self.item

        quantity = self.quantity

        unit = self.unit


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "assessed_value_vnd": assessed_value_vnd,
            "item": item,
            "quantity": quantity,
            "unit": unit,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assessed_value_vnd = d.pop("assessed_value_vnd")

        item = d.pop("item")

        quantity = d.pop("quantity")

        unit = d.pop("unit")

        item_out = cls(
            assessed_value_vnd=assessed_value_vnd,
            item=item,
            quantity=quantity,
            unit=unit,
        )

        return item_out

