from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.membership_period_out_status import check_membership_period_out_status
from ..models.membership_period_out_status import MembershipPeriodOutStatus
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="MembershipPeriodOut")



@_attrs_define
class MembershipPeriodOut:
    """ 
        Attributes:
            status (MembershipPeriodOutStatus):
            unit_code (str):
            unit_id (UUID):
            unit_name (str): The unit's name as staff know it now (its version in force today).
            valid_from (datetime.date):
            valid_to (datetime.date | None): The day the next period began (exclusive); null: the current one.
     """

    status: MembershipPeriodOutStatus
    unit_code: str
    unit_id: UUID
    unit_name: str
    valid_from: datetime.date
    valid_to: datetime.date | None





    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        unit_code = self.unit_code

        unit_id = str(self.unit_id)

        unit_name = self.unit_name

        valid_from = self.valid_from.isoformat()

        valid_to: None | str
        if isinstance(self.valid_to, datetime.date):
            valid_to = self.valid_to.isoformat()
        else:
            valid_to = self.valid_to


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "status": status,
            "unit_code": unit_code,
            "unit_id": unit_id,
            "unit_name": unit_name,
            "valid_from": valid_from,
            "valid_to": valid_to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = check_membership_period_out_status(d.pop("status"))




        unit_code = d.pop("unit_code")

        unit_id = UUID(d.pop("unit_id"))




        unit_name = d.pop("unit_name")

        valid_from = isoparse(d.pop("valid_from")).date()




        def _parse_valid_to(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_to_type_0 = isoparse(data).date()



                return valid_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        valid_to = _parse_valid_to(d.pop("valid_to"))


        membership_period_out = cls(
            status=status,
            unit_code=unit_code,
            unit_id=unit_id,
            unit_name=unit_name,
            valid_from=valid_from,
            valid_to=valid_to,
        )

        return membership_period_out

