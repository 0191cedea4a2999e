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
  from ..models.ledger_line_out import LedgerLineOut





T = TypeVar("T", bound="LedgerLinesOut")



@_attrs_define
class LedgerLinesOut:
    """ 
        Attributes:
            as_of (datetime.datetime | None): When the newest line was written (None: no movement yet).
            campaign_id (UUID):
            count (int): Lines in this answer.
            items (list[LedgerLineOut]):
            last_line_no (int): Number of the newest line of the campaign (all lines, unfiltered).
            next_after (int | None): Pass as after= for the next (older) page; None: this is the last. A search for a common
                name fragment or reference end reads a bounded run of lines per page: its page may hold fewer lines than limit,
                none even, and still have a next_after.
     """

    as_of: datetime.datetime | None
    campaign_id: UUID
    count: int
    items: list[LedgerLineOut]
    last_line_no: int
    next_after: int | None





    def to_dict(self) -> dict[str, Any]:
        from ..models.ledger_line_out import LedgerLineOut
        as_of: None | str
        if isinstance(self.as_of, datetime.datetime):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        campaign_id = str(self.campaign_id)

        count = self.count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        last_line_no = self.last_line_no

        next_after: int | None
        next_after = self.next_after


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "campaign_id": campaign_id,
            "count": count,
            "items": items,
            "last_line_no": last_line_no,
            "next_after": next_after,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ledger_line_out import LedgerLineOut
        d = dict(src_dict)
        def _parse_as_of(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = isoparse(data)



                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        as_of = _parse_as_of(d.pop("as_of"))


        campaign_id = UUID(d.pop("campaign_id"))




        count = d.pop("count")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = LedgerLineOut.from_dict(items_item_data)



            items.append(items_item)


        last_line_no = d.pop("last_line_no")

        def _parse_next_after(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        next_after = _parse_next_after(d.pop("next_after"))


        ledger_lines_out = cls(
            as_of=as_of,
            campaign_id=campaign_id,
            count=count,
            items=items,
            last_line_no=last_line_no,
            next_after=next_after,
        )

        return ledger_lines_out

