from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.status_in_status import check_status_in_status
from ..models.status_in_status import StatusInStatus
from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="StatusIn")



@_attrs_define
class StatusIn:
    """ 
        Attributes:
            effective_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            status (StatusInStatus):
     """

    effective_on: datetime.date
    status: StatusInStatus





    def to_dict(self) -> dict[str, Any]:
        effective_on = self.effective_on.isoformat()

        status: str = self.status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "effective_on": effective_on,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        effective_on = isoparse(d.pop("effective_on")).date()




        status = check_status_in_status(d.pop("status"))




        status_in = cls(
            effective_on=effective_on,
            status=status,
        )

        return status_in

