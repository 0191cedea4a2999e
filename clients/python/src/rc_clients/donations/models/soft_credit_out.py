from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="SoftCreditOut")



@_attrs_define
class SoftCreditOut:
    """ 
        Attributes:
            amount_vnd (int):
            blood_units (int):
            credited_person_id (None | UUID):
            credited_unit_id (None | UUID):
            donations (int):
            value_vnd (int):
     """

    amount_vnd: int
    blood_units: int
    credited_person_id: None | UUID
    credited_unit_id: None | UUID
    donations: int
    value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        amount_vnd = self.amount_vnd

        blood_units = self.blood_units

        credited_person_id: None | str
        if isinstance(self.credited_person_id, UUID):
            credited_person_id = str(self.credited_person_id)
        else:
            credited_person_id = self.credited_person_id

        credited_unit_id: None | str
        if isinstance(self.credited_unit_id, UUID):
            credited_unit_id = str(self.credited_unit_id)
        else:
            credited_unit_id = self.credited_unit_id

        donations = self.donations

        value_vnd = self.value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "blood_units": blood_units,
            "credited_person_id": credited_person_id,
            "credited_unit_id": credited_unit_id,
            "donations": donations,
            "value_vnd": value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        blood_units = d.pop("blood_units")

        def _parse_credited_person_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                credited_person_id_type_0 = UUID(data)



                return credited_person_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        credited_person_id = _parse_credited_person_id(d.pop("credited_person_id"))


        def _parse_credited_unit_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                credited_unit_id_type_0 = UUID(data)



                return credited_unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        credited_unit_id = _parse_credited_unit_id(d.pop("credited_unit_id"))


        donations = d.pop("donations")

        value_vnd = d.pop("value_vnd")

        soft_credit_out = cls(
            amount_vnd=amount_vnd,
            blood_units=blood_units,
            credited_person_id=credited_person_id,
            credited_unit_id=credited_unit_id,
            donations=donations,
            value_vnd=value_vnd,
        )

        return soft_credit_out

