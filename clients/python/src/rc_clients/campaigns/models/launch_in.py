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






T = TypeVar("T", bound="LaunchIn")



@_attrs_define
class LaunchIn:
    """ 
        Attributes:
            launched_on (datetime.date | None | Unset): The call's date (default: today). Not after the receiving period
                ends; a call before the period starts counts toward its length (Decree 93/2021: at most 90 days from the call,
                configurable).
     """

    launched_on: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        launched_on: None | str | Unset
        if isinstance(self.launched_on, Unset):
            launched_on = UNSET
        elif isinstance(self.launched_on, datetime.date):
            launched_on = self.launched_on.isoformat()
        else:
            launched_on = self.launched_on


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if launched_on is not UNSET:
            field_dict["launched_on"] = launched_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_launched_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                launched_on_type_0 = isoparse(data).date()



                return launched_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        launched_on = _parse_launched_on(d.pop("launched_on", UNSET))


        launch_in = cls(
            launched_on=launched_on,
        )

        return launch_in

