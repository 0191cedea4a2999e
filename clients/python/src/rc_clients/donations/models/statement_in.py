from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="StatementIn")



@_attrs_define
class StatementIn:
    """ 
        Attributes:
            rows (list[Any]): Rows {bank_reference, received_on, amount_vnd, payer_name?, description?}; each row is checked
                on its own (created | duplicate | rejected with a reason).
            batch_no (int | None | Unset): With import_id: this batch's number in the import, 0, 1, 2, ... in the file's
                order. A batch sent again after it committed answers its rows as duplicates.
            import_id (None | Unset | UUID): With batch_no: the import this request is a batch of (one id per run of an
                importer that keeps several requests in flight). The batch numbers its rows only once batch batch_no - 1 of the
                same import has committed, so the receipts follow the order of the batches whichever replica answers (a batch
                out of its turn waits, then 503 with Retry-After). Without both, rows are numbered as they come.
     """

    rows: list[Any]
    batch_no: int | None | Unset = UNSET
    import_id: None | Unset | UUID = UNSET





    def to_dict(self) -> dict[str, Any]:
        rows = self.rows



        batch_no: int | None | Unset
        if isinstance(self.batch_no, Unset):
            batch_no = UNSET
        else:
            batch_no = self.batch_no

        import_id: None | str | Unset
        if isinstance(self.import_id, Unset):
            import_id = UNSET
        elif isinstance(self.import_id, UUID):
            import_id = str(self.import_id)
        else:
            import_id = self.import_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "rows": rows,
        })
        if batch_no is not UNSET:
            field_dict["batch_no"] = batch_no
        if import_id is not UNSET:
            field_dict["import_id"] = import_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rows = cast(list[Any], d.pop("rows"))


        def _parse_batch_no(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        batch_no = _parse_batch_no(d.pop("batch_no", UNSET))


        def _parse_import_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                import_id_type_0 = UUID(data)



                return import_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        import_id = _parse_import_id(d.pop("import_id", UNSET))


        statement_in = cls(
            rows=rows,
            batch_no=batch_no,
            import_id=import_id,
        )

        return statement_in

