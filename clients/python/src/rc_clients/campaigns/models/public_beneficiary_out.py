from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PublicBeneficiaryOut")



@_attrs_define
class PublicBeneficiaryOut:
    """ 
        Attributes:
            cash_vnd (int):
            commune (str):
            goods_value_vnd (int):
            name (str):
            support_received_vnd (int):
     """

    cash_vnd: int
    commune: str
    goods_value_vnd: int
    name: str
    support_received_vnd: int





    def to_dict(self) -> dict[str, Any]:
        cash_vnd = self.cash_vnd

        commune = self.commune

        goods_value_vnd = self.goods_value_vnd

        name = self.name

        support_received_vnd = self.support_received_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "cash_vnd": cash_vnd,
            "commune": commune,
            "goods_value_vnd": goods_value_vnd,
            "name": name,
            "support_received_vnd": support_received_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cash_vnd = d.pop("cash_vnd")

        commune = d.pop("commune")

        goods_value_vnd = d.pop("goods_value_vnd")

        name = d.pop("name")

        support_received_vnd = d.pop("support_received_vnd")

        public_beneficiary_out = cls(
            cash_vnd=cash_vnd,
            commune=commune,
            goods_value_vnd=goods_value_vnd,
            name=name,
            support_received_vnd=support_received_vnd,
        )

        return public_beneficiary_out

