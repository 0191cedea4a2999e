from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.sponsorship_in_sponsor_type import check_sponsorship_in_sponsor_type
from ..models.sponsorship_in_sponsor_type import SponsorshipInSponsorType
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="SponsorshipIn")



@_attrs_define
class SponsorshipIn:
    """ 
        Attributes:
            commitment (str): What the sponsor commits to, e.g. 500,000 VND a month.
            sponsor_contact (str):
            sponsor_name (str):
            sponsor_type (SponsorshipInSponsorType):
            start_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            end_on (datetime.date | None | Unset):
     """

    commitment: str
    sponsor_contact: str
    sponsor_name: str
    sponsor_type: SponsorshipInSponsorType
    start_on: datetime.date
    end_on: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        commitment = self.commitment

        sponsor_contact = self.sponsor_contact

        sponsor_name = self.sponsor_name

        sponsor_type: str = self.sponsor_type

        start_on = self.start_on.isoformat()

        end_on: None | str | Unset
        if isinstance(self.end_on, Unset):
            end_on = UNSET
        elif isinstance(self.end_on, datetime.date):
            end_on = self.end_on.isoformat()
        else:
            end_on = self.end_on


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "commitment": commitment,
            "sponsor_contact": sponsor_contact,
            "sponsor_name": sponsor_name,
            "sponsor_type": sponsor_type,
            "start_on": start_on,
        })
        if end_on is not UNSET:
            field_dict["end_on"] = end_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        commitment = d.pop("commitment")

        sponsor_contact = d.pop("sponsor_contact")

        sponsor_name = d.pop("sponsor_name")

        sponsor_type = check_sponsorship_in_sponsor_type(d.pop("sponsor_type"))




        start_on = isoparse(d.pop("start_on")).date()




        def _parse_end_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_on_type_0 = isoparse(data).date()



                return end_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_on = _parse_end_on(d.pop("end_on", UNSET))


        sponsorship_in = cls(
            commitment=commitment,
            sponsor_contact=sponsor_contact,
            sponsor_name=sponsor_name,
            sponsor_type=sponsor_type,
            start_on=start_on,
            end_on=end_on,
        )

        return sponsorship_in

