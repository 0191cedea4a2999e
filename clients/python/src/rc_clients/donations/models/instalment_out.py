from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.instalment_out_status import check_instalment_out_status
from ..models.instalment_out_status import InstalmentOutStatus
from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="InstalmentOut")



@_attrs_define
class InstalmentOut:
    """ 
        Attributes:
            amount_vnd (int):
            due_on (datetime.date):
            number (int):
            paid_vnd (int):
            status (InstalmentOutStatus):
     """

    amount_vnd: int
    due_on: datetime.date
    number: int
    paid_vnd: int
    status: InstalmentOutStatus





    def to_dict(self) -> dict[str, Any]:
        amount_vnd = self.amount_vnd

        due_on = self.due_on.isoformat()

        number = self.number

        paid_vnd = self.paid_vnd

        status: str = self.status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "due_on": due_on,
            "number": number,
            "paid_vnd": paid_vnd,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        due_on = isoparse(d.pop("due_on")).date()




        number = d.pop("number")

        paid_vnd = d.pop("paid_vnd")

        status = check_instalment_out_status(d.pop("status"))




        instalment_out = cls(
            amount_vnd=amount_vnd,
            due_on=due_on,
            number=number,
            paid_vnd=paid_vnd,
            status=status,
        )

        return instalment_out

