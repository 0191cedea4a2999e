from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.campaign_summary_out import CampaignSummaryOut





T = TypeVar("T", bound="CampaignsPageOut")



@_attrs_define
class CampaignsPageOut:
    """ 
        Attributes:
            count (int): Items in this answer.
            items (list[CampaignSummaryOut]):
            limit (int): The page size asked for.
            offset (int): Items skipped before this page.
     """

    count: int
    items: list[CampaignSummaryOut]
    limit: int
    offset: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_summary_out import CampaignSummaryOut
        count = self.count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        limit = self.limit

        offset = self.offset


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "count": count,
            "items": items,
            "limit": limit,
            "offset": offset,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_summary_out import CampaignSummaryOut
        d = dict(src_dict)
        count = d.pop("count")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = CampaignSummaryOut.from_dict(items_item_data)



            items.append(items_item)


        limit = d.pop("limit")

        offset = d.pop("offset")

        campaigns_page_out = cls(
            count=count,
            items=items,
            limit=limit,
            offset=offset,
        )

        return campaigns_page_out

