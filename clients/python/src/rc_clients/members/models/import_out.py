from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.import_row_out import ImportRowOut





T = TypeVar("T", bound="ImportOut")



@_attrs_define
class ImportOut:
    """ 
        Attributes:
            created (int):
            rejected (int):
            results (list[ImportRowOut]):
            source (str):
            unchanged (int):
     """

    created: int
    rejected: int
    results: list[ImportRowOut]
    source: str
    unchanged: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_row_out import ImportRowOut
        created = self.created

        rejected = self.rejected

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)



        source = self.source

        unchanged = self.unchanged


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "created": created,
            "rejected": rejected,
            "results": results,
            "source": source,
            "unchanged": unchanged,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_row_out import ImportRowOut
        d = dict(src_dict)
        created = d.pop("created")

        rejected = d.pop("rejected")

        results = []
        _results = d.pop("results")
        for results_item_data in (_results):
            results_item = ImportRowOut.from_dict(results_item_data)



            results.append(results_item)


        source = d.pop("source")

        unchanged = d.pop("unchanged")

        import_out = cls(
            created=created,
            rejected=rejected,
            results=results,
            source=source,
            unchanged=unchanged,
        )

        return import_out

