from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
            offset (int): Items skipped before this page.
            next_after (int | None | Unset): With after=: pass as after= for the next page (the last ledger line here),
                given when this page is full (the next may then be empty); null: a page shorter than limit, the last, or a page
                read by offset. Give after or offset, not both.
     """

    count: int
    items: list[DistributionOut]
    limit: int
    offset: int
    next_after: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.distribution_out import DistributionOut
        count = self.count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        limit = self.limit

        offset = self.offset

        next_after: int | None | Unset
        if isinstance(self.next_after, Unset):
            next_after = UNSET
        else:
            next_after = self.next_after


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "count": count,
            "items": items,
            "limit": limit,
            "offset": offset,
        })
        if next_after is not UNSET:
            field_dict["next_after"] = next_after

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

        offset = d.pop("offset")

        def _parse_next_after(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        next_after = _parse_next_after(d.pop("next_after", UNSET))


        distributions_page_out = cls(
            count=count,
            items=items,
            limit=limit,
            offset=offset,
            next_after=next_after,
        )

        return distributions_page_out

