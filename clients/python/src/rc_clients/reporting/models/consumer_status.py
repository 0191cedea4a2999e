from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.consumer_status_rows import ConsumerStatusRows





T = TypeVar("T", bound="ConsumerStatus")



@_attrs_define
class ConsumerStatus:
    """ 
        Attributes:
            consumer (str):
            events_applied (int):
            events_dead_lettered (int):
            events_processed (int): Distinct events handled (applied + dead-lettered).
            last_processed_at (datetime.datetime | None):
            rows (ConsumerStatusRows): Rows per projection table of this consumer.
     """

    consumer: str
    events_applied: int
    events_dead_lettered: int
    events_processed: int
    last_processed_at: datetime.datetime | None
    rows: ConsumerStatusRows





    def to_dict(self) -> dict[str, Any]:
        from ..models.consumer_status_rows import ConsumerStatusRows
        consumer = self.consumer

        events_applied = self.events_applied

        events_dead_lettered = self.events_dead_lettered

        events_processed = self.events_processed

        last_processed_at: None | str
        if isinstance(self.last_processed_at, datetime.datetime):
            last_processed_at = self.last_processed_at.isoformat()
        else:
            last_processed_at = self.last_processed_at

        rows = self.rows.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "consumer": consumer,
            "events_applied": events_applied,
            "events_dead_lettered": events_dead_lettered,
            "events_processed": events_processed,
            "last_processed_at": last_processed_at,
            "rows": rows,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consumer_status_rows import ConsumerStatusRows
        d = dict(src_dict)
        consumer = d.pop("consumer")

        events_applied = d.pop("events_applied")

        events_dead_lettered = d.pop("events_dead_lettered")

        events_processed = d.pop("events_processed")

        def _parse_last_processed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_processed_at_type_0 = isoparse(data)



                return last_processed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_processed_at = _parse_last_processed_at(d.pop("last_processed_at"))


        rows = ConsumerStatusRows.from_dict(d.pop("rows"))




        consumer_status = cls(
            consumer=consumer,
            events_applied=events_applied,
            events_dead_lettered=events_dead_lettered,
            events_processed=events_processed,
            last_processed_at=last_processed_at,
            rows=rows,
        )

        return consumer_status

