from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="TargetReached")



@_attrs_define
class TargetReached:
    """ 
        Attributes:
            reached_at (datetime.datetime):
            target (str):
     """

    reached_at: datetime.datetime
    target: str





    def to_dict(self) -> dict[str, Any]:
        reached_at = self.reached_at.isoformat()

        target = self.target


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "reached_at": reached_at,
            "target": target,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reached_at = isoparse(d.pop("reached_at"))




        target = d.pop("target")

        target_reached = cls(
            reached_at=reached_at,
            target=target,
        )

        return target_reached

