from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TargetsOut")



@_attrs_define
class TargetsOut:
    """ 
        Attributes:
            beneficiaries (int | None):
            blood_units (int | None):
            cash_vnd (int | None):
            in_kind_value_vnd (int | None):
     """

    beneficiaries: int | None
    blood_units: int | None
    cash_vnd: int | None
    in_kind_value_vnd: int | None





    def to_dict(self) -> dict[str, Any]:
        beneficiaries: int | None
        beneficiaries = self.beneficiaries

        blood_units: int | None
        blood_units = self.blood_units

        cash_vnd: int | None
        cash_vnd = self.cash_vnd

        in_kind_value_vnd: int | None
        in_kind_value_vnd = self.in_kind_value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "beneficiaries": beneficiaries,
            "blood_units": blood_units,
            "cash_vnd": cash_vnd,
            "in_kind_value_vnd": in_kind_value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_beneficiaries(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        beneficiaries = _parse_beneficiaries(d.pop("beneficiaries"))


        def _parse_blood_units(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        blood_units = _parse_blood_units(d.pop("blood_units"))


        def _parse_cash_vnd(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cash_vnd = _parse_cash_vnd(d.pop("cash_vnd"))


        def _parse_in_kind_value_vnd(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        in_kind_value_vnd = _parse_in_kind_value_vnd(d.pop("in_kind_value_vnd"))


        targets_out = cls(
            beneficiaries=beneficiaries,
            blood_units=blood_units,
            cash_vnd=cash_vnd,
            in_kind_value_vnd=in_kind_value_vnd,
        )

        return targets_out

