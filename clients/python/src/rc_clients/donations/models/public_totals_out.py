from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PublicTotalsOut")



@_attrs_define
class PublicTotalsOut:
    """ 
        Attributes:
            blood_units (int):
            cash_balance_vnd (int):
            cash_distributed_vnd (int):
            cash_received_vnd (int):
            goods_balance_value_vnd (int):
            goods_distributed_value_vnd (int):
            in_kind_received_value_vnd (int):
     """

    blood_units: int
    cash_balance_vnd: int
    cash_distributed_vnd: int
    cash_received_vnd: int
    goods_balance_value_vnd: int
    goods_distributed_value_vnd: int
    in_kind_received_value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        blood_units = self.blood_units

        cash_balance_vnd = self.cash_balance_vnd

        cash_distributed_vnd = self.cash_distributed_vnd

        cash_received_vnd = self.cash_received_vnd

        goods_balance_value_vnd = self.goods_balance_value_vnd

        goods_distributed_value_vnd = self.goods_distributed_value_vnd

        in_kind_received_value_vnd = self.in_kind_received_value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "blood_units": blood_units,
            "cash_balance_vnd": cash_balance_vnd,
            "cash_distributed_vnd": cash_distributed_vnd,
            "cash_received_vnd": cash_received_vnd,
            "goods_balance_value_vnd": goods_balance_value_vnd,
            "goods_distributed_value_vnd": goods_distributed_value_vnd,
            "in_kind_received_value_vnd": in_kind_received_value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        blood_units = d.pop("blood_units")

        cash_balance_vnd = d.pop("cash_balance_vnd")

        cash_distributed_vnd = d.pop("cash_distributed_vnd")

        cash_received_vnd = d.pop("cash_received_vnd")

        goods_balance_value_vnd = d.pop("goods_balance_value_vnd")

        goods_distributed_value_vnd = d.pop("goods_distributed_value_vnd")

        in_kind_received_value_vnd = d.pop("in_kind_received_value_vnd")

        public_totals_out = cls(
            blood_units=blood_units,
            cash_balance_vnd=cash_balance_vnd,
            cash_distributed_vnd=cash_distributed_vnd,
            cash_received_vnd=cash_received_vnd,
            goods_balance_value_vnd=goods_balance_value_vnd,
            goods_distributed_value_vnd=goods_distributed_value_vnd,
            in_kind_received_value_vnd=in_kind_received_value_vnd,
        )

        return public_totals_out

