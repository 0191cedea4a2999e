from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.course_in_kind import check_course_in_kind
from ..models.course_in_kind import CourseInKind
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="CourseIn")



@_attrs_define
class CourseIn:
    """ 
        Attributes:
            ends_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            starts_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            title (str):
            unit_id (UUID):
            kind (CourseInKind | Unset): What the course trains for (reviews count each apart). Default: 'other'.
     """

    ends_on: datetime.date
    starts_on: datetime.date
    title: str
    unit_id: UUID
    kind: CourseInKind | Unset = 'other'





    def to_dict(self) -> dict[str, Any]:
        ends_on = self.ends_on.isoformat()

        starts_on = self.starts_on.isoformat()

        title = self.title

        unit_id = str(self.unit_id)

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "ends_on": ends_on,
            "starts_on": starts_on,
            "title": title,
            "unit_id": unit_id,
        })
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ends_on = isoparse(d.pop("ends_on")).date()




        starts_on = isoparse(d.pop("starts_on")).date()




        title = d.pop("title")

        unit_id = UUID(d.pop("unit_id"))




        _kind = d.pop("kind", UNSET)
        kind: CourseInKind | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = check_course_in_kind(_kind)




        course_in = cls(
            ends_on=ends_on,
            starts_on=starts_on,
            title=title,
            unit_id=unit_id,
            kind=kind,
        )

        return course_in

