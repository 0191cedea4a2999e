from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PublicTargetOut")



@_attrs_define
class PublicTargetOut:
    """ 
        Attributes:
            percent (int): Progress in whole percent, truncated (99.6: 99), over 100 when exceeded.
            reached_value (int):
            target (str):
            target_value (int):
     """

    percent: int
    reached_value: int
    target: str
    target_value: int





    def to_dict(self) -> dict[str, Any]:
        percent = self.percent

        reached_value = self.reached_value

        target = self.target

        target_value = self.target_value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "percent": percent,
            "reached_value": reached_value,
            "target": target,
            "target_value": target_value,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        percent = d.pop("percent")

        reached_value = d.pop("reached_value")

        target = d.pop("target")

        target_value = d.pop("target_value")

        public_target_out = cls(
            percent=percent,
            reached_value=reached_value,
            target=target,
            target_value=target_value,
        )

        return public_target_out

