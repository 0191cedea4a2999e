from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="DissolveIn")



@_attrs_define
class DissolveIn:
    """ 
        Attributes:
            valid_from (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            reassign_children_to (None | Unset | UUID): Unit that receives the child units (required when there are any).
            reassign_members_to (None | Unset | UUID): Unit that receives open memberships and active roles (required when
                there are any).
     """

    valid_from: datetime.date
    reassign_children_to: None | Unset | UUID = UNSET
    reassign_members_to: None | Unset | UUID = UNSET





    def to_dict(self) -> dict[str, Any]:
        valid_from = self.valid_from.isoformat()

        reassign_children_to: None | str | Unset
        if isinstance(self.reassign_children_to, Unset):
            reassign_children_to = UNSET
        elif isinstance(self.reassign_children_to, UUID):
            reassign_children_to = str(self.reassign_children_to)
        else:
            reassign_children_to = self.reassign_children_to

        reassign_members_to: None | str | Unset
        if isinstance(self.reassign_members_to, Unset):
            reassign_members_to = UNSET
        elif isinstance(self.reassign_members_to, UUID):
            reassign_members_to = str(self.reassign_members_to)
        else:
            reassign_members_to = self.reassign_members_to


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "valid_from": valid_from,
        })
        if reassign_children_to is not UNSET:
            field_dict["reassign_children_to"] = reassign_children_to
        if reassign_members_to is not UNSET:
            field_dict["reassign_members_to"] = reassign_members_to

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        valid_from = isoparse(d.pop("valid_from")).date()




        def _parse_reassign_children_to(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reassign_children_to_type_0 = UUID(data)



                return reassign_children_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        reassign_children_to = _parse_reassign_children_to(d.pop("reassign_children_to", UNSET))


        def _parse_reassign_members_to(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reassign_members_to_type_0 = UUID(data)



                return reassign_members_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        reassign_members_to = _parse_reassign_members_to(d.pop("reassign_members_to", UNSET))


        dissolve_in = cls(
            valid_from=valid_from,
            reassign_children_to=reassign_children_to,
            reassign_members_to=reassign_members_to,
        )

        return dissolve_in

