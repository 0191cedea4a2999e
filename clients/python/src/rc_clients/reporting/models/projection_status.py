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
  from ..models.projection_status_consumers import ProjectionStatusConsumers
  from ..models.projection_status_rows import ProjectionStatusRows





T = TypeVar("T", bound="ProjectionStatus")



@_attrs_define
class ProjectionStatus:
    """ The top-level fields are the membership consumer's (reporting.members).

        Attributes:
            consumer (str):
            consumers (ProjectionStatusConsumers): Every consumer of the service: reporting.members and reporting.campaigns.
            events_applied (int):
            events_dead_lettered (int):
            events_processed (int): Distinct events handled (applied + dead-lettered).
            last_processed_at (datetime.datetime | None):
            rows (ProjectionStatusRows): Rows per projection table of this consumer.
     """

    consumer: str
    consumers: ProjectionStatusConsumers
    events_applied: int
    events_dead_lettered: int
    events_processed: int
    last_processed_at: datetime.datetime | None
    rows: ProjectionStatusRows





    def to_dict(self) -> dict[str, Any]:
        from ..models.projection_status_consumers import ProjectionStatusConsumers
        from ..models.projection_status_rows import ProjectionStatusRows
        consumer = self.consumer

        consumers = self.consumers.to_dict()

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
            "consumers": consumers,
            "events_applied": events_applied,
            "events_dead_lettered": events_dead_lettered,
            "events_processed": events_processed,
            "last_processed_at": last_processed_at,
            "rows": rows,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.projection_status_consumers import ProjectionStatusConsumers
        from ..models.projection_status_rows import ProjectionStatusRows
        d = dict(src_dict)
        consumer = d.pop("consumer")

        consumers = ProjectionStatusConsumers.from_dict(d.pop("consumers"))




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


        rows = ProjectionStatusRows.from_dict(d.pop("rows"))




        projection_status = cls(
            consumer=consumer,
            consumers=consumers,
            events_applied=events_applied,
            events_dead_lettered=events_dead_lettered,
            events_processed=events_processed,
            last_processed_at=last_processed_at,
            rows=rows,
        )

        return projection_status

