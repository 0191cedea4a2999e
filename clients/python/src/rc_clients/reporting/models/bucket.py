from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="Bucket")



@_attrs_define
class Bucket:
    """ 
        Attributes:
            blood_units (int):
            cash_raised_vnd (int): Cash received in the bucket minus cash reversed in it.
            distributed_cash_vnd (int):
            distributed_goods_vnd (int):
            donations (int): Donations received minus donations reversed in the bucket.
            in_kind_value_vnd (int):
            period_end (datetime.date):
            period_start (datetime.date):
     """

    blood_units: int
    cash_raised_vnd: int
    distributed_cash_vnd: int
    distributed_goods_vnd: int
    donations: int
    in_kind_value_vnd: int
    period_end: datetime.date
    period_start: datetime.date





    def to_dict(self) -> dict[str, Any]:
        blood_units = self.blood_units

        cash_raised_vnd = self.cash_raised_vnd

        distributed_cash_vnd = self.distributed_cash_vnd

        distributed_goods_vnd = self.distributed_goods_vnd

        donations = self.donations

        in_kind_value_vnd = self.in_kind_value_vnd

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "blood_units": blood_units,
            "cash_raised_vnd": cash_raised_vnd,
            "distributed_cash_vnd": distributed_cash_vnd,
            "distributed_goods_vnd": distributed_goods_vnd,
            "donations": donations,
            "in_kind_value_vnd": in_kind_value_vnd,
            "period_end": period_end,
            "period_start": period_start,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        blood_units = d.pop("blood_units")

        cash_raised_vnd = d.pop("cash_raised_vnd")

        distributed_cash_vnd = d.pop("distributed_cash_vnd")

        distributed_goods_vnd = d.pop("distributed_goods_vnd")

        donations = d.pop("donations")

        in_kind_value_vnd = d.pop("in_kind_value_vnd")

        period_end = isoparse(d.pop("period_end")).date()




        period_start = isoparse(d.pop("period_start")).date()




        bucket = cls(
            blood_units=blood_units,
            cash_raised_vnd=cash_raised_vnd,
            distributed_cash_vnd=distributed_cash_vnd,
            distributed_goods_vnd=distributed_goods_vnd,
            donations=donations,
            in_kind_value_vnd=in_kind_value_vnd,
            period_end=period_end,
            period_start=period_start,
        )

        return bucket

