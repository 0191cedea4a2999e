from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="DistributionReversalIn")



@_attrs_define
class DistributionReversalIn:
    """ 
        Attributes:
            reason (str):
            reversed_on (datetime.date | None | Unset): The day the correction takes effect, from the distribution's day to
                today (default: today). The distribution's own day when it was recorded in error (the wrong household, the wrong
                amount): the one recorded in its place, on the day it was really made, is then not refused for the balance the
                wrong record held until today. The reversal's own record keeps when it was made.
     """

    reason: str
    reversed_on: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        reversed_on: None | str | Unset
        if isinstance(self.reversed_on, Unset):
            reversed_on = UNSET
        elif isinstance(self.reversed_on, datetime.date):
            reversed_on = self.reversed_on.isoformat()
        else:
            reversed_on = self.reversed_on


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "reason": reason,
        })
        if reversed_on is not UNSET:
            field_dict["reversed_on"] = reversed_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_reversed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reversed_on_type_0 = isoparse(data).date()



                return reversed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        reversed_on = _parse_reversed_on(d.pop("reversed_on", UNSET))


        distribution_reversal_in = cls(
            reason=reason,
            reversed_on=reversed_on,
        )

        return distribution_reversal_in

