from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.dashboard_campaign import DashboardCampaign
  from ..models.inflow_day import InflowDay





T = TypeVar("T", bound="Dashboard")



@_attrs_define
class Dashboard:
    """ 
        Attributes:
            as_of (datetime.date):
            balance_year_vnd (int): receipts_year_vnd - distributed_year_vnd.
            blood_target_units (int | None): The blood-unit targets of the campaigns under way organised in the subtree,
                added up; null: none has one.
            blood_units (int): Blood units the subtree collected for the campaigns under way on as_of.
            campaigns (list[DashboardCampaign]): The campaigns under way on as_of organised by a unit of the subtree or with
                a participating unit in it (every one for organisation-wide users), with their whole progress.
            distributed_year_vnd (int): Cash distributed from year_from to as_of by units of the subtree.
            inflow (list[InflowDay]): Every day of the last ``days`` days up to as_of, oldest first.
            month_from (datetime.date):
            receipts_month_vnd (int): Cash received from month_from to as_of by units of the subtree (through the tree of
                each gift's day), gifts reversed by as_of left out.
            receipts_year_vnd (int): The same from year_from.
            unit_id (None | UUID): The top unit; null: every root unit (organisation-wide users).
            year_from (datetime.date):
     """

    as_of: datetime.date
    balance_year_vnd: int
    blood_target_units: int | None
    blood_units: int
    campaigns: list[DashboardCampaign]
    distributed_year_vnd: int
    inflow: list[InflowDay]
    month_from: datetime.date
    receipts_month_vnd: int
    receipts_year_vnd: int
    unit_id: None | UUID
    year_from: datetime.date





    def to_dict(self) -> dict[str, Any]:
        from ..models.dashboard_campaign import DashboardCampaign
        from ..models.inflow_day import InflowDay
        as_of = self.as_of.isoformat()

        balance_year_vnd = self.balance_year_vnd

        blood_target_units: int | None
        blood_target_units = self.blood_target_units

        blood_units = self.blood_units

        campaigns = []
        for campaigns_item_data in self.campaigns:
            campaigns_item = campaigns_item_data.to_dict()
            campaigns.append(campaigns_item)



        distributed_year_vnd = self.distributed_year_vnd

        inflow = []
        for inflow_item_data in self.inflow:
            inflow_item = inflow_item_data.to_dict()
            inflow.append(inflow_item)



        month_from = self.month_from.isoformat()

        receipts_month_vnd = self.receipts_month_vnd

        receipts_year_vnd = self.receipts_year_vnd

        unit_id: None | str
        if isinstance(self.unit_id, UUID):
            unit_id = str(self.unit_id)
        else:
            unit_id = self.unit_id

        year_from = self.year_from.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "balance_year_vnd": balance_year_vnd,
            "blood_target_units": blood_target_units,
            "blood_units": blood_units,
            "campaigns": campaigns,
            "distributed_year_vnd": distributed_year_vnd,
            "inflow": inflow,
            "month_from": month_from,
            "receipts_month_vnd": receipts_month_vnd,
            "receipts_year_vnd": receipts_year_vnd,
            "unit_id": unit_id,
            "year_from": year_from,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dashboard_campaign import DashboardCampaign
        from ..models.inflow_day import InflowDay
        d = dict(src_dict)
        as_of = isoparse(d.pop("as_of")).date()




        balance_year_vnd = d.pop("balance_year_vnd")

        def _parse_blood_target_units(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        blood_target_units = _parse_blood_target_units(d.pop("blood_target_units"))


        blood_units = d.pop("blood_units")

        campaigns = []
        _campaigns = d.pop("campaigns")
        for campaigns_item_data in (_campaigns):
            campaigns_item = DashboardCampaign.from_dict(campaigns_item_data)



            campaigns.append(campaigns_item)


        distributed_year_vnd = d.pop("distributed_year_vnd")

        inflow = []
        _inflow = d.pop("inflow")
        for inflow_item_data in (_inflow):
            inflow_item = InflowDay.from_dict(inflow_item_data)



            inflow.append(inflow_item)


        month_from = isoparse(d.pop("month_from")).date()




        receipts_month_vnd = d.pop("receipts_month_vnd")

        receipts_year_vnd = d.pop("receipts_year_vnd")

        def _parse_unit_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                unit_id_type_0 = UUID(data)



                return unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        unit_id = _parse_unit_id(d.pop("unit_id"))


        year_from = isoparse(d.pop("year_from")).date()




        dashboard = cls(
            as_of=as_of,
            balance_year_vnd=balance_year_vnd,
            blood_target_units=blood_target_units,
            blood_units=blood_units,
            campaigns=campaigns,
            distributed_year_vnd=distributed_year_vnd,
            inflow=inflow,
            month_from=month_from,
            receipts_month_vnd=receipts_month_vnd,
            receipts_year_vnd=receipts_year_vnd,
            unit_id=unit_id,
            year_from=year_from,
        )

        return dashboard

