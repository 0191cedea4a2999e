from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.unit_figures import UnitFigures





T = TypeVar("T", bound="MembershipReport")



@_attrs_define
class MembershipReport:
    """ 
        Attributes:
            as_of (datetime.date):
            depth (int):
            period_from (datetime.date):
            period_to (datetime.date):
            units (list[UnitFigures]): The requested unit, or every root unit on as_of.
     """

    as_of: datetime.date
    depth: int
    period_from: datetime.date
    period_to: datetime.date
    units: list[UnitFigures]





    def to_dict(self) -> dict[str, Any]:
        from ..models.unit_figures import UnitFigures
        as_of = self.as_of.isoformat()

        depth = self.depth

        period_from = self.period_from.isoformat()

        period_to = self.period_to.isoformat()

        units = []
        for units_item_data in self.units:
            units_item = units_item_data.to_dict()
            units.append(units_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "depth": depth,
            "period_from": period_from,
            "period_to": period_to,
            "units": units,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_figures import UnitFigures
        d = dict(src_dict)
        as_of = isoparse(d.pop("as_of")).date()




        depth = d.pop("depth")

        period_from = isoparse(d.pop("period_from")).date()




        period_to = isoparse(d.pop("period_to")).date()




        units = []
        _units = d.pop("units")
        for units_item_data in (_units):
            units_item = UnitFigures.from_dict(units_item_data)



            units.append(units_item)


        membership_report = cls(
            as_of=as_of,
            depth=depth,
            period_from=period_from,
            period_to=period_to,
            units=units,
        )

        return membership_report

