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
  from ..models.unit_funds import UnitFunds





T = TypeVar("T", bound="UnitFundsReport")



@_attrs_define
class UnitFundsReport:
    """ 
        Attributes:
            as_of (datetime.date):
            campaign_id (None | UUID):
            depth (int):
            period_from (datetime.date):
            period_to (datetime.date):
            units (list[UnitFunds]):
     """

    as_of: datetime.date
    campaign_id: None | UUID
    depth: int
    period_from: datetime.date
    period_to: datetime.date
    units: list[UnitFunds]





    def to_dict(self) -> dict[str, Any]:
        from ..models.unit_funds import UnitFunds
        as_of = self.as_of.isoformat()

        campaign_id: None | str
        if isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

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
            "campaign_id": campaign_id,
            "depth": depth,
            "period_from": period_from,
            "period_to": period_to,
            "units": units,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_funds import UnitFunds
        d = dict(src_dict)
        as_of = isoparse(d.pop("as_of")).date()




        def _parse_campaign_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)



                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id"))


        depth = d.pop("depth")

        period_from = isoparse(d.pop("period_from")).date()




        period_to = isoparse(d.pop("period_to")).date()




        units = []
        _units = d.pop("units")
        for units_item_data in (_units):
            units_item = UnitFunds.from_dict(units_item_data)



            units.append(units_item)


        unit_funds_report = cls(
            as_of=as_of,
            campaign_id=campaign_id,
            depth=depth,
            period_from=period_from,
            period_to=period_to,
            units=units,
        )

        return unit_funds_report

