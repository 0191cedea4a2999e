from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="UnitFunds")



@_attrs_define
class UnitFunds:
    """ 
        Attributes:
            blood_units (int):
            cash_raised_vnd (int): Cash received in the period by units of the subtree.
            children (list[UnitFunds]):
            code (str):
            credited_cash_vnd (int): Soft credits: cash mobilised by units of the subtree (received anywhere); not part of
                any raised total.
            credited_donations (int):
            distributed_cash_vnd (int): Cash distributed in the period by units of the subtree.
            distributed_goods_vnd (int):
            donations (int):
            in_kind_value_vnd (int):
            level (str):
            name (str):
            parent_id (None | UUID):
            unit_id (UUID):
     """

    blood_units: int
    cash_raised_vnd: int
    children: list[UnitFunds]
    code: str
    credited_cash_vnd: int
    credited_donations: int
    distributed_cash_vnd: int
    distributed_goods_vnd: int
    donations: int
    in_kind_value_vnd: int
    level: str
    name: str
    parent_id: None | UUID
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        blood_units = self.blood_units

        cash_raised_vnd = self.cash_raised_vnd

        children = []
        for children_item_data in self.children:
            children_item = children_item_data.to_dict()
            children.append(children_item)



        code = self.code

        credited_cash_vnd = self.credited_cash_vnd

        credited_donations = self.credited_donations

        distributed_cash_vnd = self.distributed_cash_vnd

        distributed_goods_vnd = self.distributed_goods_vnd

        donations = self.donations

        in_kind_value_vnd = self.in_kind_value_vnd

        level = self.level

        name = self.name

        parent_id: None | str
        if isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "blood_units": blood_units,
            "cash_raised_vnd": cash_raised_vnd,
            "children": children,
            "code": code,
            "credited_cash_vnd": credited_cash_vnd,
            "credited_donations": credited_donations,
            "distributed_cash_vnd": distributed_cash_vnd,
            "distributed_goods_vnd": distributed_goods_vnd,
            "donations": donations,
            "in_kind_value_vnd": in_kind_value_vnd,
            "level": level,
            "name": name,
            "parent_id": parent_id,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        blood_units = d.pop("blood_units")

        cash_raised_vnd = d.pop("cash_raised_vnd")

        children = []
        _children = d.pop("children")
        for children_item_data in (_children):
            children_item = UnitFunds.from_dict(children_item_data)



            children.append(children_item)


        code = d.pop("code")

        credited_cash_vnd = d.pop("credited_cash_vnd")

        credited_donations = d.pop("credited_donations")

        distributed_cash_vnd = d.pop("distributed_cash_vnd")

        distributed_goods_vnd = d.pop("distributed_goods_vnd")

        donations = d.pop("donations")

        in_kind_value_vnd = d.pop("in_kind_value_vnd")

        level = d.pop("level")

        name = d.pop("name")

        def _parse_parent_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_id_type_0 = UUID(data)



                return parent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        parent_id = _parse_parent_id(d.pop("parent_id"))


        unit_id = UUID(d.pop("unit_id"))




        unit_funds = cls(
            blood_units=blood_units,
            cash_raised_vnd=cash_raised_vnd,
            children=children,
            code=code,
            credited_cash_vnd=credited_cash_vnd,
            credited_donations=credited_donations,
            distributed_cash_vnd=distributed_cash_vnd,
            distributed_goods_vnd=distributed_goods_vnd,
            donations=donations,
            in_kind_value_vnd=in_kind_value_vnd,
            level=level,
            name=name,
            parent_id=parent_id,
            unit_id=unit_id,
        )

        return unit_funds

