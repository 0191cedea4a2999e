from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.course_taken_out_kind import check_course_taken_out_kind
from ..models.course_taken_out_kind import CourseTakenOutKind
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="CourseTakenOut")



@_attrs_define
class CourseTakenOut:
    """ 
        Attributes:
            attended (bool):
            course_id (UUID):
            ends_on (datetime.date):
            kind (CourseTakenOutKind):
            passed (bool):
            starts_on (datetime.date):
            title (str):
            unit_code (str):
            unit_id (UUID):
            unit_name (str): The unit's name as staff know it now (its version in force today).
     """

    attended: bool
    course_id: UUID
    ends_on: datetime.date
    kind: CourseTakenOutKind
    passed: bool
    starts_on: datetime.date
    title: str
    unit_code: str
    unit_id: UUID
    unit_name: str





    def to_dict(self) -> dict[str, Any]:
        attended = self.attended

        course_id = str(self.course_id)

        ends_on = self.ends_on.isoformat()

        kind: str = self.kind

        passed = self.passed

        starts_on = self.starts_on.isoformat()

        title = self.title

        unit_code = self.unit_code

        unit_id = str(self.unit_id)

        unit_name = self.unit_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attended": attended,
            "course_id": course_id,
            "ends_on": ends_on,
            "kind": kind,
            "passed": passed,
            "starts_on": starts_on,
            "title": title,
            "unit_code": unit_code,
            "unit_id": unit_id,
            "unit_name": unit_name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attended = d.pop("attended")

        course_id = UUID(d.pop("course_id"))




        ends_on = isoparse(d.pop("ends_on")).date()




        kind = check_course_taken_out_kind(d.pop("kind"))




        passed = d.pop("passed")

        starts_on = isoparse(d.pop("starts_on")).date()




        title = d.pop("title")

        unit_code = d.pop("unit_code")

        unit_id = UUID(d.pop("unit_id"))




        unit_name = d.pop("unit_name")

        course_taken_out = cls(
            attended=attended,
            course_id=course_id,
            ends_on=ends_on,
            kind=kind,
            passed=passed,
            starts_on=starts_on,
            title=title,
            unit_code=unit_code,
            unit_id=unit_id,
            unit_name=unit_name,
        )

        return course_taken_out

