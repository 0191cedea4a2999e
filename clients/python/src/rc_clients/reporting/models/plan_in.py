from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.plan_in_targets import PlanInTargets





T = TypeVar("T", bound="PlanIn")



@_attrs_define
class PlanIn:
    """ 
        Attributes:
            targets (PlanInTargets): Indicator -> target (a whole number, 0 to 10^15). Replaces the year's targets.
     """

    targets: PlanInTargets





    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_in_targets import PlanInTargets
        targets = self.targets.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "targets": targets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_in_targets import PlanInTargets
        d = dict(src_dict)
        targets = PlanInTargets.from_dict(d.pop("targets"))




        plan_in = cls(
            targets=targets,
        )

        return plan_in

