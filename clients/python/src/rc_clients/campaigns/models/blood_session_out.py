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






T = TypeVar("T", bound="BloodSessionOut")



@_attrs_define
class BloodSessionOut:
    """ 
        Attributes:
            campaign_id (UUID):
            capacity (int):
            held_on (datetime.date):
            id (UUID):
            place (str):
            places_left (int):
            registered (int):
            unit_id (UUID):
     """

    campaign_id: UUID
    capacity: int
    held_on: datetime.date
    id: UUID
    place: str
    places_left: int
    registered: int
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        campaign_id = str(self.campaign_id)

        capacity = self.capacity

        held_on = self.held_on.isoformat()

        id = str(self.id)

        place = self.place

        places_left = self.places_left

        registered = self.registered

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_id": campaign_id,
            "capacity": capacity,
            "held_on": held_on,
            "id": id,
            "place": place,
            "places_left": places_left,
            "registered": registered,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))




        capacity = d.pop("capacity")

        held_on = isoparse(d.pop("held_on")).date()




        id = UUID(d.pop("id"))




        place = d.pop("place")

        places_left = d.pop("places_left")

        registered = d.pop("registered")

        unit_id = UUID(d.pop("unit_id"))




        blood_session_out = cls(
            campaign_id=campaign_id,
            capacity=capacity,
            held_on=held_on,
            id=id,
            place=place,
            places_left=places_left,
            registered=registered,
            unit_id=unit_id,
        )

        return blood_session_out

