from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="UnitRefOut")



@_attrs_define
class UnitRefOut:
    """ 
        Attributes:
            code (str):
            id (UUID):
            level (str):
            name (str):
     """

    code: str
    id: UUID
    level: str
    name: str





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        id = str(self.id)

        level = self.level

        name = self.name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "id": id,
            "level": level,
            "name": name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        id = UUID(d.pop("id"))




        level = d.pop("level")

        name = d.pop("name")

        unit_ref_out = cls(
            code=code,
            id=id,
            level=level,
            name=name,
        )

        return unit_ref_out

