from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.unit_batch_result_out import UnitBatchResultOut





T = TypeVar("T", bound="UnitBatchOut")



@_attrs_define
class UnitBatchOut:
    """ 
        Attributes:
            created (int):
            results (list[UnitBatchResultOut]):
            unchanged (int):
     """

    created: int
    results: list[UnitBatchResultOut]
    unchanged: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.unit_batch_result_out import UnitBatchResultOut
        created = self.created

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)



        unchanged = self.unchanged


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "created": created,
            "results": results,
            "unchanged": unchanged,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_batch_result_out import UnitBatchResultOut
        d = dict(src_dict)
        created = d.pop("created")

        results = []
        _results = d.pop("results")
        for results_item_data in (_results):
            results_item = UnitBatchResultOut.from_dict(results_item_data)



            results.append(results_item)


        unchanged = d.pop("unchanged")

        unit_batch_out = cls(
            created=created,
            results=results,
            unchanged=unchanged,
        )

        return unit_batch_out

