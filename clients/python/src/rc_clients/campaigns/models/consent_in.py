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






T = TypeVar("T", bound="ConsentIn")



@_attrs_define
class ConsentIn:
    """ 
        Attributes:
            given_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            purpose (str): What the personal data is processed for (Law 91/2025: per purpose).
            publish_name (bool | Unset): May the name be published on the campaign's public list of those supported (the
                Decree 93 disclosure)? A purpose of its own (Law 91/2025): without this consent the list shows the commune and
                the support under an anonymous label. Default: False.
     """

    given_on: datetime.date
    purpose: str
    publish_name: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        given_on = self.given_on.isoformat()

        purpose = self.purpose

        publish_name = self.publish_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "given_on": given_on,
            "purpose": purpose,
        })
        if publish_name is not UNSET:
            field_dict["publish_name"] = publish_name

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given_on = isoparse(d.pop("given_on")).date()




        purpose = d.pop("purpose")

        publish_name = d.pop("publish_name", UNSET)

        consent_in = cls(
            given_on=given_on,
            purpose=purpose,
            publish_name=publish_name,
        )

        return consent_in

