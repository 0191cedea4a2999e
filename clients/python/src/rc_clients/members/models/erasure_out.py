from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="ErasureOut")



@_attrs_define
class ErasureOut:
    """ 
        Attributes:
            erased (bool):
            erased_now (bool): False: the person was already erased.
            id (UUID):
     """

    erased: bool
    erased_now: bool
    id: UUID





    def to_dict(self) -> dict[str, Any]:
        erased = self.erased

        erased_now = self.erased_now

        id = str(self.id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "erased": erased,
            "erased_now": erased_now,
            "id": id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        erased = d.pop("erased")

        erased_now = d.pop("erased_now")

        id = UUID(d.pop("id"))




        erasure_out = cls(
            erased=erased,
            erased_now=erased_now,
            id=id,
        )

        return erasure_out

