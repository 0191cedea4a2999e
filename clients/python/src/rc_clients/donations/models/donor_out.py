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

if TYPE_CHECKING:
  from ..models.donor_gift_out import DonorGiftOut
  from ..models.donor_pledge_out import DonorPledgeOut





T = TypeVar("T", bound="DonorOut")



@_attrs_define
class DonorOut:
    """ 
        Attributes:
            birth_date (datetime.date | None):
            complete (bool): False: the donor also gave through units outside your scope; only your scope's gifts are listed
                and the personal details (name, phone, identity number, birth date) are withheld (null). Also false for a read-
                only role (viewer) when the donor gave blood: that role never reads blood gifts (health data), nor a phone or
                birth date, and reads the identity number masked (its last 3 characters).
            consent_to_be_named (bool):
            donations (list[DonorGiftOut]):
            erased (bool):
            id (UUID):
            id_number (None | str):
            name (None | str):
            phone (None | str):
            pledges (list[DonorPledgeOut]): The donor's pledges (GET /pledges/{id} gives each one's payments), those of your
                scope when complete is false.
            public_name (str):
            type_ (str):
     """

    birth_date: datetime.date | None
    complete: bool
    consent_to_be_named: bool
    donations: list[DonorGiftOut]
    erased: bool
    id: UUID
    id_number: None | str
    name: None | str
    phone: None | str
    pledges: list[DonorPledgeOut]
    public_name: str
    type_: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.donor_gift_out import DonorGiftOut
        from ..models.donor_pledge_out import DonorPledgeOut
        birth_date: None | str
        if isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        complete = self.complete

        consent_to_be_named = self.consent_to_be_named

        donations = []
        for donations_item_data in self.donations:
            donations_item = donations_item_data.to_dict()
            donations.append(donations_item)



        erased = self.erased

        id = str(self.id)

        id_number: None | str
        id_number = self.id_number

        name: None | str
        name = self.name

        phone: None | str
        phone = self.phone

        pledges = []
        for pledges_item_data in self.pledges:
            pledges_item = pledges_item_data.to_dict()
            pledges.append(pledges_item)



        public_name = self.public_name

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "birth_date": birth_date,
            "complete": complete,
            "consent_to_be_named": consent_to_be_named,
            "donations": donations,
            "erased": erased,
            "id": id,
            "id_number": id_number,
            "name": name,
            "phone": phone,
            "pledges": pledges,
            "public_name": public_name,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.donor_gift_out import DonorGiftOut
        from ..models.donor_pledge_out import DonorPledgeOut
        d = dict(src_dict)
        def _parse_birth_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = isoparse(data).date()



                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        birth_date = _parse_birth_date(d.pop("birth_date"))


        complete = d.pop("complete")

        consent_to_be_named = d.pop("consent_to_be_named")

        donations = []
        _donations = d.pop("donations")
        for donations_item_data in (_donations):
            donations_item = DonorGiftOut.from_dict(donations_item_data)



            donations.append(donations_item)


        erased = d.pop("erased")

        id = UUID(d.pop("id"))




        def _parse_id_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id_number = _parse_id_number(d.pop("id_number"))


        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))


        pledges = []
        _pledges = d.pop("pledges")
        for pledges_item_data in (_pledges):
            pledges_item = DonorPledgeOut.from_dict(pledges_item_data)



            pledges.append(pledges_item)


        public_name = d.pop("public_name")

        type_ = d.pop("type")

        donor_out = cls(
            birth_date=birth_date,
            complete=complete,
            consent_to_be_named=consent_to_be_named,
            donations=donations,
            erased=erased,
            id=id,
            id_number=id_number,
            name=name,
            phone=phone,
            pledges=pledges,
            public_name=public_name,
            type_=type_,
        )

        return donor_out

