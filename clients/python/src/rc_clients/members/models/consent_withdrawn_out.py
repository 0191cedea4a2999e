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






T = TypeVar("T", bound="ConsentWithdrawnOut")



@_attrs_define
class ConsentWithdrawnOut:
    """ 
        Attributes:
            id (UUID):
            withdrawn_on (datetime.date):
     """

    id: UUID
    withdrawn_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        withdrawn_on = self.withdrawn_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "id": id,
            "withdrawn_on": withdrawn_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        withdrawn_on = isoparse(d.pop("withdrawn_on")).date()




        consent_withdrawn_out = cls(
            id=id,
            withdrawn_on=withdrawn_on,
        )

        return consent_withdrawn_out

