from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.donor_in_type import check_donor_in_type
from ..models.donor_in_type import DonorInType
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="DonorIn")



@_attrs_define
class DonorIn:
    """ Who gave. Personal data stays in this service; events carry an opaque donor id.

        Attributes:
            type_ (DonorInType):
            birth_date (datetime.date | None | Unset):
            consent_to_be_named (bool | Unset): May the donor be named publicly with this gift? The public ledger names the
                donor on a gift given with consent, while the donor's consent stands: true gives a returning donor's consent
                (unless the donor withdrew it through PUT /donors/{id}/consent, which only that operation undoes); false leaves
                the donor's earlier consented gifts named. Default: False.
            id (None | Unset | UUID): An existing donor (instead of name/phone/id_number).
            id_number (None | str | Unset): CCCD / tax code; used to recognise a returning donor: an individual only under a
                name of theirs (accents, case and spaces aside, the same name, or one of two words or more all among the
                other's, beginning with the same family name and ending with the same given name: 'Mai Lan' is 'Mai Thị Lan',
                'Thị Lan' is nobody's), another name being a 409 naming donor.id_number; an organisation whatever its name is
                written as.
            name (None | str | Unset):
            phone (None | str | Unset):
     """

    type_: DonorInType
    birth_date: datetime.date | None | Unset = UNSET
    consent_to_be_named: bool | Unset = False
    id: None | Unset | UUID = UNSET
    id_number: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        birth_date: None | str | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        elif isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        consent_to_be_named = self.consent_to_be_named

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        elif isinstance(self.id, UUID):
            id = str(self.id)
        else:
            id = self.id

        id_number: None | str | Unset
        if isinstance(self.id_number, Unset):
            id_number = UNSET
        else:
            id_number = self.id_number

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "type": type_,
        })
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if consent_to_be_named is not UNSET:
            field_dict["consent_to_be_named"] = consent_to_be_named
        if id is not UNSET:
            field_dict["id"] = id
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
        type_ = check_donor_in_type(d.pop("type"))




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


        consent_to_be_named = d.pop("consent_to_be_named", UNSET)

        def _parse_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                id_type_0 = UUID(data)



                return id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        id = _parse_id(d.pop("id", UNSET))


        def _parse_id_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id_number = _parse_id_number(d.pop("id_number", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        donor_in = cls(
            type_=type_,
            birth_date=birth_date,
            consent_to_be_named=consent_to_be_named,
            id=id,
            id_number=id_number,
            name=name,
            phone=phone,
        )

        return donor_in

