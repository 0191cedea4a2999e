from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.target_progress import TargetProgress





T = TypeVar("T", bound="Targets")



@_attrs_define
class Targets:
    """ 
        Attributes:
            beneficiaries (TargetProgress):
            blood_units (TargetProgress):
            cash_vnd (TargetProgress):
            in_kind_value_vnd (TargetProgress):
     """

    beneficiaries: TargetProgress
    blood_units: TargetProgress
    cash_vnd: TargetProgress
    in_kind_value_vnd: TargetProgress





    def to_dict(self) -> dict[str, Any]:
        from ..models.target_progress import TargetProgress
        beneficiaries = self.beneficiaries.to_dict()

        blood_units = self.blood_units.to_dict()

        cash_vnd = self.cash_vnd.to_dict()

        in_kind_value_vnd = self.in_kind_value_vnd.to_dict()


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
        from ..models.target_progress import TargetProgress
        d = dict(src_dict)
        beneficiaries = TargetProgress.from_dict(d.pop("beneficiaries"))




        blood_units = TargetProgress.from_dict(d.pop("blood_units"))




        cash_vnd = TargetProgress.from_dict(d.pop("cash_vnd"))




        in_kind_value_vnd = TargetProgress.from_dict(d.pop("in_kind_value_vnd"))




        targets = cls(
            beneficiaries=beneficiaries,
            blood_units=blood_units,
            cash_vnd=cash_vnd,
            in_kind_value_vnd=in_kind_value_vnd,
        )

        return targets

