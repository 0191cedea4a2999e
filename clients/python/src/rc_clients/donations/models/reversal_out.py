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






T = TypeVar("T", bound="ReversalOut")



@_attrs_define
class ReversalOut:
    """ 
        Attributes:
            id (UUID):
            reason (str): Why the movement was reversed. To a read-only role, as the reversal's event publishes it: a blood
                gift's withheld (health data), any other's with its phone, identity and account numbers masked.
            reversed_on (datetime.date):
     """

    id: UUID
    reason: str
    reversed_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        reason = self.reason

        reversed_on = self.reversed_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "id": id,
            "reason": reason,
            "reversed_on": reversed_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        reason = d.pop("reason")

        reversed_on = isoparse(d.pop("reversed_on")).date()




        reversal_out = cls(
            id=id,
            reason=reason,
            reversed_on=reversed_on,
        )

        return reversal_out

