from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.cash_donation_in_channel import CashDonationInChannel
from ..models.cash_donation_in_channel import check_cash_donation_in_channel
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from typing import Literal, cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.donor_in import DonorIn





T = TypeVar("T", bound="CashDonationIn")



@_attrs_define
class CashDonationIn:
    """ 
        Attributes:
            amount_vnd (int): Whole VND (an integer), 1 to 10^15.
            channel (CashDonationInChannel):
            kind (Literal['cash']):
            received_on (datetime.date): The day the gift was received (a transfer: the day it was credited), in the
                organisation's time zone (RC_TIMEZONE, Asia/Ho_Chi_Minh by default): not after today there (422; a gateway whose
                clock is ahead of it near midnight should send it again a little later), and within the campaign's receiving
                period (409; a gift dated up to the close day is still taken after a close).
            bank_reference (None | str | Unset): Unique per campaign among the gifts not voided: a resubmission returns the
                original; once the original is voided, the same reference records a new gift (the transfer keyed again). Kept
                without spaces, in capitals (ft 26001 and FT26001 are one transfer), as a bank statement's row is.
            credited_person_id (None | Unset | UUID): Soft credit: the person who mobilised it.
            credited_unit_id (None | Unset | UUID): Soft credit: the unit that mobilised the gift.
            description (None | str | Unset):
            donor (DonorIn | None | Unset): Absent: an anonymous gift.
            pledge_id (None | Unset | UUID): The pledge this payment is an instalment of.
            unit_id (None | Unset | UUID): Receiving unit (default: the organising unit).
     """

    amount_vnd: int
    channel: CashDonationInChannel
    kind: Literal['cash']
    received_on: datetime.date
    bank_reference: None | str | Unset = UNSET
    credited_person_id: None | Unset | UUID = UNSET
    credited_unit_id: None | Unset | UUID = UNSET
    description: None | str | Unset = UNSET
    donor: DonorIn | None | Unset = UNSET
    pledge_id: None | Unset | UUID = UNSET
    unit_id: None | Unset | UUID = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.donor_in import DonorIn
        amount_vnd = self.amount_vnd

        channel: str = self.channel

        kind = self.kind

        received_on = self.received_on.isoformat()

        bank_reference: None | str | Unset
        if isinstance(self.bank_reference, Unset):
            bank_reference = UNSET
        else:
            bank_reference = self.bank_reference

        credited_person_id: None | str | Unset
        if isinstance(self.credited_person_id, Unset):
            credited_person_id = UNSET
        elif isinstance(self.credited_person_id, UUID):
            credited_person_id = str(self.credited_person_id)
        else:
            credited_person_id = self.credited_person_id

        credited_unit_id: None | str | Unset
        if isinstance(self.credited_unit_id, Unset):
            credited_unit_id = UNSET
        elif isinstance(self.credited_unit_id, UUID):
            credited_unit_id = str(self.credited_unit_id)
        else:
            credited_unit_id = self.credited_unit_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        donor: dict[str, Any] | None | Unset
        if isinstance(self.donor, Unset):
            donor = UNSET
        elif isinstance(self.donor, DonorIn):
            donor = self.donor.to_dict()
        else:
            donor = self.donor

        pledge_id: None | str | Unset
        if isinstance(self.pledge_id, Unset):
            pledge_id = UNSET
        elif isinstance(self.pledge_id, UUID):
            pledge_id = str(self.pledge_id)
        else:
            pledge_id = self.pledge_id

        unit_id: None | str | Unset
        if isinstance(self.unit_id, Unset):
            unit_id = UNSET
        elif isinstance(self.unit_id, UUID):
            unit_id = str(self.unit_id)
        else:
            unit_id = self.unit_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "channel": channel,
            "kind": kind,
            "received_on": received_on,
        })
        if bank_reference is not UNSET:
            field_dict["bank_reference"] = bank_reference
        if credited_person_id is not UNSET:
            field_dict["credited_person_id"] = credited_person_id
        if credited_unit_id is not UNSET:
            field_dict["credited_unit_id"] = credited_unit_id
        if description is not UNSET:
            field_dict["description"] = description
        if donor is not UNSET:
            field_dict["donor"] = donor
        if pledge_id is not UNSET:
            field_dict["pledge_id"] = pledge_id
        if unit_id is not UNSET:
            field_dict["unit_id"] = unit_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.donor_in import DonorIn
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        channel = check_cash_donation_in_channel(d.pop("channel"))




        kind = cast(Literal['cash'] , d.pop("kind"))
        if kind != 'cash':
            raise ValueError(f"kind must match const 'cash', got '{kind}'")

        received_on = isoparse(d.pop("received_on")).date()




        def _parse_bank_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bank_reference = _parse_bank_reference(d.pop("bank_reference", UNSET))


        def _parse_credited_person_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                credited_person_id_type_0 = UUID(data)



                return credited_person_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        credited_person_id = _parse_credited_person_id(d.pop("credited_person_id", UNSET))


        def _parse_credited_unit_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                credited_unit_id_type_0 = UUID(data)



                return credited_unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        credited_unit_id = _parse_credited_unit_id(d.pop("credited_unit_id", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_donor(data: object) -> DonorIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                donor_type_0 = DonorIn.from_dict(data)



                return donor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DonorIn | None | Unset, data)

        donor = _parse_donor(d.pop("donor", UNSET))


        def _parse_pledge_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pledge_id_type_0 = UUID(data)



                return pledge_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        pledge_id = _parse_pledge_id(d.pop("pledge_id", UNSET))


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


        cash_donation_in = cls(
            amount_vnd=amount_vnd,
            channel=channel,
            kind=kind,
            received_on=received_on,
            bank_reference=bank_reference,
            credited_person_id=credited_person_id,
            credited_unit_id=credited_unit_id,
            description=description,
            donor=donor,
            pledge_id=pledge_id,
            unit_id=unit_id,
        )

        return cash_donation_in

