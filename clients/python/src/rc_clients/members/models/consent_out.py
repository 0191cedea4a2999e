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






T = TypeVar("T", bound="ConsentOut")



@_attrs_define
class ConsentOut:
    """ 
        Attributes:
            given_on (datetime.date):
            id (UUID):
            purpose (str):
            withdrawn_on (datetime.date | None):
     """

    given_on: datetime.date
    id: UUID
    purpose: str
    withdrawn_on: datetime.date | None





    def to_dict(self) -> dict[str, Any]:
        given_on = self.given_on.isoformat()

        id = str(self.id)

        purpose = self.purpose

        withdrawn_on: None | str
        if isinstance(self.withdrawn_on, datetime.date):
            withdrawn_on = self.withdrawn_on.isoformat()
        else:
            withdrawn_on = self.withdrawn_on


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "given_on": given_on,
            "id": id,
            "purpose": purpose,
            "withdrawn_on": withdrawn_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given_on = isoparse(d.pop("given_on")).date()




        id = UUID(d.pop("id"))




        purpose = d.pop("purpose")

        def _parse_withdrawn_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                withdrawn_on_type_0 = isoparse(data).date()



                return withdrawn_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        withdrawn_on = _parse_withdrawn_on(d.pop("withdrawn_on"))


        consent_out = cls(
            given_on=given_on,
            id=id,
            purpose=purpose,
            withdrawn_on=withdrawn_on,
        )

        return consent_out

