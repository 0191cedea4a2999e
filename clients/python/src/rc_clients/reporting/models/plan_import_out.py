from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PlanImportOut")



@_attrs_define
class PlanImportOut:
    """ 
        Attributes:
            changed (int):
            rows (int):
            targets (int):
     """

    changed: int
    rows: int
    targets: int





    def to_dict(self) -> dict[str, Any]:
        changed = self.changed

        rows = self.rows

        targets = self.targets


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "changed": changed,
            "rows": rows,
            "targets": targets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        changed = d.pop("changed")

        rows = d.pop("rows")

        targets = d.pop("targets")

        plan_import_out = cls(
            changed=changed,
            rows=rows,
            targets=targets,
        )

        return plan_import_out

