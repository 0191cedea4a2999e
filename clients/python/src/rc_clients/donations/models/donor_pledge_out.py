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






T = TypeVar("T", bound="DonorPledgeOut")



@_attrs_define
class DonorPledgeOut:
    """ 
        Attributes:
            campaign_id (UUID):
            first_due_on (datetime.date):
            id (UUID):
            instalments_count (int):
            interval_days (int):
            pledged_vnd (int):
            unit_id (UUID): The unit the pledge was made to.
     """

    campaign_id: UUID
    first_due_on: datetime.date
    id: UUID
    instalments_count: int
    interval_days: int
    pledged_vnd: int
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        campaign_id = str(self.campaign_id)

        first_due_on = self.first_due_on.isoformat()

        id = str(self.id)

        instalments_count = self.instalments_count

        interval_days = self.interval_days

        pledged_vnd = self.pledged_vnd

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_id": campaign_id,
            "first_due_on": first_due_on,
            "id": id,
            "instalments_count": instalments_count,
            "interval_days": interval_days,
            "pledged_vnd": pledged_vnd,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))




        first_due_on = isoparse(d.pop("first_due_on")).date()




        id = UUID(d.pop("id"))




        instalments_count = d.pop("instalments_count")

        interval_days = d.pop("interval_days")

        pledged_vnd = d.pop("pledged_vnd")

        unit_id = UUID(d.pop("unit_id"))




        donor_pledge_out = cls(
            campaign_id=campaign_id,
            first_due_on=first_due_on,
            id=id,
            instalments_count=instalments_count,
            interval_days=interval_days,
            pledged_vnd=pledged_vnd,
            unit_id=unit_id,
        )

        return donor_pledge_out

