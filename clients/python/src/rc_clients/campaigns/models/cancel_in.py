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






T = TypeVar("T", bound="CancelIn")



@_attrs_define
class CancelIn:
    """ 
        Attributes:
            cancelled_on (datetime.date | None | Unset): Default: today. Never ahead of today (a cancellation takes effect
                when it is recorded); a launched campaign's never before today either (contributions received up to today
                stand).
            reason (str | Unset):  Default: ''.
     """

    cancelled_on: datetime.date | None | Unset = UNSET
    reason: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        cancelled_on: None | str | Unset
        if isinstance(self.cancelled_on, Unset):
            cancelled_on = UNSET
        elif isinstance(self.cancelled_on, datetime.date):
            cancelled_on = self.cancelled_on.isoformat()
        else:
            cancelled_on = self.cancelled_on

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if cancelled_on is not UNSET:
            field_dict["cancelled_on"] = cancelled_on
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_cancelled_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_on_type_0 = isoparse(data).date()



                return cancelled_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        cancelled_on = _parse_cancelled_on(d.pop("cancelled_on", UNSET))


        reason = d.pop("reason", UNSET)

        cancel_in = cls(
            cancelled_on=cancelled_on,
            reason=reason,
        )

        return cancel_in

