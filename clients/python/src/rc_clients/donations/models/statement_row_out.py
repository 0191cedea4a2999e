from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.statement_row_out_status import check_statement_row_out_status
from ..models.statement_row_out_status import StatementRowOutStatus
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="StatementRowOut")



@_attrs_define
class StatementRowOut:
    """ 
        Attributes:
            bank_reference (None | str):
            index (int):
            status (StatementRowOutStatus):
            donation_id (None | Unset | UUID):
            reason (None | str | Unset):
            receipt_no (int | None | Unset):
            recorded_after_close (bool | None | Unset):
     """

    bank_reference: None | str
    index: int
    status: StatementRowOutStatus
    donation_id: None | Unset | UUID = UNSET
    reason: None | str | Unset = UNSET
    receipt_no: int | None | Unset = UNSET
    recorded_after_close: bool | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        bank_reference: None | str
        bank_reference = self.bank_reference

        index = self.index

        status: str = self.status

        donation_id: None | str | Unset
        if isinstance(self.donation_id, Unset):
            donation_id = UNSET
        elif isinstance(self.donation_id, UUID):
            donation_id = str(self.donation_id)
        else:
            donation_id = self.donation_id

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        receipt_no: int | None | Unset
        if isinstance(self.receipt_no, Unset):
            receipt_no = UNSET
        else:
            receipt_no = self.receipt_no

        recorded_after_close: bool | None | Unset
        if isinstance(self.recorded_after_close, Unset):
            recorded_after_close = UNSET
        else:
            recorded_after_close = self.recorded_after_close


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "bank_reference": bank_reference,
            "index": index,
            "status": status,
        })
        if donation_id is not UNSET:
            field_dict["donation_id"] = donation_id
        if reason is not UNSET:
            field_dict["reason"] = reason
        if receipt_no is not UNSET:
            field_dict["receipt_no"] = receipt_no
        if recorded_after_close is not UNSET:
            field_dict["recorded_after_close"] = recorded_after_close

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_bank_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bank_reference = _parse_bank_reference(d.pop("bank_reference"))


        index = d.pop("index")

        status = check_statement_row_out_status(d.pop("status"))




        def _parse_donation_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                donation_id_type_0 = UUID(data)



                return donation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        donation_id = _parse_donation_id(d.pop("donation_id", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_receipt_no(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        receipt_no = _parse_receipt_no(d.pop("receipt_no", UNSET))


        def _parse_recorded_after_close(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        recorded_after_close = _parse_recorded_after_close(d.pop("recorded_after_close", UNSET))


        statement_row_out = cls(
            bank_reference=bank_reference,
            index=index,
            status=status,
            donation_id=donation_id,
            reason=reason,
            receipt_no=receipt_no,
            recorded_after_close=recorded_after_close,
        )

        return statement_row_out

