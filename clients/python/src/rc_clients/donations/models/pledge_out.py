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
  from ..models.instalment_out import InstalmentOut





T = TypeVar("T", bound="PledgeOut")



@_attrs_define
class PledgeOut:
    """ 
        Attributes:
            campaign_id (UUID):
            donor_id (None | UUID):
            donor_type (str):
            due_now_vnd (int):
            first_due_on (datetime.date):
            fulfilled (bool):
            id (UUID):
            instalments (list[InstalmentOut]):
            instalments_count (int):
            interval_days (int):
            outstanding_vnd (int):
            paid_vnd (int):
            payments (int): Payments made against the pledge (reversed ones excluded).
            pledged_vnd (int):
            unit_id (UUID):
     """

    campaign_id: UUID
    donor_id: None | UUID
    donor_type: str
    due_now_vnd: int
    first_due_on: datetime.date
    fulfilled: bool
    id: UUID
    instalments: list[InstalmentOut]
    instalments_count: int
    interval_days: int
    outstanding_vnd: int
    paid_vnd: int
    payments: int
    pledged_vnd: int
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        from ..models.instalment_out import InstalmentOut
        campaign_id = str(self.campaign_id)

        donor_id: None | str
        if isinstance(self.donor_id, UUID):
            donor_id = str(self.donor_id)
        else:
            donor_id = self.donor_id

        donor_type = self.donor_type

        due_now_vnd = self.due_now_vnd

        first_due_on = self.first_due_on.isoformat()

        fulfilled = self.fulfilled

        id = str(self.id)

        instalments = []
        for instalments_item_data in self.instalments:
            instalments_item = instalments_item_data.to_dict()
            instalments.append(instalments_item)



        instalments_count = self.instalments_count

        interval_days = self.interval_days

        outstanding_vnd = self.outstanding_vnd

        paid_vnd = self.paid_vnd

        payments = self.payments

        pledged_vnd = self.pledged_vnd

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_id": campaign_id,
            "donor_id": donor_id,
            "donor_type": donor_type,
            "due_now_vnd": due_now_vnd,
            "first_due_on": first_due_on,
            "fulfilled": fulfilled,
            "id": id,
            "instalments": instalments,
            "instalments_count": instalments_count,
            "interval_days": interval_days,
            "outstanding_vnd": outstanding_vnd,
            "paid_vnd": paid_vnd,
            "payments": payments,
            "pledged_vnd": pledged_vnd,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.instalment_out import InstalmentOut
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))




        def _parse_donor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                donor_id_type_0 = UUID(data)



                return donor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        donor_id = _parse_donor_id(d.pop("donor_id"))


        donor_type = d.pop("donor_type")

        due_now_vnd = d.pop("due_now_vnd")

        first_due_on = isoparse(d.pop("first_due_on")).date()




        fulfilled = d.pop("fulfilled")

        id = UUID(d.pop("id"))




        instalments = []
        _instalments = d.pop("instalments")
        for instalments_item_data in (_instalments):
            instalments_item = InstalmentOut.from_dict(instalments_item_data)



            instalments.append(instalments_item)


        instalments_count = d.pop("instalments_count")

        interval_days = d.pop("interval_days")

        outstanding_vnd = d.pop("outstanding_vnd")

        paid_vnd = d.pop("paid_vnd")

        payments = d.pop("payments")

        pledged_vnd = d.pop("pledged_vnd")

        unit_id = UUID(d.pop("unit_id"))




        pledge_out = cls(
            campaign_id=campaign_id,
            donor_id=donor_id,
            donor_type=donor_type,
            due_now_vnd=due_now_vnd,
            first_due_on=first_due_on,
            fulfilled=fulfilled,
            id=id,
            instalments=instalments,
            instalments_count=instalments_count,
            interval_days=interval_days,
            outstanding_vnd=outstanding_vnd,
            paid_vnd=paid_vnd,
            payments=payments,
            pledged_vnd=pledged_vnd,
            unit_id=unit_id,
        )

        return pledge_out

