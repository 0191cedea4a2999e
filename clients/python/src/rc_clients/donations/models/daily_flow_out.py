from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="DailyFlowOut")



@_attrs_define
class DailyFlowOut:
    """ A day's money and goods received and distributed; a reversal counts against what it reverses on the
    day it is recorded (so a day with only a reversal has a negative figure). Summed over the days: the
    summary's received and distributed totals.

        Attributes:
            cash_in_vnd (int): Cash donations recorded that day, less the cash donations reversed.
            cash_out_vnd (int): Cash distributed that day, less the cash distributions reversed.
            goods_in_vnd (int): Goods received that day (assessed value), less those reversed.
            goods_out_vnd (int): Goods distributed that day (value), less those reversed.
            on (datetime.date):
     """

    cash_in_vnd: int
    cash_out_vnd: int
    goods_in_vnd: int
    goods_out_vnd: int
    on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        cash_in_vnd = self.cash_in_vnd

        cash_out_vnd = self.cash_out_vnd

        goods_in_vnd = self.goods_in_vnd

        goods_out_vnd = self.goods_out_vnd

        on = self.on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "cash_in_vnd": cash_in_vnd,
            "cash_out_vnd": cash_out_vnd,
            "goods_in_vnd": goods_in_vnd,
            "goods_out_vnd": goods_out_vnd,
            "on": on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cash_in_vnd = d.pop("cash_in_vnd")

        cash_out_vnd = d.pop("cash_out_vnd")

        goods_in_vnd = d.pop("goods_in_vnd")

        goods_out_vnd = d.pop("goods_out_vnd")

        on = isoparse(d.pop("on")).date()




        daily_flow_out = cls(
            cash_in_vnd=cash_in_vnd,
            cash_out_vnd=cash_out_vnd,
            goods_in_vnd=goods_in_vnd,
            goods_out_vnd=goods_out_vnd,
            on=on,
        )

        return daily_flow_out

