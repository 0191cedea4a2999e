from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="FigureOut")



@_attrs_define
class FigureOut:
    """ 
        Attributes:
            change_percent (float | None): (value - previous) / previous, percent, one decimal.
            indicator (str): Indicator name (what plans name).
            label (str):
            measure (str): Unit of measure: VND, người, lượt, ...
            percent_of_plan (float | None):
            plan (int | None): The plan of the year of the period's end, rolled up; null: none, or it covers only part of
                the subtree (no percentage of a partial plan).
            previous (float | int | None): The same period of the previous year; null: the unit did not exist.
            value (float | int): Achieved in the period.
     """

    change_percent: float | None
    indicator: str
    label: str
    measure: str
    percent_of_plan: float | None
    plan: int | None
    previous: float | int | None
    value: float | int





    def to_dict(self) -> dict[str, Any]:
        change_percent: float | None
        change_percent = self.change_percent

        indicator = self.indicator

        label = self.label

        measure = self.measure

        percent_of_plan: float | None
        percent_of_plan = self.percent_of_plan

        plan: int | None
        plan = self.plan

        previous: float | int | None
        previous = self.previous

        value: float | int
        value = self.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "change_percent": change_percent,
            "indicator": indicator,
            "label": label,
            "measure": measure,
            "percent_of_plan": percent_of_plan,
            "plan": plan,
            "previous": previous,
            "value": value,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_change_percent(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        change_percent = _parse_change_percent(d.pop("change_percent"))


        indicator = d.pop("indicator")

        label = d.pop("label")

        measure = d.pop("measure")

        def _parse_percent_of_plan(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        percent_of_plan = _parse_percent_of_plan(d.pop("percent_of_plan"))


        def _parse_plan(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        plan = _parse_plan(d.pop("plan"))


        def _parse_previous(data: object) -> float | int | None:
            if data is None:
                return data
            return cast(float | int | None, data)

        previous = _parse_previous(d.pop("previous"))


        def _parse_value(data: object) -> float | int:
            return cast(float | int, data)

        value = _parse_value(d.pop("value"))


        figure_out = cls(
            change_percent=change_percent,
            indicator=indicator,
            label=label,
            measure=measure,
            percent_of_plan=percent_of_plan,
            plan=plan,
            previous=previous,
            value=value,
        )

        return figure_out

