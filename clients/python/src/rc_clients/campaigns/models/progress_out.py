from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.target_progress_out import TargetProgressOut





T = TypeVar("T", bound="ProgressOut")



@_attrs_define
class ProgressOut:
    """ 
        Attributes:
            beneficiaries (TargetProgressOut):
            blood_units (TargetProgressOut):
            cash_vnd (TargetProgressOut):
            in_kind_value_vnd (TargetProgressOut):
     """

    beneficiaries: TargetProgressOut
    blood_units: TargetProgressOut
    cash_vnd: TargetProgressOut
    in_kind_value_vnd: TargetProgressOut





    def to_dict(self) -> dict[str, Any]:
        from ..models.target_progress_out import TargetProgressOut
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
        from ..models.target_progress_out import TargetProgressOut
        d = dict(src_dict)
        beneficiaries = TargetProgressOut.from_dict(d.pop("beneficiaries"))




        blood_units = TargetProgressOut.from_dict(d.pop("blood_units"))




        cash_vnd = TargetProgressOut.from_dict(d.pop("cash_vnd"))




        in_kind_value_vnd = TargetProgressOut.from_dict(d.pop("in_kind_value_vnd"))




        progress_out = cls(
            beneficiaries=beneficiaries,
            blood_units=blood_units,
            cash_vnd=cash_vnd,
            in_kind_value_vnd=in_kind_value_vnd,
        )

        return progress_out

