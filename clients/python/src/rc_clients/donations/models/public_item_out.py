from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PublicItemOut")



@_attrs_define
class PublicItemOut:
    """ 
        Attributes:
            item (str): What the goods are, as staff wrote it, phone-, identity- and account-like numbers masked.
            quantity (int):
            unit (str): The unit of the quantity, masked as the item is.
     """

    item: str
    quantity: int
    unit: str





    def to_dict(self) -> dict[str, Any]:
        item = self.item

        quantity = self.quantity

        unit = self.unit


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "item": item,
            "quantity": quantity,
            "unit": unit,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item = d.pop("item")

        quantity = d.pop("quantity")

        unit = d.pop("unit")

        public_item_out = cls(
            item=item,
            quantity=quantity,
            unit=unit,
        )

        return public_item_out

