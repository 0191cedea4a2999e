from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="RegistrationOut")



@_attrs_define
class RegistrationOut:
    """ 
        Attributes:
            donor_id (UUID): The opaque donor id the donor_ref stands for.
            id (UUID):
            session_id (UUID):
     """

    donor_id: UUID
    id: UUID
    session_id: UUID





    def to_dict(self) -> dict[str, Any]:
        donor_id = str(self.donor_id)

        id = str(self.id)

        session_id = str(self.session_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "donor_id": donor_id,
            "id": id,
            "session_id": session_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        donor_id = UUID(d.pop("donor_id"))




        id = UUID(d.pop("id"))




        session_id = UUID(d.pop("session_id"))




        registration_out = cls(
            donor_id=donor_id,
            id=id,
            session_id=session_id,
        )

        return registration_out

