from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.plan_out_rolled_up import PlanOutRolledUp
  from ..models.plan_out_targets import PlanOutTargets





T = TypeVar("T", bound="PlanOut")



@_attrs_define
class PlanOut:
    """ 
        Attributes:
            rolled_up (PlanOutRolledUp): The plan of the subtree (own targets win over those below); an indicator is absent
                when part of the subtree has no target for it (a unit with no target and nobody planned below it).
            targets (PlanOutTargets): The unit's own targets.
            unit_id (UUID):
            year (int):
     """

    rolled_up: PlanOutRolledUp
    targets: PlanOutTargets
    unit_id: UUID
    year: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_out_rolled_up import PlanOutRolledUp
        from ..models.plan_out_targets import PlanOutTargets
        rolled_up = self.rolled_up.to_dict()

        targets = self.targets.to_dict()

        unit_id = str(self.unit_id)

        year = self.year


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "rolled_up": rolled_up,
            "targets": targets,
            "unit_id": unit_id,
            "year": year,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_out_rolled_up import PlanOutRolledUp
        from ..models.plan_out_targets import PlanOutTargets
        d = dict(src_dict)
        rolled_up = PlanOutRolledUp.from_dict(d.pop("rolled_up"))




        targets = PlanOutTargets.from_dict(d.pop("targets"))




        unit_id = UUID(d.pop("unit_id"))




        year = d.pop("year")

        plan_out = cls(
            rolled_up=rolled_up,
            targets=targets,
            unit_id=unit_id,
            year=year,
        )

        return plan_out

