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
  from ..models.month_out import MonthOut
  from ..models.review_unit_out import ReviewUnitOut
  from ..models.section_out import SectionOut
  from ..models.unit_row_out import UnitRowOut





T = TypeVar("T", bound="ReviewOut")



@_attrs_define
class ReviewOut:
    """ 
        Attributes:
            monthly (list[MonthOut]): The monthly series of the period (charts).
            period_from (datetime.date):
            period_to (datetime.date):
            plan_year (int):
            previous_from (datetime.date):
            previous_to (datetime.date):
            sections (list[SectionOut]):
            unit (ReviewUnitOut):
            units (list[UnitRowOut]): The child units on the period's end, with their main figures.
     """

    monthly: list[MonthOut]
    period_from: datetime.date
    period_to: datetime.date
    plan_year: int
    previous_from: datetime.date
    previous_to: datetime.date
    sections: list[SectionOut]
    unit: ReviewUnitOut
    units: list[UnitRowOut]





    def to_dict(self) -> dict[str, Any]:
        from ..models.month_out import MonthOut
        from ..models.review_unit_out import ReviewUnitOut
        from ..models.section_out import SectionOut
        from ..models.unit_row_out import UnitRowOut
        monthly = []
        for monthly_item_data in self.monthly:
            monthly_item = monthly_item_data.to_dict()
            monthly.append(monthly_item)



        period_from = self.period_from.isoformat()

        period_to = self.period_to.isoformat()

        plan_year = self.plan_year

        previous_from = self.previous_from.isoformat()

        previous_to = self.previous_to.isoformat()

        sections = []
        for sections_item_data in self.sections:
            sections_item = sections_item_data.to_dict()
            sections.append(sections_item)



        unit = self.unit.to_dict()

        units = []
        for units_item_data in self.units:
            units_item = units_item_data.to_dict()
            units.append(units_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "monthly": monthly,
            "period_from": period_from,
            "period_to": period_to,
            "plan_year": plan_year,
            "previous_from": previous_from,
            "previous_to": previous_to,
            "sections": sections,
            "unit": unit,
            "units": units,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.month_out import MonthOut
        from ..models.review_unit_out import ReviewUnitOut
        from ..models.section_out import SectionOut
        from ..models.unit_row_out import UnitRowOut
        d = dict(src_dict)
        monthly = []
        _monthly = d.pop("monthly")
        for monthly_item_data in (_monthly):
            monthly_item = MonthOut.from_dict(monthly_item_data)



            monthly.append(monthly_item)


        period_from = isoparse(d.pop("period_from")).date()




        period_to = isoparse(d.pop("period_to")).date()




        plan_year = d.pop("plan_year")

        previous_from = isoparse(d.pop("previous_from")).date()




        previous_to = isoparse(d.pop("previous_to")).date()




        sections = []
        _sections = d.pop("sections")
        for sections_item_data in (_sections):
            sections_item = SectionOut.from_dict(sections_item_data)



            sections.append(sections_item)


        unit = ReviewUnitOut.from_dict(d.pop("unit"))




        units = []
        _units = d.pop("units")
        for units_item_data in (_units):
            units_item = UnitRowOut.from_dict(units_item_data)



            units.append(units_item)


        review_out = cls(
            monthly=monthly,
            period_from=period_from,
            period_to=period_to,
            plan_year=plan_year,
            previous_from=previous_from,
            previous_to=previous_to,
            sections=sections,
            unit=unit,
            units=units,
        )

        return review_out

