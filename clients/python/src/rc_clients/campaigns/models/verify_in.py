from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="VerifyIn")



@_attrs_define
class VerifyIn:
    """ 
        Attributes:
            verified_by (str): Who verified (staff name or id).
            verified_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
     """

    verified_by: str
    verified_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        verified_by = self.verified_by

        verified_on = self.verified_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "verified_by": verified_by,
            "verified_on": verified_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        verified_by = d.pop("verified_by")

        verified_on = isoparse(d.pop("verified_on")).date()




        verify_in = cls(
            verified_by=verified_by,
            verified_on=verified_on,
        )

        return verify_in

