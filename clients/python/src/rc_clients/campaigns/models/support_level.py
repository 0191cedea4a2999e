from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SupportLevel")



@_attrs_define
class SupportLevel:
    """ One level of the campaign's support policy (Art. 14 (c)).

        Attributes:
            title (str):
            amount_vnd (int | None | Unset): Support per beneficiary at this level, if in cash.
            description (None | str | Unset):
     """

    title: str
    amount_vnd: int | None | Unset = UNSET
    description: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        title = self.title

        amount_vnd: int | None | Unset
        if isinstance(self.amount_vnd, Unset):
            amount_vnd = UNSET
        else:
            amount_vnd = self.amount_vnd

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "title": title,
        })
        if amount_vnd is not UNSET:
            field_dict["amount_vnd"] = amount_vnd
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        def _parse_amount_vnd(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        amount_vnd = _parse_amount_vnd(d.pop("amount_vnd", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        support_level = cls(
            title=title,
            amount_vnd=amount_vnd,
            description=description,
        )

        return support_level

