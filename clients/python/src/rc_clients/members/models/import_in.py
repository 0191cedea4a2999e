from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.import_in_rows_item import ImportInRowsItem





T = TypeVar("T", bound="ImportIn")



@_attrs_define
class ImportIn:
    """ 
        Attributes:
            rows (list[ImportInRowsItem]):
            source (str):
            first_row (int | Unset): Row number of rows[0] in the source file (for the results). Default: 1.
     """

    rows: list[ImportInRowsItem]
    source: str
    first_row: int | Unset = 1





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_in_rows_item import ImportInRowsItem
        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)



        source = self.source

        first_row = self.first_row


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "rows": rows,
            "source": source,
        })
        if first_row is not UNSET:
            field_dict["first_row"] = first_row

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_in_rows_item import ImportInRowsItem
        d = dict(src_dict)
        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = ImportInRowsItem.from_dict(rows_item_data)



            rows.append(rows_item)


        source = d.pop("source")

        first_row = d.pop("first_row", UNSET)

        import_in = cls(
            rows=rows,
            source=source,
            first_row=first_row,
        )

        return import_in

