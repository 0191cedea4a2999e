from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.registration_in_blood_group_type_0 import check_registration_in_blood_group_type_0
from ..models.registration_in_blood_group_type_0 import RegistrationInBloodGroupType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RegistrationIn")



@_attrs_define
class RegistrationIn:
    """ 
        Attributes:
            donor_ref (str): Opaque donor id (UUID) or an external donor number; never a name.
            blood_group (None | RegistrationInBloodGroupType0 | Unset):
            note (str | Unset):  Default: ''.
     """

    donor_ref: str
    blood_group: None | RegistrationInBloodGroupType0 | Unset = UNSET
    note: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        donor_ref = self.donor_ref

        blood_group: None | str | Unset
        if isinstance(self.blood_group, Unset):
            blood_group = UNSET
        elif isinstance(self.blood_group, str):
            blood_group = self.blood_group
        else:
            blood_group = self.blood_group

        note = self.note


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "donor_ref": donor_ref,
        })
        if blood_group is not UNSET:
            field_dict["blood_group"] = blood_group
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        donor_ref = d.pop("donor_ref")

        def _parse_blood_group(data: object) -> None | RegistrationInBloodGroupType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                blood_group_type_0 = check_registration_in_blood_group_type_0(data)



                return blood_group_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RegistrationInBloodGroupType0 | Unset, data)

        blood_group = _parse_blood_group(d.pop("blood_group", UNSET))


        note = d.pop("note", UNSET)

        registration_in = cls(
            donor_ref=donor_ref,
            blood_group=blood_group,
            note=note,
        )

        return registration_in

