from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.blood_eligibility_out_kind import BloodEligibilityOutKind
from ..models.blood_eligibility_out_kind import check_blood_eligibility_out_kind
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="BloodEligibilityOut")



@_attrs_define
class BloodEligibilityOut:
    """ 
        Attributes:
            donations (int): Blood donations on record.
            donor_id (UUID):
            eligible (bool):
            kind (BloodEligibilityOutKind):
            later_donation_on (datetime.date | None): When a later donation refuses the day (a gift on it would fall within
                that donation's interval): its day; else null.
            next_eligible_on (datetime.date | None): When the donor's earlier donations refuse the day: the first day after
                them they may give; else null.
            on (datetime.date):
            reason (None | str): Why not, when not eligible.
     """

    donations: int
    donor_id: UUID
    eligible: bool
    kind: BloodEligibilityOutKind
    later_donation_on: datetime.date | None
    next_eligible_on: datetime.date | None
    on: datetime.date
    reason: None | str





    def to_dict(self) -> dict[str, Any]:
        donations = self.donations

        donor_id = str(self.donor_id)

        eligible = self.eligible

        kind: str = self.kind

        later_donation_on: None | str
        if isinstance(self.later_donation_on, datetime.date):
            later_donation_on = self.later_donation_on.isoformat()
        else:
            later_donation_on = self.later_donation_on

        next_eligible_on: None | str
        if isinstance(self.next_eligible_on, datetime.date):
            next_eligible_on = self.next_eligible_on.isoformat()
        else:
            next_eligible_on = self.next_eligible_on

        on = self.on.isoformat()

        reason: None | str
        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "donations": donations,
            "donor_id": donor_id,
            "eligible": eligible,
            "kind": kind,
            "later_donation_on": later_donation_on,
            "next_eligible_on": next_eligible_on,
            "on": on,
            "reason": reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        donations = d.pop("donations")

        donor_id = UUID(d.pop("donor_id"))




        eligible = d.pop("eligible")

        kind = check_blood_eligibility_out_kind(d.pop("kind"))




        def _parse_later_donation_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                later_donation_on_type_0 = isoparse(data).date()



                return later_donation_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        later_donation_on = _parse_later_donation_on(d.pop("later_donation_on"))


        def _parse_next_eligible_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_eligible_on_type_0 = isoparse(data).date()



                return next_eligible_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        next_eligible_on = _parse_next_eligible_on(d.pop("next_eligible_on"))


        on = isoparse(d.pop("on")).date()




        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        blood_eligibility_out = cls(
            donations=donations,
            donor_id=donor_id,
            eligible=eligible,
            kind=kind,
            later_donation_on=later_donation_on,
            next_eligible_on=next_eligible_on,
            on=on,
            reason=reason,
        )

        return blood_eligibility_out

