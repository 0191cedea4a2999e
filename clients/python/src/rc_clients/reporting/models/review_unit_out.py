from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.review_unit_out_units_by_level import ReviewUnitOutUnitsByLevel





T = TypeVar("T", bound="ReviewUnitOut")



@_attrs_define
class ReviewUnitOut:
    """ 
        Attributes:
            code (str):
            level (str):
            name (str):
            parent_id (None | UUID):
            parent_name (None | str): The parent unit's name on the period's end (null: the top of the tree, a province's
                society, whose report goes to the national society).
            unit_id (UUID):
            units_by_level (ReviewUnitOutUnitsByLevel): Units of the subtree on the period's end, by level.
     """

    code: str
    level: str
    name: str
    parent_id: None | UUID
    parent_name: None | str
    unit_id: UUID
    units_by_level: ReviewUnitOutUnitsByLevel





    def to_dict(self) -> dict[str, Any]:
        from ..models.review_unit_out_units_by_level import ReviewUnitOutUnitsByLevel
        code = self.code

        level = self.level

        name = self.name

        parent_id: None | str
        if isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        parent_name: None | str
        parent_name = self.parent_name

        unit_id = str(self.unit_id)

        units_by_level = self.units_by_level.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "level": level,
            "name": name,
            "parent_id": parent_id,
            "parent_name": parent_name,
            "unit_id": unit_id,
            "units_by_level": units_by_level,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.review_unit_out_units_by_level import ReviewUnitOutUnitsByLevel
        d = dict(src_dict)
        code = d.pop("code")

        level = d.pop("level")

        name = d.pop("name")

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


        def _parse_parent_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_name = _parse_parent_name(d.pop("parent_name"))


        unit_id = UUID(d.pop("unit_id"))




        units_by_level = ReviewUnitOutUnitsByLevel.from_dict(d.pop("units_by_level"))




        review_unit_out = cls(
            code=code,
            level=level,
            name=name,
            parent_id=parent_id,
            parent_name=parent_name,
            unit_id=unit_id,
            units_by_level=units_by_level,
        )

        return review_unit_out

