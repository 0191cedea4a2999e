from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="ConsentOut")



@_attrs_define
class ConsentOut:
    """ 
        Attributes:
            given_on (datetime.date):
            publish_name (bool): May the name be published on the campaign's public list of those supported (the Decree 93
                disclosure)? A purpose of its own (Law 91/2025): without this consent the list shows the commune and the support
                under an anonymous label.
            purpose (str):
     """

    given_on: datetime.date
    publish_name: bool
    purpose: str





    def to_dict(self) -> dict[str, Any]:
        given_on = self.given_on.isoformat()

        publish_name = self.publish_name

        purpose = self.purpose


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "given_on": given_on,
            "publish_name": publish_name,
            "purpose": purpose,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given_on = isoparse(d.pop("given_on")).date()




        publish_name = d.pop("publish_name")

        purpose = d.pop("purpose")

        consent_out = cls(
            given_on=given_on,
            publish_name=publish_name,
            purpose=purpose,
        )

        return consent_out

