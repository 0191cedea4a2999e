from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.unit_batch_result_out_status import check_unit_batch_result_out_status
from ..models.unit_batch_result_out_status import UnitBatchResultOutStatus
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="UnitBatchResultOut")



@_attrs_define
class UnitBatchResultOut:
    """ 
        Attributes:
            code (str):
            id (UUID):
            index (int):
            status (UnitBatchResultOutStatus):
     """

    code: str
    id: UUID
    index: int
    status: UnitBatchResultOutStatus





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        id = str(self.id)

        index = self.index

        status: str = self.status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "id": id,
            "index": index,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        id = UUID(d.pop("id"))




        index = d.pop("index")

        status = check_unit_batch_result_out_status(d.pop("status"))




        unit_batch_result_out = cls(
            code=code,
            id=id,
            index=index,
            status=status,
        )

        return unit_batch_result_out

