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
            blood_drawn (bool | None): A blood gift's: whether its blood was drawn (it still counts in the donor's
                interval); null for any other gift.
            donation_id (UUID):
            reason (str):
            reversal_id (UUID):
            reversed_on (datetime.date):
     """

    blood_drawn: bool | None
    donation_id: UUID
    reason: str
    reversal_id: UUID
    reversed_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        blood_drawn: bool | None
        blood_drawn = self.blood_drawn

        donation_id = str(self.donation_id)

        reason = self.reason

        reversal_id = str(self.reversal_id)

        reversed_on = self.reversed_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "blood_drawn": blood_drawn,
            "donation_id": donation_id,
            "reason": reason,
            "reversal_id": reversal_id,
            "reversed_on": reversed_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_blood_drawn(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        blood_drawn = _parse_blood_drawn(d.pop("blood_drawn"))


        donation_id = UUID(d.pop("donation_id"))




        reason = d.pop("reason")

        reversal_id = UUID(d.pop("reversal_id"))




        reversed_on = isoparse(d.pop("reversed_on")).date()




        donation_reversed_out = cls(
            blood_drawn=blood_drawn,
            donation_id=donation_id,
            reason=reason,
            reversal_id=reversal_id,
            reversed_on=reversed_on,
        )

        return donation_reversed_out

