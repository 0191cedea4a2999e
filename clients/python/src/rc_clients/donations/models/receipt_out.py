from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.receipt_out_kind import check_receipt_out_kind
from ..models.receipt_out_kind import ReceiptOutKind
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.item_out import ItemOut





T = TypeVar("T", bound="ReceiptOut")



@_attrs_define
class ReceiptOut:
    """ 
        Attributes:
            amount_vnd (int):
            bank_reference (None | str):
            blood_units (int):
            campaign_code (str):
            campaign_id (UUID):
            campaign_name (str):
            channel (str):
            donation_id (UUID):
            issued_on (datetime.date): The day the receipt was made: the day the contribution was recorded, in the
                organisation's time zone (the same on every print; a reprint is not a new receipt).
            items (list[ItemOut] | None):
            kind (ReceiptOutKind):
            receipt_no (int):
            receipt_number (str):
            received_from (str): The donor's name, the payer's, or the anonymous label.
            received_on (datetime.date):
            unit_id (UUID):
            value_vnd (int):
            void (bool):
            void_reason (None | str): Why the gift was voided (null: not voided). To a read-only role, as the reversal's
                event publishes it: a blood gift's withheld (health data), any other's with its phone, identity and account
                numbers masked.
     """

    amount_vnd: int
    bank_reference: None | str
    blood_units: int
    campaign_code: str
    campaign_id: UUID
    campaign_name: str
    channel: str
    donation_id: UUID
    issued_on: datetime.date
    items: list[ItemOut] | None
    kind: ReceiptOutKind
    receipt_no: int
    receipt_number: str
    received_from: str
    received_on: datetime.date
    unit_id: UUID
    value_vnd: int
    void: bool
    void_reason: None | str





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_out import ItemOut
        amount_vnd = self.amount_vnd

        bank_reference: None | str
        bank_reference = self.bank_reference

        blood_units = self.blood_units

        campaign_code = self.campaign_code

        campaign_id = str(self.campaign_id)

        campaign_name = self.campaign_name

        channel = self.channel

        donation_id = str(self.donation_id)

        issued_on = self.issued_on.isoformat()

        items: list[dict[str, Any]] | None
        if isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item = items_type_0_item_data.to_dict()
                items.append(items_type_0_item)


        else:
            items = self.items

        kind: str = self.kind

        receipt_no = self.receipt_no

        receipt_number = self.receipt_number

        received_from = self.received_from

        received_on = self.received_on.isoformat()

        unit_id = str(self.unit_id)

        value_vnd = self.value_vnd

        void = self.void

        void_reason: None | str
        void_reason = self.void_reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "bank_reference": bank_reference,
            "blood_units": blood_units,
            "campaign_code": campaign_code,
            "campaign_id": campaign_id,
            "campaign_name": campaign_name,
            "channel": channel,
            "donation_id": donation_id,
            "issued_on": issued_on,
            "items": items,
            "kind": kind,
            "receipt_no": receipt_no,
            "receipt_number": receipt_number,
            "received_from": received_from,
            "received_on": received_on,
            "unit_id": unit_id,
            "value_vnd": value_vnd,
            "void": void,
            "void_reason": void_reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_out import ItemOut
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        def _parse_bank_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bank_reference = _parse_bank_reference(d.pop("bank_reference"))


        blood_units = d.pop("blood_units")

        campaign_code = d.pop("campaign_code")

        campaign_id = UUID(d.pop("campaign_id"))




        campaign_name = d.pop("campaign_name")

        channel = d.pop("channel")

        donation_id = UUID(d.pop("donation_id"))




        issued_on = isoparse(d.pop("issued_on")).date()




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


        kind = check_receipt_out_kind(d.pop("kind"))




        receipt_no = d.pop("receipt_no")

        receipt_number = d.pop("receipt_number")

        received_from = d.pop("received_from")

        received_on = isoparse(d.pop("received_on")).date()




        unit_id = UUID(d.pop("unit_id"))




        value_vnd = d.pop("value_vnd")

        void = d.pop("void")

        def _parse_void_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        void_reason = _parse_void_reason(d.pop("void_reason"))


        receipt_out = cls(
            amount_vnd=amount_vnd,
            bank_reference=bank_reference,
            blood_units=blood_units,
            campaign_code=campaign_code,
            campaign_id=campaign_id,
            campaign_name=campaign_name,
            channel=channel,
            donation_id=donation_id,
            issued_on=issued_on,
            items=items,
            kind=kind,
            receipt_no=receipt_no,
            receipt_number=receipt_number,
            received_from=received_from,
            received_on=received_on,
            unit_id=unit_id,
            value_vnd=value_vnd,
            void=void,
            void_reason=void_reason,
        )

        return receipt_out

