from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.public_contribution_out_kind import check_public_contribution_out_kind
from ..models.public_contribution_out_kind import PublicContributionOutKind
from dateutil.parser import isoparse
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.public_item_out import PublicItemOut





T = TypeVar("T", bound="PublicContributionOut")



@_attrs_define
class PublicContributionOut:
    """ 
        Attributes:
            amount_vnd (int):
            channel (str):
            donor (str): The donor's name with consent, else the anonymous label.
            items (list[PublicItemOut]):
            kind (PublicContributionOutKind):
            receipt_no (int):
            received_on (datetime.date):
            reversed_ (bool):
            value_vnd (int):
     """

    amount_vnd: int
    channel: str
    donor: str
    items: list[PublicItemOut]
    kind: PublicContributionOutKind
    receipt_no: int
    received_on: datetime.date
    reversed_: bool
    value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.public_item_out import PublicItemOut
        amount_vnd = self.amount_vnd

        channel = self.channel

        donor = self.donor

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        kind: str = self.kind

        receipt_no = self.receipt_no

        received_on = self.received_on.isoformat()

        reversed_ = self.reversed_

        value_vnd = self.value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "channel": channel,
            "donor": donor,
            "items": items,
            "kind": kind,
            "receipt_no": receipt_no,
            "received_on": received_on,
            "reversed": reversed_,
            "value_vnd": value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_item_out import PublicItemOut
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        channel = d.pop("channel")

        donor = d.pop("donor")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = PublicItemOut.from_dict(items_item_data)



            items.append(items_item)


        kind = check_public_contribution_out_kind(d.pop("kind"))




        receipt_no = d.pop("receipt_no")

        received_on = isoparse(d.pop("received_on")).date()




        reversed_ = d.pop("reversed")

        value_vnd = d.pop("value_vnd")

        public_contribution_out = cls(
            amount_vnd=amount_vnd,
            channel=channel,
            donor=donor,
            items=items,
            kind=kind,
            receipt_no=receipt_no,
            received_on=received_on,
            reversed_=reversed_,
            value_vnd=value_vnd,
        )

        return public_contribution_out

