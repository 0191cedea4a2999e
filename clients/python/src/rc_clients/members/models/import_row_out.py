from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.import_row_out_status import check_import_row_out_status
from ..models.import_row_out_status import ImportRowOutStatus
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="ImportRowOut")



@_attrs_define
class ImportRowOut:
    """ 
        Attributes:
            person_id (None | UUID):
            reason (None | str):
            row (int):
            status (ImportRowOutStatus):
     """

    person_id: None | UUID
    reason: None | str
    row: int
    status: ImportRowOutStatus





    def to_dict(self) -> dict[str, Any]:
        person_id: None | str
        if isinstance(self.person_id, UUID):
            person_id = str(self.person_id)
        else:
            person_id = self.person_id

        reason: None | str
        reason = self.reason

        row = self.row

        status: str = self.status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "person_id": person_id,
            "reason": reason,
            "row": row,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_person_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                person_id_type_0 = UUID(data)



                return person_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        person_id = _parse_person_id(d.pop("person_id"))


        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        row = d.pop("row")

        status = check_import_row_out_status(d.pop("status"))




        import_row_out = cls(
            person_id=person_id,
            reason=reason,
            row=row,
            status=status,
        )

        return import_row_out

