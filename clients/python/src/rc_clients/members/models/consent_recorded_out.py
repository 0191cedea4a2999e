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






T = TypeVar("T", bound="ConsentRecordedOut")



@_attrs_define
class ConsentRecordedOut:
    """ 
        Attributes:
            given_on (datetime.date):
            id (UUID):
            person_id (UUID):
            purpose (str):
     """

    given_on: datetime.date
    id: UUID
    person_id: UUID
    purpose: str





    def to_dict(self) -> dict[str, Any]:
        given_on = self.given_on.isoformat()

        id = str(self.id)

        person_id = str(self.person_id)

        purpose = self.purpose


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "given_on": given_on,
            "id": id,
            "person_id": person_id,
            "purpose": purpose,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given_on = isoparse(d.pop("given_on")).date()




        id = UUID(d.pop("id"))




        person_id = UUID(d.pop("person_id"))




        purpose = d.pop("purpose")

        consent_recorded_out = cls(
            given_on=given_on,
            id=id,
            person_id=person_id,
            purpose=purpose,
        )

        return consent_recorded_out

