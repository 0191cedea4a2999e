from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="SupportOut")



@_attrs_define
class SupportOut:
    """ 
        Attributes:
            cash_vnd (int):
            goods_value_vnd (int):
     """

    cash_vnd: int
    goods_value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        cash_vnd = self.cash_vnd

        goods_value_vnd = self.goods_value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "cash_vnd": cash_vnd,
            "goods_value_vnd": goods_value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cash_vnd = d.pop("cash_vnd")

        goods_value_vnd = d.pop("goods_value_vnd")

        support_out = cls(
            cash_vnd=cash_vnd,
            goods_value_vnd=goods_value_vnd,
        )

        return support_out

