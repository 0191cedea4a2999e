from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.unit_out_end_reason_type_0 import check_unit_out_end_reason_type_0
from ..models.unit_out_end_reason_type_0 import UnitOutEndReasonType0
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.unit_ref_out import UnitRefOut





T = TypeVar("T", bound="UnitOut")



@_attrs_define
class UnitOut:
    """ 
        Attributes:
            as_of (datetime.date):
            code (str):
            end_reason (None | UnitOutEndReasonType0):
            ended_on (datetime.date | None): The day the unit ended (merged or dissolved).
            id (UUID):
            level (str):
            merged_into (None | UUID):
            name (str):
            parent_id (None | UUID):
            path (list[UnitRefOut]): Ancestors on as_of, from the root down.
            valid_from (datetime.date): First day of the version valid on as_of.
            valid_to (datetime.date | None): The day that version ends (exclusive); null: still valid.
     """

    as_of: datetime.date
    code: str
    end_reason: None | UnitOutEndReasonType0
    ended_on: datetime.date | None
    id: UUID
    level: str
    merged_into: None | UUID
    name: str
    parent_id: None | UUID
    path: list[UnitRefOut]
    valid_from: datetime.date
    valid_to: datetime.date | None





    def to_dict(self) -> dict[str, Any]:
        from ..models.unit_ref_out import UnitRefOut
        as_of = self.as_of.isoformat()

        code = self.code

        end_reason: None | str
        if isinstance(self.end_reason, str):
            end_reason = self.end_reason
        else:
            end_reason = self.end_reason

        ended_on: None | str
        if isinstance(self.ended_on, datetime.date):
            ended_on = self.ended_on.isoformat()
        else:
            ended_on = self.ended_on

        id = str(self.id)

        level = self.level

        merged_into: None | str
        if isinstance(self.merged_into, UUID):
            merged_into = str(self.merged_into)
        else:
            merged_into = self.merged_into

        name = self.name

        parent_id: None | str
        if isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        path = []
        for path_item_data in self.path:
            path_item = path_item_data.to_dict()
            path.append(path_item)



        valid_from = self.valid_from.isoformat()

        valid_to: None | str
        if isinstance(self.valid_to, datetime.date):
            valid_to = self.valid_to.isoformat()
        else:
            valid_to = self.valid_to


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "code": code,
            "end_reason": end_reason,
            "ended_on": ended_on,
            "id": id,
            "level": level,
            "merged_into": merged_into,
            "name": name,
            "parent_id": parent_id,
            "path": path,
            "valid_from": valid_from,
            "valid_to": valid_to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_ref_out import UnitRefOut
        d = dict(src_dict)
        as_of = isoparse(d.pop("as_of")).date()




        code = d.pop("code")

        def _parse_end_reason(data: object) -> None | UnitOutEndReasonType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_reason_type_0 = check_unit_out_end_reason_type_0(data)



                return end_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UnitOutEndReasonType0, data)

        end_reason = _parse_end_reason(d.pop("end_reason"))


        def _parse_ended_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_on_type_0 = isoparse(data).date()



                return ended_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        ended_on = _parse_ended_on(d.pop("ended_on"))


        id = UUID(d.pop("id"))




        level = d.pop("level")

        def _parse_merged_into(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                merged_into_type_0 = UUID(data)



                return merged_into_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        merged_into = _parse_merged_into(d.pop("merged_into"))


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


        path = []
        _path = d.pop("path")
        for path_item_data in (_path):
            path_item = UnitRefOut.from_dict(path_item_data)



            path.append(path_item)


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


        unit_out = cls(
            as_of=as_of,
            code=code,
            end_reason=end_reason,
            ended_on=ended_on,
            id=id,
            level=level,
            merged_into=merged_into,
            name=name,
            parent_id=parent_id,
            path=path,
            valid_from=valid_from,
            valid_to=valid_to,
        )

        return unit_out

