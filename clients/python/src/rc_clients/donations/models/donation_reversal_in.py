from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="DonationReversalIn")



@_attrs_define
class DonationReversalIn:
    """ 
        Attributes:
            reason (str):
            blood_drawn (bool | None | Unset): Required for a blood gift's reversal (a 422 naming it when missing), refused
                for any other gift's: true when the unit was drawn from the donor and then discarded (after testing, spoiled):
                the donor gave it, so it still counts in their interval between donations (84 days after whole blood) and the
                age checks; false when this record was made in error (the wrong donor, units, kind or day; entered twice), so
                that the gift recorded again in its place is not refused by it.
     """

    reason: str
    blood_drawn: bool | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        blood_drawn: bool | None | Unset
        if isinstance(self.blood_drawn, Unset):
            blood_drawn = UNSET
        else:
            blood_drawn = self.blood_drawn


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "reason": reason,
        })
        if blood_drawn is not UNSET:
            field_dict["blood_drawn"] = blood_drawn

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_blood_drawn(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        blood_drawn = _parse_blood_drawn(d.pop("blood_drawn", UNSET))


        donation_reversal_in = cls(
            reason=reason,
            blood_drawn=blood_drawn,
        )

        return donation_reversal_in

