from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.person_patch_gender_type_0 import check_person_patch_gender_type_0
from ..models.person_patch_gender_type_0 import PersonPatchGenderType0
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="PersonPatch")



@_attrs_define
class PersonPatch:
    """ The personal fields to change; null clears one (but ``full_name``, which a person always has).

        Attributes:
            address (None | str | Unset):
            birth_date (datetime.date | None | Unset):
            full_name (str | Unset):
            gender (None | PersonPatchGenderType0 | Unset):
            health_notes (None | str | Unset):
            id_number (None | str | Unset):
            phone (None | str | Unset):
     """

    address: None | str | Unset = UNSET
    birth_date: datetime.date | None | Unset = UNSET
    full_name: str | Unset = UNSET
    gender: None | PersonPatchGenderType0 | Unset = UNSET
    health_notes: None | str | Unset = UNSET
    id_number: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        birth_date: None | str | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        elif isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        full_name = self.full_name

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        elif isinstance(self.gender, str):
            gender = self.gender
        else:
            gender = self.gender

        health_notes: None | str | Unset
        if isinstance(self.health_notes, Unset):
            health_notes = UNSET
        else:
            health_notes = self.health_notes

        id_number: None | str | Unset
        if isinstance(self.id_number, Unset):
            id_number = UNSET
        else:
            id_number = self.id_number

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if address is not UNSET:
            field_dict["address"] = address
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if gender is not UNSET:
            field_dict["gender"] = gender
        if health_notes is not UNSET:
            field_dict["health_notes"] = health_notes
        if id_number is not UNSET:
            field_dict["id_number"] = id_number
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))


        def _parse_birth_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = isoparse(data).date()



                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        birth_date = _parse_birth_date(d.pop("birth_date", UNSET))


        full_name = d.pop("full_name", UNSET)

        def _parse_gender(data: object) -> None | PersonPatchGenderType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = check_person_patch_gender_type_0(data)



                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonPatchGenderType0 | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))


        def _parse_health_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        health_notes = _parse_health_notes(d.pop("health_notes", UNSET))


        def _parse_id_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id_number = _parse_id_number(d.pop("id_number", UNSET))


        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        person_patch = cls(
            address=address,
            birth_date=birth_date,
            full_name=full_name,
            gender=gender,
            health_notes=health_notes,
            id_number=id_number,
            phone=phone,
        )

        return person_patch

