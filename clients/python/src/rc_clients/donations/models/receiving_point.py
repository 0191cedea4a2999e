from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.receiving_point_method import check_receiving_point_method
from ..models.receiving_point_method import ReceivingPointMethod
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ReceivingPoint")



@_attrs_define
class ReceivingPoint:
    """ Where, when and how contributions are received (Art. 14 (d)): the organisation's own accounts
    and offices (public organisational data, never a person's).

        Attributes:
            method (ReceivingPointMethod):
            account_holder (None | str | Unset): The organisation holding the account.
            account_no (None | str | Unset): The organisation's campaign account.
            bank (None | str | Unset):
            hours (None | str | Unset): When it receives.
            location (None | str | Unset): The office receiving in person.
            note (None | str | Unset):
     """

    method: ReceivingPointMethod
    account_holder: None | str | Unset = UNSET
    account_no: None | str | Unset = UNSET
    bank: None | str | Unset = UNSET
    hours: None | str | Unset = UNSET
    location: None | str | Unset = UNSET
    note: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        method: str = self.method

        account_holder: None | str | Unset
        if isinstance(self.account_holder, Unset):
            account_holder = UNSET
        else:
            account_holder = self.account_holder

        account_no: None | str | Unset
        if isinstance(self.account_no, Unset):
            account_no = UNSET
        else:
            account_no = self.account_no

        bank: None | str | Unset
        if isinstance(self.bank, Unset):
            bank = UNSET
        else:
            bank = self.bank

        hours: None | str | Unset
        if isinstance(self.hours, Unset):
            hours = UNSET
        else:
            hours = self.hours

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "method": method,
        })
        if account_holder is not UNSET:
            field_dict["account_holder"] = account_holder
        if account_no is not UNSET:
            field_dict["account_no"] = account_no
        if bank is not UNSET:
            field_dict["bank"] = bank
        if hours is not UNSET:
            field_dict["hours"] = hours
        if location is not UNSET:
            field_dict["location"] = location
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        method = check_receiving_point_method(d.pop("method"))




        def _parse_account_holder(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_holder = _parse_account_holder(d.pop("account_holder", UNSET))


        def _parse_account_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_no = _parse_account_no(d.pop("account_no", UNSET))


        def _parse_bank(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bank = _parse_bank(d.pop("bank", UNSET))


        def _parse_hours(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hours = _parse_hours(d.pop("hours", UNSET))


        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))


        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))


        receiving_point = cls(
            method=method,
            account_holder=account_holder,
            account_no=account_no,
            bank=bank,
            hours=hours,
            location=location,
            note=note,
        )

        return receiving_point

