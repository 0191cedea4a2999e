from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="DeathIn")



@_attrs_define
class DeathIn:
    """ 
        Attributes:
            deceased_on (datetime.date): The day of death (not in the future).
     """

    deceased_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        deceased_on = self.deceased_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "deceased_on": deceased_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deceased_on = isoparse(d.pop("deceased_on")).date()




        death_in = cls(
            deceased_on=deceased_on,
        )

        return death_in

