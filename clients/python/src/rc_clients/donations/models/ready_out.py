from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.ready_out_checks import ReadyOutChecks





T = TypeVar("T", bound="ReadyOut")



@_attrs_define
class ReadyOut:
    """ 
        Attributes:
            checks (ReadyOutChecks): database, kafka (ok or the error), outbox_backlog, outbox_relay.
            status (str): ok; degraded (200: the broker does not answer, and events wait in the outbox); or unavailable
                (503: the database does not answer).
     """

    checks: ReadyOutChecks
    status: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.ready_out_checks import ReadyOutChecks
        checks = self.checks.to_dict()

        status = self.status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "checks": checks,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ready_out_checks import ReadyOutChecks
        d = dict(src_dict)
        checks = ReadyOutChecks.from_dict(d.pop("checks"))




        status = d.pop("status")

        ready_out = cls(
            checks=checks,
            status=status,
        )

        return ready_out

