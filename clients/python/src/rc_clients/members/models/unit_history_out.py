from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.unit_history_out_end_reason_type_0 import check_unit_history_out_end_reason_type_0
from ..models.unit_history_out_end_reason_type_0 import UnitHistoryOutEndReasonType0
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.unit_version_out import UnitVersionOut





T = TypeVar("T", bound="UnitHistoryOut")



@_attrs_define
class UnitHistoryOut:
    """ 
        Attributes:
            code (str):
            end_reason (None | UnitHistoryOutEndReasonType0):
            ended_on (datetime.date | None):
            id (UUID):
            merged_into (None | UUID):
            versions (list[UnitVersionOut]):
     """

    code: str
    end_reason: None | UnitHistoryOutEndReasonType0
    ended_on: datetime.date | None
    id: UUID
    merged_into: None | UUID
    versions: list[UnitVersionOut]





    def to_dict(self) -> dict[str, Any]:
        from ..models.unit_version_out import UnitVersionOut
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

        merged_into: None | str
        if isinstance(self.merged_into, UUID):
            merged_into = str(self.merged_into)
        else:
            merged_into = self.merged_into

        versions = []
        for versions_item_data in self.versions:
            versions_item = versions_item_data.to_dict()
            versions.append(versions_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "end_reason": end_reason,
            "ended_on": ended_on,
            "id": id,
            "merged_into": merged_into,
            "versions": versions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_version_out import UnitVersionOut
        d = dict(src_dict)
        code = d.pop("code")

        def _parse_end_reason(data: object) -> None | UnitHistoryOutEndReasonType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_reason_type_0 = check_unit_history_out_end_reason_type_0(data)



                return end_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UnitHistoryOutEndReasonType0, data)

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


        versions = []
        _versions = d.pop("versions")
        for versions_item_data in (_versions):
            versions_item = UnitVersionOut.from_dict(versions_item_data)



            versions.append(versions_item)


        unit_history_out = cls(
            code=code,
            end_reason=end_reason,
            ended_on=ended_on,
            id=id,
            merged_into=merged_into,
            versions=versions,
        )

        return unit_history_out

