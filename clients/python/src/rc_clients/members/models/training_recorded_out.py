from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.training_recorded_out_kind import check_training_recorded_out_kind
from ..models.training_recorded_out_kind import TrainingRecordedOutKind
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="TrainingRecordedOut")



@_attrs_define
class TrainingRecordedOut:
    """ 
        Attributes:
            completed_on (datetime.date):
            hours (float):
            id (UUID):
            kind (TrainingRecordedOutKind):
            person_id (UUID):
     """

    completed_on: datetime.date
    hours: float
    id: UUID
    kind: TrainingRecordedOutKind
    person_id: UUID





    def to_dict(self) -> dict[str, Any]:
        completed_on = self.completed_on.isoformat()

        hours = self.hours

        id = str(self.id)

        kind: str = self.kind

        person_id = str(self.person_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "completed_on": completed_on,
            "hours": hours,
            "id": id,
            "kind": kind,
            "person_id": person_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completed_on = isoparse(d.pop("completed_on")).date()




        hours = d.pop("hours")

        id = UUID(d.pop("id"))




        kind = check_training_recorded_out_kind(d.pop("kind"))




        person_id = UUID(d.pop("person_id"))




        training_recorded_out = cls(
            completed_on=completed_on,
            hours=hours,
            id=id,
            kind=kind,
            person_id=person_id,
        )

        return training_recorded_out

