from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.sponsorship_out_sponsor_type import check_sponsorship_out_sponsor_type
from ..models.sponsorship_out_sponsor_type import SponsorshipOutSponsorType
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="SponsorshipOut")



@_attrs_define
class SponsorshipOut:
    """ 
        Attributes:
            commitment (str):
            end_on (datetime.date | None):
            id (UUID):
            sponsor_contact (None | str): The sponsor's contact; null for a read-only role (viewer).
            sponsor_id (UUID):
            sponsor_name (str):
            sponsor_type (SponsorshipOutSponsorType):
            start_on (datetime.date):
     """

    commitment: str
    end_on: datetime.date | None
    id: UUID
    sponsor_contact: None | str
    sponsor_id: UUID
    sponsor_name: str
    sponsor_type: SponsorshipOutSponsorType
    start_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        commitment = self.commitment

        end_on: None | str
        if isinstance(self.end_on, datetime.date):
            end_on = self.end_on.isoformat()
        else:
            end_on = self.end_on

        id = str(self.id)

        sponsor_contact: None | str
        sponsor_contact = self.sponsor_contact

        sponsor_id = str(self.sponsor_id)

        sponsor_name = self.sponsor_name

        sponsor_type: str = self.sponsor_type

        start_on = self.start_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "commitment": commitment,
            "end_on": end_on,
            "id": id,
            "sponsor_contact": sponsor_contact,
            "sponsor_id": sponsor_id,
            "sponsor_name": sponsor_name,
            "sponsor_type": sponsor_type,
            "start_on": start_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        commitment = d.pop("commitment")

        def _parse_end_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_on_type_0 = isoparse(data).date()



                return end_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        end_on = _parse_end_on(d.pop("end_on"))


        id = UUID(d.pop("id"))




        def _parse_sponsor_contact(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sponsor_contact = _parse_sponsor_contact(d.pop("sponsor_contact"))


        sponsor_id = UUID(d.pop("sponsor_id"))




        sponsor_name = d.pop("sponsor_name")

        sponsor_type = check_sponsorship_out_sponsor_type(d.pop("sponsor_type"))




        start_on = isoparse(d.pop("start_on")).date()




        sponsorship_out = cls(
            commitment=commitment,
            end_on=end_on,
            id=id,
            sponsor_contact=sponsor_contact,
            sponsor_id=sponsor_id,
            sponsor_name=sponsor_name,
            sponsor_type=sponsor_type,
            start_on=start_on,
        )

        return sponsorship_out

