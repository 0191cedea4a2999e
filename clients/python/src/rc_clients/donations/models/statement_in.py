from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="StatementIn")



@_attrs_define
class StatementIn:
    """ 
        Attributes:
            rows (list[Any]): Rows {bank_reference, received_on, amount_vnd, payer_name?, description?}; each row is checked
                on its own (created | duplicate | rejected with a reason).
     """

    rows: list[Any]





    def to_dict(self) -> dict[str, Any]:
        rows = self.rows




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "rows": rows,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rows = cast(list[Any], d.pop("rows"))


        statement_in = cls(
            rows=rows,
        )

        return statement_in

