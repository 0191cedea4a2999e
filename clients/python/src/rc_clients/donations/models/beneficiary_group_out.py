from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="BeneficiaryGroupOut")



@_attrs_define
class BeneficiaryGroupOut:
    """ Beneficiaries of live distributions, counted per commune and support level (never named).

        Attributes:
            amount_vnd (int):
            beneficiaries (int):
            support_level (None | str):
            unit (None | str):
            unit_id (UUID):
            value_vnd (int):
     """

    amount_vnd: int
    beneficiaries: int
    support_level: None | str
    unit: None | str
    unit_id: UUID
    value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        amount_vnd = self.amount_vnd

        beneficiaries = self.beneficiaries

        support_level: None | str
        support_level = self.support_level

        unit: None | str
        unit = self.unit

        unit_id = str(self.unit_id)

        value_vnd = self.value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "beneficiaries": beneficiaries,
            "support_level": support_level,
            "unit": unit,
            "unit_id": unit_id,
            "value_vnd": value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        beneficiaries = d.pop("beneficiaries")

        def _parse_support_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        support_level = _parse_support_level(d.pop("support_level"))


        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))


        unit_id = UUID(d.pop("unit_id"))




        value_vnd = d.pop("value_vnd")

        beneficiary_group_out = cls(
            amount_vnd=amount_vnd,
            beneficiaries=beneficiaries,
            support_level=support_level,
            unit=unit,
            unit_id=unit_id,
            value_vnd=value_vnd,
        )

        return beneficiary_group_out

