from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="TargetProgressOut")



@_attrs_define
class TargetProgressOut:
    """ 
        Attributes:
            percent (float | None): raised / target in percent, one decimal; null: not tracked.
            raised (int):
            target (int | None): Null: not tracked.
            target_reached_at (datetime.datetime | None):
     """

    percent: float | None
    raised: int
    target: int | None
    target_reached_at: datetime.datetime | None





    def to_dict(self) -> dict[str, Any]:
        percent: float | None
        percent = self.percent

        raised = self.raised

        target: int | None
        target = self.target

        target_reached_at: None | str
        if isinstance(self.target_reached_at, datetime.datetime):
            target_reached_at = self.target_reached_at.isoformat()
        else:
            target_reached_at = self.target_reached_at


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "percent": percent,
            "raised": raised,
            "target": target,
            "target_reached_at": target_reached_at,
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


        raised = d.pop("raised")

        def _parse_target(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        target = _parse_target(d.pop("target"))


        def _parse_target_reached_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                target_reached_at_type_0 = isoparse(data)



                return target_reached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        target_reached_at = _parse_target_reached_at(d.pop("target_reached_at"))


        target_progress_out = cls(
            percent=percent,
            raised=raised,
            target=target,
            target_reached_at=target_reached_at,
        )

        return target_progress_out

