from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TargetProgress")



@_attrs_define
class TargetProgress:
    """ 
        Attributes:
            percent (float | None): value / target in percent, one decimal; null when untracked.
            target (int | None): Null when the target is not tracked.
            value (int):
     """

    percent: float | None
    target: int | None
    value: int





    def to_dict(self) -> dict[str, Any]:
        percent: float | None
        percent = self.percent

        target: int | None
        target = self.target

        value = self.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "percent": percent,
            "target": target,
            "value": value,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_percent(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        percent = _parse_percent(d.pop("percent"))


        def _parse_target(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        target = _parse_target(d.pop("target"))


        value = d.pop("value")

        target_progress = cls(
            percent=percent,
            target=target,
            value=value,
        )

        return target_progress

