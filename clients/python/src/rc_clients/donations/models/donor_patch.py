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






T = TypeVar("T", bound="DonorPatch")



@_attrs_define
class DonorPatch:
    """ A correction of a donor's details (the data subject's right, Law 91/2025; a birth date typed wrong,
    which decides the blood donors' age rule): any subset; null clears the phone or the identity number.

        Attributes:
            birth_date (datetime.date | Unset): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            id_number (None | str | Unset): CCCD / tax code; one donor record per number.
            name (str | Unset):
            phone (None | str | Unset):
     """

    birth_date: datetime.date | Unset = UNSET
    id_number: None | str | Unset = UNSET
    name: str | Unset = UNSET
    phone: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        birth_date: str | Unset = UNSET
        if not isinstance(self.birth_date, Unset):
            birth_date = self.birth_date.isoformat()

        id_number: None | str | Unset
        if isinstance(self.id_number, Unset):
            id_number = UNSET
        else:
            id_number = self.id_number

        name = self.name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if id_number is not UNSET:
            field_dict["id_number"] = id_number
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _birth_date = d.pop("birth_date", UNSET)
        birth_date: datetime.date | Unset
        if isinstance(_birth_date,  Unset):
            birth_date = UNSET
        else:
            birth_date = isoparse(_birth_date).date()




        def _parse_id_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id_number = _parse_id_number(d.pop("id_number", UNSET))


        name = d.pop("name", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        donor_patch = cls(
            birth_date=birth_date,
            id_number=id_number,
            name=name,
            phone=phone,
        )

        return donor_patch

