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






T = TypeVar("T", bound="UnitBatchItem")



@_attrs_define
class UnitBatchItem:
    """ 
        Attributes:
            code (str):
            level (str):
            name (str):
            valid_from (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            parent_code (None | str | Unset): The parent's code (an earlier item of the batch or existing).
            parent_id (None | Unset | UUID):
     """

    code: str
    level: str
    name: str
    valid_from: datetime.date
    parent_code: None | str | Unset = UNSET
    parent_id: None | Unset | UUID = UNSET





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        level = self.level

        name = self.name

        valid_from = self.valid_from.isoformat()

        parent_code: None | str | Unset
        if isinstance(self.parent_code, Unset):
            parent_code = UNSET
        else:
            parent_code = self.parent_code

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        elif isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "level": level,
            "name": name,
            "valid_from": valid_from,
        })
        if parent_code is not UNSET:
            field_dict["parent_code"] = parent_code
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        level = d.pop("level")

        name = d.pop("name")

        valid_from = isoparse(d.pop("valid_from")).date()




        def _parse_parent_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_code = _parse_parent_code(d.pop("parent_code", UNSET))


        def _parse_parent_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_id_type_0 = UUID(data)



                return parent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))


        unit_batch_item = cls(
            code=code,
            level=level,
            name=name,
            valid_from=valid_from,
            parent_code=parent_code,
            parent_id=parent_id,
        )

        return unit_batch_item

