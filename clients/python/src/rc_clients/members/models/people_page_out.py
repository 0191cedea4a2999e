from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.person_summary_out import PersonSummaryOut





T = TypeVar("T", bound="PeoplePageOut")



@_attrs_define
class PeoplePageOut:
    """ 
        Attributes:
            as_of (datetime.date): Today: the day scopes, roles and memberships are read for.
            count (int): Items in this answer.
            fee_year (int):
            items (list[PersonSummaryOut]):
            next_after (None | UUID): Pass as `after` for the next page; null: this is the last page.
            next_after_key (None | str | Unset): Pass as `after_key`, with `after`, for the next page: where this page ended
                in the listing's order (the last person's name, folded), so that a rename or an erasure before the next request
                skips nobody. Null with next_after.
     """

    as_of: datetime.date
    count: int
    fee_year: int
    items: list[PersonSummaryOut]
    next_after: None | UUID
    next_after_key: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.person_summary_out import PersonSummaryOut
        as_of = self.as_of.isoformat()

        count = self.count

        fee_year = self.fee_year

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        next_after: None | str
        if isinstance(self.next_after, UUID):
            next_after = str(self.next_after)
        else:
            next_after = self.next_after

        next_after_key: None | str | Unset
        if isinstance(self.next_after_key, Unset):
            next_after_key = UNSET
        else:
            next_after_key = self.next_after_key


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "count": count,
            "fee_year": fee_year,
            "items": items,
            "next_after": next_after,
        })
        if next_after_key is not UNSET:
            field_dict["next_after_key"] = next_after_key

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.person_summary_out import PersonSummaryOut
        d = dict(src_dict)
        as_of = isoparse(d.pop("as_of")).date()




        count = d.pop("count")

        fee_year = d.pop("fee_year")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = PersonSummaryOut.from_dict(items_item_data)



            items.append(items_item)


        def _parse_next_after(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_after_type_0 = UUID(data)



                return next_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        next_after = _parse_next_after(d.pop("next_after"))


        def _parse_next_after_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_after_key = _parse_next_after_key(d.pop("next_after_key", UNSET))


        people_page_out = cls(
            as_of=as_of,
            count=count,
            fee_year=fee_year,
            items=items,
            next_after=next_after,
            next_after_key=next_after_key,
        )

        return people_page_out

