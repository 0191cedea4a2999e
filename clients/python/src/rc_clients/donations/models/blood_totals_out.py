from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="BloodTotalsOut")



@_attrs_define
class BloodTotalsOut:
    """ 
        Attributes:
            net_units (int):
            reversed_units (int):
            units (int):
     """

    net_units: int
    reversed_units: int
    units: int





    def to_dict(self) -> dict[str, Any]:
        net_units = self.net_units

        reversed_units = self.reversed_units

        units = self.units


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "net_units": net_units,
            "reversed_units": reversed_units,
            "units": units,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        net_units = d.pop("net_units")

        reversed_units = d.pop("reversed_units")

        units = d.pop("units")

        blood_totals_out = cls(
            net_units=net_units,
            reversed_units=reversed_units,
            units=units,
        )

        return blood_totals_out

