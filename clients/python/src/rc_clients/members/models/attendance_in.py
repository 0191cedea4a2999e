from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="AttendanceIn")



@_attrs_define
class AttendanceIn:
    """ 
        Attributes:
            attended (bool):
            passed (bool):
            person_id (UUID):
     """

    attended: bool
    passed: bool
    person_id: UUID





    def to_dict(self) -> dict[str, Any]:
        attended = self.attended

        passed = self.passed

        person_id = str(self.person_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "attended": attended,
            "passed": passed,
            "person_id": person_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attended = d.pop("attended")

        passed = d.pop("passed")

        person_id = UUID(d.pop("person_id"))




        attendance_in = cls(
            attended=attended,
            passed=passed,
            person_id=person_id,
        )

        return attendance_in

