from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.course_out_kind import check_course_out_kind
from ..models.course_out_kind import CourseOutKind
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.attendance_out import AttendanceOut





T = TypeVar("T", bound="CourseOut")



@_attrs_define
class CourseOut:
    """ 
        Attributes:
            attendance (list[AttendanceOut]):
            ends_on (datetime.date):
            id (UUID):
            kind (CourseOutKind):
            starts_on (datetime.date):
            title (str):
            unit_id (UUID):
     """

    attendance: list[AttendanceOut]
    ends_on: datetime.date
    id: UUID
    kind: CourseOutKind
    starts_on: datetime.date
    title: str
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        from ..models.attendance_out import AttendanceOut
        attendance = []
        for attendance_item_data in self.attendance:
            attendance_item = attendance_item_data.to_dict()
            attendance.append(attendance_item)



        ends_on = self.ends_on.isoformat()

        id = str(self.id)

        kind: str = self.kind

        starts_on = self.starts_on.isoformat()

        title = self.title

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attendance": attendance,
            "ends_on": ends_on,
            "id": id,
            "kind": kind,
            "starts_on": starts_on,
            "title": title,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attendance_out import AttendanceOut
        d = dict(src_dict)
        attendance = []
        _attendance = d.pop("attendance")
        for attendance_item_data in (_attendance):
            attendance_item = AttendanceOut.from_dict(attendance_item_data)



            attendance.append(attendance_item)


        ends_on = isoparse(d.pop("ends_on")).date()




        id = UUID(d.pop("id"))




        kind = check_course_out_kind(d.pop("kind"))




        starts_on = isoparse(d.pop("starts_on")).date()




        title = d.pop("title")

        unit_id = UUID(d.pop("unit_id"))




        course_out = cls(
            attendance=attendance,
            ends_on=ends_on,
            id=id,
            kind=kind,
            starts_on=starts_on,
            title=title,
            unit_id=unit_id,
        )

        return course_out

