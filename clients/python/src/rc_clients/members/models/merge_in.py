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






T = TypeVar("T", bound="MergeIn")



@_attrs_define
class MergeIn:
    """ 
        Attributes:
            into_unit_id (UUID):
            valid_from (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
     """

    into_unit_id: UUID
    valid_from: datetime.date





    def to_dict(self) -> dict[str, Any]:
        into_unit_id = str(self.into_unit_id)

        valid_from = self.valid_from.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "into_unit_id": into_unit_id,
            "valid_from": valid_from,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        into_unit_id = UUID(d.pop("into_unit_id"))




        valid_from = isoparse(d.pop("valid_from")).date()




        merge_in = cls(
            into_unit_id=into_unit_id,
            valid_from=valid_from,
        )

        return merge_in

