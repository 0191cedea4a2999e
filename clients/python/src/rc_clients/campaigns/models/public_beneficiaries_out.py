from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.public_beneficiary_out import PublicBeneficiaryOut





T = TypeVar("T", bound="PublicBeneficiariesOut")



@_attrs_define
class PublicBeneficiariesOut:
    """ 
        Attributes:
            campaign_id (UUID):
            count (int): Items in this answer.
            items (list[PublicBeneficiaryOut]):
     """

    campaign_id: UUID
    count: int
    items: list[PublicBeneficiaryOut]





    def to_dict(self) -> dict[str, Any]:
        from ..models.public_beneficiary_out import PublicBeneficiaryOut
        campaign_id = str(self.campaign_id)

        count = self.count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_id": campaign_id,
            "count": count,
            "items": items,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_beneficiary_out import PublicBeneficiaryOut
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))




        count = d.pop("count")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = PublicBeneficiaryOut.from_dict(items_item_data)



            items.append(items_item)


        public_beneficiaries_out = cls(
            campaign_id=campaign_id,
            count=count,
            items=items,
        )

        return public_beneficiaries_out

