from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.membership_in_fee_status import check_membership_in_fee_status
from ..models.membership_in_fee_status import MembershipInFeeStatus
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="MembershipIn")



@_attrs_define
class MembershipIn:
    """ 
        Attributes:
            joined_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            unit_id (UUID):
            fee_status (MembershipInFeeStatus | Unset):  Default: 'unpaid'.
            fee_year (int | None | Unset): Year of fee_status (default: joined_on's).
            member_code (None | str | Unset): The unit's card number.
     """

    joined_on: datetime.date
    unit_id: UUID
    fee_status: MembershipInFeeStatus | Unset = 'unpaid'
    fee_year: int | None | Unset = UNSET
    member_code: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        joined_on = self.joined_on.isoformat()

        unit_id = str(self.unit_id)

        fee_status: str | Unset = UNSET
        if not isinstance(self.fee_status, Unset):
            fee_status = self.fee_status


        fee_year: int | None | Unset
        if isinstance(self.fee_year, Unset):
            fee_year = UNSET
        else:
            fee_year = self.fee_year

        member_code: None | str | Unset
        if isinstance(self.member_code, Unset):
            member_code = UNSET
        else:
            member_code = self.member_code


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "joined_on": joined_on,
            "unit_id": unit_id,
        })
        if fee_status is not UNSET:
            field_dict["fee_status"] = fee_status
        if fee_year is not UNSET:
            field_dict["fee_year"] = fee_year
        if member_code is not UNSET:
            field_dict["member_code"] = member_code

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        joined_on = isoparse(d.pop("joined_on")).date()




        unit_id = UUID(d.pop("unit_id"))




        _fee_status = d.pop("fee_status", UNSET)
        fee_status: MembershipInFeeStatus | Unset
        if isinstance(_fee_status,  Unset):
            fee_status = UNSET
        else:
            fee_status = check_membership_in_fee_status(_fee_status)




        def _parse_fee_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fee_year = _parse_fee_year(d.pop("fee_year", UNSET))


        def _parse_member_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_code = _parse_member_code(d.pop("member_code", UNSET))


        membership_in = cls(
            joined_on=joined_on,
            unit_id=unit_id,
            fee_status=fee_status,
            fee_year=fee_year,
            member_code=member_code,
        )

        return membership_in

