from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="ImportBatchIn")



@_attrs_define
class ImportBatchIn:
    """ 
        Attributes:
            batch_no (int): This batch's number in the import: 0, 1, 2, ... in the file's order. A batch sent again after it
                committed answers its rows as duplicates.
            import_id (UUID): The import (one id per run of an importer with several requests in flight).
     """

    batch_no: int
    import_id: UUID





    def to_dict(self) -> dict[str, Any]:
        batch_no = self.batch_no

        import_id = str(self.import_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "batch_no": batch_no,
            "import_id": import_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        batch_no = d.pop("batch_no")

        import_id = UUID(d.pop("import_id"))




        import_batch_in = cls(
            batch_no=batch_no,
            import_id=import_id,
        )

        return import_batch_in

