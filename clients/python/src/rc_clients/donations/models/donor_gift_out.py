from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.donor_gift_out_kind import check_donor_gift_out_kind
from ..models.donor_gift_out_kind import DonorGiftOutKind
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="DonorGiftOut")



@_attrs_define
class DonorGiftOut:
    """ 
        Attributes:
            amount_vnd (int):
            blood_units (int):
            campaign_id (UUID):
            id (UUID):
            kind (DonorGiftOutKind):
            receipt_no (int):
            received_on (datetime.date):
            reversed_ (bool):
            unit_id (UUID): The unit that received the gift.
            value_vnd (int):
     """

    amount_vnd: int
    blood_units: int
    campaign_id: UUID
    id: UUID
    kind: DonorGiftOutKind
    receipt_no: int
    received_on: datetime.date
    reversed_: bool
    unit_id: UUID
    value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        amount_vnd = self.amount_vnd

        blood_units = self.blood_units

        campaign_id = str(self.campaign_id)

        id = str(self.id)

        kind: str = self.kind

        receipt_no = self.receipt_no

        received_on = self.received_on.isoformat()

        reversed_ = self.reversed_

        unit_id = str(self.unit_id)

        value_vnd = self.value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "blood_units": blood_units,
            "campaign_id": campaign_id,
            "id": id,
            "kind": kind,
            "receipt_no": receipt_no,
            "received_on": received_on,
            "reversed": reversed_,
            "unit_id": unit_id,
            "value_vnd": value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        blood_units = d.pop("blood_units")

        campaign_id = UUID(d.pop("campaign_id"))




        id = UUID(d.pop("id"))




        kind = check_donor_gift_out_kind(d.pop("kind"))




        receipt_no = d.pop("receipt_no")

        received_on = isoparse(d.pop("received_on")).date()




        reversed_ = d.pop("reversed")

        unit_id = UUID(d.pop("unit_id"))




        value_vnd = d.pop("value_vnd")

        donor_gift_out = cls(
            amount_vnd=amount_vnd,
            blood_units=blood_units,
            campaign_id=campaign_id,
            id=id,
            kind=kind,
            receipt_no=receipt_no,
            received_on=received_on,
            reversed_=reversed_,
            unit_id=unit_id,
            value_vnd=value_vnd,
        )

        return donor_gift_out

