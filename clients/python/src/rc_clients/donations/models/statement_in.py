from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.import_batch_in import ImportBatchIn





T = TypeVar("T", bound="StatementIn")



@_attrs_define
class StatementIn:
    """ 
        Attributes:
            rows (list[Any]): Rows {bank_reference, received_on, amount_vnd, payer_name?, description?}; each row is checked
                on its own (created | duplicate | rejected with a reason).
            import_batch (ImportBatchIn | None | Unset): This request's place in an import sent with several requests in
                flight: the batch numbers its rows only once the batch before it in the same import has committed, so the
                receipts follow the order of the batches whichever replica answers (a batch out of its turn waits, then 503 with
                Retry-After). Without it, rows are numbered as they come.
     """

    rows: list[Any]
    import_batch: ImportBatchIn | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_batch_in import ImportBatchIn
        rows = self.rows



        import_batch: dict[str, Any] | None | Unset
        if isinstance(self.import_batch, Unset):
            import_batch = UNSET
        elif isinstance(self.import_batch, ImportBatchIn):
            import_batch = self.import_batch.to_dict()
        else:
            import_batch = self.import_batch


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "rows": rows,
        })
        if import_batch is not UNSET:
            field_dict["import_batch"] = import_batch

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_batch_in import ImportBatchIn
        d = dict(src_dict)
        rows = cast(list[Any], d.pop("rows"))


        def _parse_import_batch(data: object) -> ImportBatchIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                import_batch_type_0 = ImportBatchIn.from_dict(data)



                return import_batch_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImportBatchIn | None | Unset, data)

        import_batch = _parse_import_batch(d.pop("import_batch", UNSET))


        statement_in = cls(
            rows=rows,
            import_batch=import_batch,
        )

        return statement_in

