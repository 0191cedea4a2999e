from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.ledger_line_out_direction import check_ledger_line_out_direction
from ..models.ledger_line_out_direction import LedgerLineOutDirection
from ..models.ledger_line_out_kind import check_ledger_line_out_kind
from ..models.ledger_line_out_kind import LedgerLineOutKind
from ..models.ledger_line_out_movement import check_ledger_line_out_movement
from ..models.ledger_line_out_movement import LedgerLineOutMovement
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.public_item_out import PublicItemOut





T = TypeVar("T", bound="LedgerLineOut")



@_attrs_define
class LedgerLineOut:
    """ One movement of the public ledger (Decree 93/2021 Art. 14).

        Attributes:
            amount_vnd (int): Cash moved (0 for goods and blood).
            beneficiary_kind (None | str): A distribution's beneficiary group (never a beneficiary).
            blood_units (int):
            cash_balance_vnd (int): Cash balance after this line.
            channel (None | str):
            direction (LedgerLineOutDirection): in: adds to the balances; out: takes from them.
            donor (None | str): A gift's donor: the name only when the gift was given with consent to be named and the donor
                still consents and is not erased, never a blood donor's; else the anonymous label.
            goods_balance_vnd (int): Value of goods held after this line.
            id (UUID): Stable line id: the id of the donation, reversal or distribution.
            items (list[PublicItemOut]):
            kind (LedgerLineOutKind):
            line_no (int): Position in the campaign's ledger (1 = the first movement); the cursor.
            movement (LedgerLineOutMovement):
            note (None | str): The transfer note or a gift reversal's reason (only for a named donor), or a distribution's
                purpose; never a distribution reversal's reason (it names who was recorded by mistake). Digit runs that look
                like phone, ID or account numbers are masked.
            on (datetime.date): Date received, reversed or distributed.
            recorded_at (datetime.datetime):
            reference (None | str): Receipt number of a gift (and of its reversal); decision number of a distribution. None
                on the reversal line of a blood gift (a unit voided is often a test result: whoever held the receipt could
                tell).
            support_level (None | str):
            unit (None | str): That unit's name.
            unit_id (None | UUID): Receiving unit of a gift; the beneficiaries' commune of a distribution.
            value_vnd (int): Assessed value of the goods moved.
     """

    amount_vnd: int
    beneficiary_kind: None | str
    blood_units: int
    cash_balance_vnd: int
    channel: None | str
    direction: LedgerLineOutDirection
    donor: None | str
    goods_balance_vnd: int
    id: UUID
    items: list[PublicItemOut]
    kind: LedgerLineOutKind
    line_no: int
    movement: LedgerLineOutMovement
    note: None | str
    on: datetime.date
    recorded_at: datetime.datetime
    reference: None | str
    support_level: None | str
    unit: None | str
    unit_id: None | UUID
    value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.public_item_out import PublicItemOut
        amount_vnd = self.amount_vnd

        beneficiary_kind: None | str
        beneficiary_kind = self.beneficiary_kind

        blood_units = self.blood_units

        cash_balance_vnd = self.cash_balance_vnd

        channel: None | str
        channel = self.channel

        direction: str = self.direction

        donor: None | str
        donor = self.donor

        goods_balance_vnd = self.goods_balance_vnd

        id = str(self.id)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        kind: str = self.kind

        line_no = self.line_no

        movement: str = self.movement

        note: None | str
        note = self.note

        on = self.on.isoformat()

        recorded_at = self.recorded_at.isoformat()

        reference: None | str
        reference = self.reference

        support_level: None | str
        support_level = self.support_level

        unit: None | str
        unit = self.unit

        unit_id: None | str
        if isinstance(self.unit_id, UUID):
            unit_id = str(self.unit_id)
        else:
            unit_id = self.unit_id

        value_vnd = self.value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "beneficiary_kind": beneficiary_kind,
            "blood_units": blood_units,
            "cash_balance_vnd": cash_balance_vnd,
            "channel": channel,
            "direction": direction,
            "donor": donor,
            "goods_balance_vnd": goods_balance_vnd,
            "id": id,
            "items": items,
            "kind": kind,
            "line_no": line_no,
            "movement": movement,
            "note": note,
            "on": on,
            "recorded_at": recorded_at,
            "reference": reference,
            "support_level": support_level,
            "unit": unit,
            "unit_id": unit_id,
            "value_vnd": value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_item_out import PublicItemOut
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        def _parse_beneficiary_kind(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        beneficiary_kind = _parse_beneficiary_kind(d.pop("beneficiary_kind"))


        blood_units = d.pop("blood_units")

        cash_balance_vnd = d.pop("cash_balance_vnd")

        def _parse_channel(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel = _parse_channel(d.pop("channel"))


        direction = check_ledger_line_out_direction(d.pop("direction"))




        def _parse_donor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        donor = _parse_donor(d.pop("donor"))


        goods_balance_vnd = d.pop("goods_balance_vnd")

        id = UUID(d.pop("id"))




        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = PublicItemOut.from_dict(items_item_data)



            items.append(items_item)


        kind = check_ledger_line_out_kind(d.pop("kind"))




        line_no = d.pop("line_no")

        movement = check_ledger_line_out_movement(d.pop("movement"))




        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        on = isoparse(d.pop("on")).date()




        recorded_at = isoparse(d.pop("recorded_at"))




        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))


        def _parse_support_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        support_level = _parse_support_level(d.pop("support_level"))


        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))


        def _parse_unit_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                unit_id_type_0 = UUID(data)



                return unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        unit_id = _parse_unit_id(d.pop("unit_id"))


        value_vnd = d.pop("value_vnd")

        ledger_line_out = cls(
            amount_vnd=amount_vnd,
            beneficiary_kind=beneficiary_kind,
            blood_units=blood_units,
            cash_balance_vnd=cash_balance_vnd,
            channel=channel,
            direction=direction,
            donor=donor,
            goods_balance_vnd=goods_balance_vnd,
            id=id,
            items=items,
            kind=kind,
            line_no=line_no,
            movement=movement,
            note=note,
            on=on,
            recorded_at=recorded_at,
            reference=reference,
            support_level=support_level,
            unit=unit,
            unit_id=unit_id,
            value_vnd=value_vnd,
        )

        return ledger_line_out

