from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TargetsIn")



@_attrs_define
class TargetsIn:
    """ 
        Attributes:
            beneficiaries (int | None | Unset): Distinct beneficiaries to reach by distributions.
            blood_units (int | None | Unset): Blood units to collect.
            cash_vnd (int | None | Unset): Cash to raise, VND (absent or 0: not tracked).
            in_kind_value_vnd (int | None | Unset): Value of goods to raise, VND.
     """

    beneficiaries: int | None | Unset = UNSET
    blood_units: int | None | Unset = UNSET
    cash_vnd: int | None | Unset = UNSET
    in_kind_value_vnd: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        beneficiaries: int | None | Unset
        if isinstance(self.beneficiaries, Unset):
            beneficiaries = UNSET
        else:
            beneficiaries = self.beneficiaries

        blood_units: int | None | Unset
        if isinstance(self.blood_units, Unset):
            blood_units = UNSET
        else:
            blood_units = self.blood_units

        cash_vnd: int | None | Unset
        if isinstance(self.cash_vnd, Unset):
            cash_vnd = UNSET
        else:
            cash_vnd = self.cash_vnd

        in_kind_value_vnd: int | None | Unset
        if isinstance(self.in_kind_value_vnd, Unset):
            in_kind_value_vnd = UNSET
        else:
            in_kind_value_vnd = self.in_kind_value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if beneficiaries is not UNSET:
            field_dict["beneficiaries"] = beneficiaries
        if blood_units is not UNSET:
            field_dict["blood_units"] = blood_units
        if cash_vnd is not UNSET:
            field_dict["cash_vnd"] = cash_vnd
        if in_kind_value_vnd is not UNSET:
            field_dict["in_kind_value_vnd"] = in_kind_value_vnd

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_beneficiaries(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        beneficiaries = _parse_beneficiaries(d.pop("beneficiaries", UNSET))


        def _parse_blood_units(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        blood_units = _parse_blood_units(d.pop("blood_units", UNSET))


        def _parse_cash_vnd(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cash_vnd = _parse_cash_vnd(d.pop("cash_vnd", UNSET))


        def _parse_in_kind_value_vnd(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        in_kind_value_vnd = _parse_in_kind_value_vnd(d.pop("in_kind_value_vnd", UNSET))


        targets_in = cls(
            beneficiaries=beneficiaries,
            blood_units=blood_units,
            cash_vnd=cash_vnd,
            in_kind_value_vnd=in_kind_value_vnd,
        )

        return targets_in

