from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.current_membership_out_fee_status_type_0 import check_current_membership_out_fee_status_type_0
from ..models.current_membership_out_fee_status_type_0 import CurrentMembershipOutFeeStatusType0
from ..models.current_membership_out_status import check_current_membership_out_status
from ..models.current_membership_out_status import CurrentMembershipOutStatus
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="CurrentMembershipOut")



@_attrs_define
class CurrentMembershipOut:
    """ 
        Attributes:
            fee_status (CurrentMembershipOutFeeStatusType0 | None): For the listing's fee_year; none recorded counts as
                unpaid for an open membership joined by then; null: not a member that year.
            id (UUID):
            joined_on (datetime.date):
            member_code (None | str):
            status (CurrentMembershipOutStatus):
            status_since (datetime.date):
            unit_code (str):
            unit_id (UUID):
            unit_name (str): The unit's name as staff know it now (its version in force today).
     """

    fee_status: CurrentMembershipOutFeeStatusType0 | None
    id: UUID
    joined_on: datetime.date
    member_code: None | str
    status: CurrentMembershipOutStatus
    status_since: datetime.date
    unit_code: str
    unit_id: UUID
    unit_name: str





    def to_dict(self) -> dict[str, Any]:
        fee_status: None | str
        if isinstance(self.fee_status, str):
            fee_status = self.fee_status
        else:
            fee_status = self.fee_status

        id = str(self.id)

        joined_on = self.joined_on.isoformat()

        member_code: None | str
        member_code = self.member_code

        status: str = self.status

        status_since = self.status_since.isoformat()

        unit_code = self.unit_code

        unit_id = str(self.unit_id)

        unit_name = self.unit_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "fee_status": fee_status,
            "id": id,
            "joined_on": joined_on,
            "member_code": member_code,
            "status": status,
            "status_since": status_since,
            "unit_code": unit_code,
            "unit_id": unit_id,
            "unit_name": unit_name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_fee_status(data: object) -> CurrentMembershipOutFeeStatusType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fee_status_type_0 = check_current_membership_out_fee_status_type_0(data)



                return fee_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CurrentMembershipOutFeeStatusType0 | None, data)

        fee_status = _parse_fee_status(d.pop("fee_status"))


        id = UUID(d.pop("id"))




        joined_on = isoparse(d.pop("joined_on")).date()




        def _parse_member_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        member_code = _parse_member_code(d.pop("member_code"))


        status = check_current_membership_out_status(d.pop("status"))




        status_since = isoparse(d.pop("status_since")).date()




        unit_code = d.pop("unit_code")

        unit_id = UUID(d.pop("unit_id"))




        unit_name = d.pop("unit_name")

        current_membership_out = cls(
            fee_status=fee_status,
            id=id,
            joined_on=joined_on,
            member_code=member_code,
            status=status,
            status_since=status_since,
            unit_code=unit_code,
            unit_id=unit_id,
            unit_name=unit_name,
        )

        return current_membership_out

