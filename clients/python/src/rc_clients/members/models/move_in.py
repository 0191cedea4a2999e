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






T = TypeVar("T", bound="MoveIn")



@_attrs_define
class MoveIn:
    """ 
        Attributes:
            parent_id (None | UUID): New parent (null: the unit becomes a root).
            valid_from (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            level (None | str | Unset): New level, when the move changes it.
     """

    parent_id: None | UUID
    valid_from: datetime.date
    level: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        parent_id: None | str
        if isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        valid_from = self.valid_from.isoformat()

        level: None | str | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "parent_id": parent_id,
            "valid_from": valid_from,
        })
        if level is not UNSET:
            field_dict["level"] = level

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_parent_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_id_type_0 = UUID(data)



                return parent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        parent_id = _parse_parent_id(d.pop("parent_id"))


        valid_from = isoparse(d.pop("valid_from")).date()




        def _parse_level(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        level = _parse_level(d.pop("level", UNSET))


        move_in = cls(
            parent_id=parent_id,
            valid_from=valid_from,
            level=level,
        )

        return move_in

