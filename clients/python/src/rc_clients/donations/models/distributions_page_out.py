from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.distribution_out import DistributionOut





T = TypeVar("T", bound="DistributionsPageOut")



@_attrs_define
class DistributionsPageOut:
    """ 
        Attributes:
            count (int): Items in this answer.
            items (list[DistributionOut]):
            limit (int): The page size asked for.
            next_after (int | None): With after=: pass as after= for the next page (the last ledger line here), given when
                this page is full (the next may then be empty); null: a page shorter than limit, the last, or a page read by
                offset. Give after or offset, not both.
            offset (int): Items skipped before this page.
     """

    count: int
    items: list[DistributionOut]
    limit: int
    next_after: int | None
    offset: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.distribution_out import DistributionOut
        count = self.count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        limit = self.limit

        next_after: int | None
        next_after = self.next_after

        offset = self.offset


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "count": count,
            "items": items,
            "limit": limit,
            "next_after": next_after,
            "offset": offset,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.distribution_out import DistributionOut
        d = dict(src_dict)
        count = d.pop("count")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = DistributionOut.from_dict(items_item_data)



            items.append(items_item)


        limit = d.pop("limit")

        def _parse_next_after(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        next_after = _parse_next_after(d.pop("next_after"))


        offset = d.pop("offset")

        distributions_page_out = cls(
            count=count,
            items=items,
            limit=limit,
            next_after=next_after,
            offset=offset,
        )

        return distributions_page_out

