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






T = TypeVar("T", bound="DonationReversedOut")



@_attrs_define
class DonationReversedOut:
    """ 
        Attributes:
            donation_id (UUID):
            reason (str):
            reversal_id (UUID):
            reversed_on (datetime.date):
     """

    donation_id: UUID
    reason: str
    reversal_id: UUID
    reversed_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        donation_id = str(self.donation_id)

        reason = self.reason

        reversal_id = str(self.reversal_id)

        reversed_on = self.reversed_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "donation_id": donation_id,
            "reason": reason,
            "reversal_id": reversal_id,
            "reversed_on": reversed_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        donation_id = UUID(d.pop("donation_id"))




        reason = d.pop("reason")

        reversal_id = UUID(d.pop("reversal_id"))




        reversed_on = isoparse(d.pop("reversed_on")).date()




        donation_reversed_out = cls(
            donation_id=donation_id,
            reason=reason,
            reversal_id=reversal_id,
            reversed_on=reversed_on,
        )

        return donation_reversed_out

