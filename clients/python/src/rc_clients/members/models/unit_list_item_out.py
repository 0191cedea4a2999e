from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="UnitListItemOut")



@_attrs_define
class UnitListItemOut:
    """ 
        Attributes:
            code (str):
            id (UUID):
            level (str):
            name (str):
            parent_code (None | str):
            parent_id (None | UUID):
            valid_from (datetime.date):
            valid_to (datetime.date | None):
     """

    code: str
    id: UUID
    level: str
    name: str
    parent_code: None | str
    parent_id: None | UUID
    valid_from: datetime.date
    valid_to: datetime.date | None





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        id = str(self.id)

        level = self.level

        name = self.name

        parent_code: None | str
        parent_code = self.parent_code

        parent_id: None | str
        if isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        valid_from = self.valid_from.isoformat()

        valid_to: None | str
        if isinstance(self.valid_to, datetime.date):
            valid_to = self.valid_to.isoformat()
        else:
            valid_to = self.valid_to


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "id": id,
            "level": level,
            "name": name,
            "parent_code": parent_code,
            "parent_id": parent_id,
            "valid_from": valid_from,
            "valid_to": valid_to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        id = UUID(d.pop("id"))




        level = d.pop("level")

        name = d.pop("name")

        def _parse_parent_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_code = _parse_parent_code(d.pop("parent_code"))


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




        def _parse_valid_to(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_to_type_0 = isoparse(data).date()



                return valid_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        valid_to = _parse_valid_to(d.pop("valid_to"))


        unit_list_item_out = cls(
            code=code,
            id=id,
            level=level,
            name=name,
            parent_code=parent_code,
            parent_id=parent_id,
            valid_from=valid_from,
            valid_to=valid_to,
        )

        return unit_list_item_out

