from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.donation_out_blood_kind_type_0 import check_donation_out_blood_kind_type_0
from ..models.donation_out_blood_kind_type_0 import DonationOutBloodKindType0
from ..models.donation_out_kind import check_donation_out_kind
from ..models.donation_out_kind import DonationOutKind
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.item_out import ItemOut
  from ..models.reversal_out import ReversalOut





T = TypeVar("T", bound="DonationOut")



@_attrs_define
class DonationOut:
    """ 
        Attributes:
            amount_vnd (int):
            bank_reference (None | str):
            blood_kind (DonationOutBloodKindType0 | None):
            blood_units (int):
            campaign_id (UUID):
            channel (str):
            created_at (datetime.datetime):
            credited_person_id (None | UUID):
            credited_unit_id (None | UUID):
            description (None | str):
            donor_id (None | UUID): Opaque donor id; null: anonymous (and a blood gift's, to a read-only role).
            donor_type (str):
            id (UUID):
            items (list[ItemOut] | None):
            kind (DonationOutKind):
            pledge_id (None | UUID):
            publicly_named (bool): The consent to be named given with this gift, as recorded. The public ledger names the
                donor only while the donor's own consent also stands (PUT /donors/{id}/consent withdraws it for every gift) and
                the donor is not erased: this flag alone does not say the name is shown today.
            receipt_no (int):
            receipt_number (str):
            received_on (datetime.date):
            recorded_after_close (bool):
            reversal (None | ReversalOut):
            reversed_ (bool):
            unit_id (UUID):
            value_vnd (int):
     """

    amount_vnd: int
    bank_reference: None | str
    blood_kind: DonationOutBloodKindType0 | None
    blood_units: int
    campaign_id: UUID
    channel: str
    created_at: datetime.datetime
    credited_person_id: None | UUID
    credited_unit_id: None | UUID
    description: None | str
    donor_id: None | UUID
    donor_type: str
    id: UUID
    items: list[ItemOut] | None
    kind: DonationOutKind
    pledge_id: None | UUID
    publicly_named: bool
    receipt_no: int
    receipt_number: str
    received_on: datetime.date
    recorded_after_close: bool
    reversal: None | ReversalOut
    reversed_: bool
    unit_id: UUID
    value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_out import ItemOut
        from ..models.reversal_out import ReversalOut
        amount_vnd = self.amount_vnd

        bank_reference: None | str
        bank_reference = self.bank_reference

        blood_kind: None | str
        if isinstance(self.blood_kind, str):
            blood_kind = self.blood_kind
        else:
            blood_kind = self.blood_kind

        blood_units = self.blood_units

        campaign_id = str(self.campaign_id)

        channel = self.channel

        created_at = self.created_at.isoformat()

        credited_person_id: None | str
        if isinstance(self.credited_person_id, UUID):
            credited_person_id = str(self.credited_person_id)
        else:
            credited_person_id = self.credited_person_id

        credited_unit_id: None | str
        if isinstance(self.credited_unit_id, UUID):
            credited_unit_id = str(self.credited_unit_id)
        else:
            credited_unit_id = self.credited_unit_id

        description: None | str
        description = self.description

        donor_id: None | str
        if isinstance(self.donor_id, UUID):
            donor_id = str(self.donor_id)
        else:
            donor_id = self.donor_id

        donor_type = self.donor_type

        id = str(self.id)

        items: list[dict[str, Any]] | None
        if isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)


        else:
            items = self.items

        kind: str = self.kind

        pledge_id: None | str
        if isinstance(self.pledge_id, UUID):
            pledge_id = str(self.pledge_id)
        else:
            pledge_id = self.pledge_id

        publicly_named = self.publicly_named

        receipt_no = self.receipt_no

        receipt_number = self.receipt_number

        received_on = self.received_on.isoformat()

        recorded_after_close = self.recorded_after_close

        reversal: dict[str, Any] | None
        if isinstance(self.reversal, ReversalOut):
            reversal = self.reversal.to_dict()
        else:
            reversal = self.reversal

        reversed_ = self.reversed_

        unit_id = str(self.unit_id)

        value_vnd = self.value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "bank_reference": bank_reference,
            "blood_kind": blood_kind,
            "blood_units": blood_units,
            "campaign_id": campaign_id,
            "channel": channel,
            "created_at": created_at,
            "credited_person_id": credited_person_id,
            "credited_unit_id": credited_unit_id,
            "description": description,
            "donor_id": donor_id,
            "donor_type": donor_type,
            "id": id,
            "items": items,
            "kind": kind,
            "pledge_id": pledge_id,
            "publicly_named": publicly_named,
            "receipt_no": receipt_no,
            "receipt_number": receipt_number,
            "received_on": received_on,
            "recorded_after_close": recorded_after_close,
            "reversal": reversal,
            "reversed": reversed_,
            "unit_id": unit_id,
            "value_vnd": value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_out import ItemOut
        from ..models.reversal_out import ReversalOut
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        def _parse_bank_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bank_reference = _parse_bank_reference(d.pop("bank_reference"))


        def _parse_blood_kind(data: object) -> DonationOutBloodKindType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                blood_kind_type_0 = check_donation_out_blood_kind_type_0(data)



                return blood_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DonationOutBloodKindType0 | None, data)

        blood_kind = _parse_blood_kind(d.pop("blood_kind"))


        blood_units = d.pop("blood_units")

        campaign_id = UUID(d.pop("campaign_id"))




        channel = d.pop("channel")

        created_at = isoparse(d.pop("created_at"))




        def _parse_credited_person_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                credited_person_id_type_0 = UUID(data)



                return credited_person_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        credited_person_id = _parse_credited_person_id(d.pop("credited_person_id"))


        def _parse_credited_unit_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                credited_unit_id_type_0 = UUID(data)



                return credited_unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        credited_unit_id = _parse_credited_unit_id(d.pop("credited_unit_id"))


        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))


        def _parse_donor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                donor_id_type_0 = UUID(data)



                return donor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        donor_id = _parse_donor_id(d.pop("donor_id"))


        donor_type = d.pop("donor_type")

        id = UUID(d.pop("id"))




        def _parse_items(data: object) -> list[ItemOut] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in (_items_type_0):
                    items_type_0_item = ItemOut.from_dict(items_type_0_item_data)



                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ItemOut] | None, data)

        items = _parse_items(d.pop("items"))


        kind = check_donation_out_kind(d.pop("kind"))




        def _parse_pledge_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pledge_id_type_0 = UUID(data)



                return pledge_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        pledge_id = _parse_pledge_id(d.pop("pledge_id"))


        publicly_named = d.pop("publicly_named")

        receipt_no = d.pop("receipt_no")

        receipt_number = d.pop("receipt_number")

        received_on = isoparse(d.pop("received_on")).date()




        recorded_after_close = d.pop("recorded_after_close")

        def _parse_reversal(data: object) -> None | ReversalOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reversal_type_0 = ReversalOut.from_dict(data)



                return reversal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReversalOut, data)

        reversal = _parse_reversal(d.pop("reversal"))


        reversed_ = d.pop("reversed")

        unit_id = UUID(d.pop("unit_id"))




        value_vnd = d.pop("value_vnd")

        donation_out = cls(
            amount_vnd=amount_vnd,
            bank_reference=bank_reference,
            blood_kind=blood_kind,
            blood_units=blood_units,
            campaign_id=campaign_id,
            channel=channel,
            created_at=created_at,
            credited_person_id=credited_person_id,
            credited_unit_id=credited_unit_id,
            description=description,
            donor_id=donor_id,
            donor_type=donor_type,
            id=id,
            items=items,
            kind=kind,
            pledge_id=pledge_id,
            publicly_named=publicly_named,
            receipt_no=receipt_no,
            receipt_number=receipt_number,
            received_on=received_on,
            recorded_after_close=recorded_after_close,
            reversal=reversal,
            reversed_=reversed_,
            unit_id=unit_id,
            value_vnd=value_vnd,
        )

        return donation_out

