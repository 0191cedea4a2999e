from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="BloodSessionIn")



@_attrs_define
class BloodSessionIn:
    """ 
        Attributes:
            capacity (int):
            held_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            place (str):
            unit_id (None | Unset | UUID): Unit running the session (default: the organising unit).
     """

    capacity: int
    held_on: datetime.date
    place: str
    unit_id: None | Unset | UUID = UNSET





    def to_dict(self) -> dict[str, Any]:
        capacity = self.capacity

        held_on = self.held_on.isoformat()

        place = self.place

        unit_id: None | str | Unset
        if isinstance(self.unit_id, Unset):
            unit_id = UNSET
        elif isinstance(self.unit_id, UUID):
            unit_id = str(self.unit_id)
        else:
            unit_id = self.unit_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "capacity": capacity,
            "held_on": held_on,
            "place": place,
        })
        if unit_id is not UNSET:
            field_dict["unit_id"] = unit_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        capacity = d.pop("capacity")

        held_on = isoparse(d.pop("held_on")).date()




        place = d.pop("place")

        def _parse_unit_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                unit_id_type_0 = UUID(data)



                return unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        unit_id = _parse_unit_id(d.pop("unit_id", UNSET))


        blood_session_in = cls(
            capacity=capacity,
            held_on=held_on,
            place=place,
            unit_id=unit_id,
        )

        return blood_session_in

