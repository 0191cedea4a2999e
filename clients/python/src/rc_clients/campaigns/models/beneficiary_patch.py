from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="BeneficiaryPatch")



@_attrs_define
class BeneficiaryPatch:
    """ A correction of a beneficiary's personal details (the data subject's right, Law 91/2025): any subset;
    null clears the identity number, the circumstances or the notes.

        Attributes:
            address (str | Unset):
            commune (str | Unset):
            full_name (str | Unset): The person, or the head of household.
            id_number (None | str | Unset):
            notes (None | str | Unset):
            publish_name (bool | Unset): The consent to publish the name, given (true) or withdrawn (false). May the name be
                published on the campaign's public list of those supported (the Decree 93 disclosure)? A purpose of its own (Law
                91/2025): without this consent the list shows the commune and the support under an anonymous label.
            situation (None | str | Unset):
     """

    address: str | Unset = UNSET
    commune: str | Unset = UNSET
    full_name: str | Unset = UNSET
    id_number: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET
    publish_name: bool | Unset = UNSET
    situation: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        address = self.address

        commune = self.commune

        full_name = self.full_name

        id_number: None | str | Unset
        if isinstance(self.id_number, Unset):
            id_number = UNSET
        else:
            id_number = self.id_number

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        publish_name = self.publish_name

        situation: None | str | Unset
        if isinstance(self.situation, Unset):
            situation = UNSET
        else:
            situation = self.situation


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if address is not UNSET:
            field_dict["address"] = address
        if commune is not UNSET:
            field_dict["commune"] = commune
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if id_number is not UNSET:
            field_dict["id_number"] = id_number
        if notes is not UNSET:
            field_dict["notes"] = notes
        if publish_name is not UNSET:
            field_dict["publish_name"] = publish_name
        if situation is not UNSET:
            field_dict["situation"] = situation

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address", UNSET)

        commune = d.pop("commune", UNSET)

        full_name = d.pop("full_name", UNSET)

        def _parse_id_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id_number = _parse_id_number(d.pop("id_number", UNSET))


        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))


        publish_name = d.pop("publish_name", UNSET)

        def _parse_situation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        situation = _parse_situation(d.pop("situation", UNSET))


        beneficiary_patch = cls(
            address=address,
            commune=commune,
            full_name=full_name,
            id_number=id_number,
            notes=notes,
            publish_name=publish_name,
            situation=situation,
        )

        return beneficiary_patch

