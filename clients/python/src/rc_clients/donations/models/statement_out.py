from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.statement_row_out import StatementRowOut





T = TypeVar("T", bound="StatementOut")



@_attrs_define
class StatementOut:
    """ 
        Attributes:
            campaign_id (UUID):
            created (int):
            created_amount_vnd (int):
            duplicate (int):
            duplicate_amount_vnd (int):
            rejected (int):
            results (list[StatementRowOut]):
            rows (int):
     """

    campaign_id: UUID
    created: int
    created_amount_vnd: int
    duplicate: int
    duplicate_amount_vnd: int
    rejected: int
    results: list[StatementRowOut]
    rows: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.statement_row_out import StatementRowOut
        campaign_id = str(self.campaign_id)

        created = self.created

        created_amount_vnd = self.created_amount_vnd

        duplicate = self.duplicate

        duplicate_amount_vnd = self.duplicate_amount_vnd

        rejected = self.rejected

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)



        rows = self.rows


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_id": campaign_id,
            "created": created,
            "created_amount_vnd": created_amount_vnd,
            "duplicate": duplicate,
            "duplicate_amount_vnd": duplicate_amount_vnd,
            "rejected": rejected,
            "results": results,
            "rows": rows,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.statement_row_out import StatementRowOut
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))




        created = d.pop("created")

        created_amount_vnd = d.pop("created_amount_vnd")

        duplicate = d.pop("duplicate")

        duplicate_amount_vnd = d.pop("duplicate_amount_vnd")

        rejected = d.pop("rejected")

        results = []
        _results = d.pop("results")
        for results_item_data in (_results):
            results_item = StatementRowOut.from_dict(results_item_data)



            results.append(results_item)


        rows = d.pop("rows")

        statement_out = cls(
            campaign_id=campaign_id,
            created=created,
            created_amount_vnd=created_amount_vnd,
            duplicate=duplicate,
            duplicate_amount_vnd=duplicate_amount_vnd,
            rejected=rejected,
            results=results,
            rows=rows,
        )

        return statement_out

