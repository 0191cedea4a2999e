from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.membership_out_status import check_membership_out_status
from ..models.membership_out_status import MembershipOutStatus
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.membership_out_fees import MembershipOutFees
  from ..models.membership_period_out import MembershipPeriodOut





T = TypeVar("T", bound="MembershipOut")



@_attrs_define
class MembershipOut:
    """ 
        Attributes:
            fees (MembershipOutFees): Fee status per year.
            id (UUID):
            joined_on (datetime.date):
            member_code (None | str):
            status (MembershipOutStatus):
            status_since (datetime.date):
            unit_code (str):
            unit_id (UUID):
            unit_name (str): The unit's name as staff know it now (its version in force today).
            history (list[MembershipPeriodOut] | Unset): The membership's units and statuses over time, oldest first: a
                transfer or a change of status closes one period and opens the next (the unit a member was in before a
                transfer).
     """

    fees: MembershipOutFees
    id: UUID
    joined_on: datetime.date
    member_code: None | str
    status: MembershipOutStatus
    status_since: datetime.date
    unit_code: str
    unit_id: UUID
    unit_name: str
    history: list[MembershipPeriodOut] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.membership_out_fees import MembershipOutFees
        from ..models.membership_period_out import MembershipPeriodOut
        fees = self.fees.to_dict()

        id = str(self.id)

        joined_on = self.joined_on.isoformat()

        member_code: None | str
        member_code = self.member_code

        status: str = self.status

        status_since = self.status_since.isoformat()

        unit_code = self.unit_code

        unit_id = str(self.unit_id)

        unit_name = self.unit_name

        history: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.history, Unset):
            history = []
            for history_item_data in self.history:
                history_item = history_item_data.to_dict()
                history.append(history_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "fees": fees,
            "id": id,
            "joined_on": joined_on,
            "member_code": member_code,
            "status": status,
            "status_since": status_since,
            "unit_code": unit_code,
            "unit_id": unit_id,
            "unit_name": unit_name,
        })
        if history is not UNSET:
            field_dict["history"] = history

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.membership_out_fees import MembershipOutFees
        from ..models.membership_period_out import MembershipPeriodOut
        d = dict(src_dict)
        fees = MembershipOutFees.from_dict(d.pop("fees"))




        id = UUID(d.pop("id"))




        joined_on = isoparse(d.pop("joined_on")).date()




        def _parse_member_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        member_code = _parse_member_code(d.pop("member_code"))


        status = check_membership_out_status(d.pop("status"))




        status_since = isoparse(d.pop("status_since")).date()




        unit_code = d.pop("unit_code")

        unit_id = UUID(d.pop("unit_id"))




        unit_name = d.pop("unit_name")

        _history = d.pop("history", UNSET)
        history: list[MembershipPeriodOut] | Unset = UNSET
        if _history is not UNSET:
            history = []
            for history_item_data in _history:
                history_item = MembershipPeriodOut.from_dict(history_item_data)



                history.append(history_item)


        membership_out = cls(
            fees=fees,
            id=id,
            joined_on=joined_on,
            member_code=member_code,
            status=status,
            status_since=status_since,
            unit_code=unit_code,
            unit_id=unit_id,
            unit_name=unit_name,
            history=history,
        )

        return membership_out

