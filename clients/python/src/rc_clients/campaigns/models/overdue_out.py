from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.overdue_out_action import check_overdue_out_action
from ..models.overdue_out_action import OverdueOutAction
from ..models.overdue_out_reason import check_overdue_out_reason
from ..models.overdue_out_reason import OverdueOutReason
from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="OverdueOut")



@_attrs_define
class OverdueOut:
    """ 
        Attributes:
            action (OverdueOutAction): What to do: close (receiving ended) or settle (deadline passed).
            due_on (datetime.date):
            reason (OverdueOutReason):
     """

    action: OverdueOutAction
    due_on: datetime.date
    reason: OverdueOutReason





    def to_dict(self) -> dict[str, Any]:
        action: str = self.action

        due_on = self.due_on.isoformat()

        reason: str = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action": action,
            "due_on": due_on,
            "reason": reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = check_overdue_out_action(d.pop("action"))




        due_on = isoparse(d.pop("due_on")).date()




        reason = check_overdue_out_reason(d.pop("reason"))




        overdue_out = cls(
            action=action,
            due_on=due_on,
            reason=reason,
        )

        return overdue_out

