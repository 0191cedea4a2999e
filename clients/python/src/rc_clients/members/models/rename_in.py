from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="RenameIn")



@_attrs_define
class RenameIn:
    """ 
        Attributes:
            name (str):
            valid_from (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
     """

    name: str
    valid_from: datetime.date





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        valid_from = self.valid_from.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "valid_from": valid_from,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        valid_from = isoparse(d.pop("valid_from")).date()




        rename_in = cls(
            name=name,
            valid_from=valid_from,
        )

        return rename_in

