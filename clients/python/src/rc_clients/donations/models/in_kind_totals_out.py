from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="InKindTotalsOut")



@_attrs_define
class InKindTotalsOut:
    """ 
        Attributes:
            balance_value_vnd (int):
            distributed_value_vnd (int):
            distribution_reversed_value_vnd (int):
            net_distributed_value_vnd (int):
            net_received_value_vnd (int):
            received_value_vnd (int):
            reversed_value_vnd (int):
     """

    balance_value_vnd: int
    distributed_value_vnd: int
    distribution_reversed_value_vnd: int
    net_distributed_value_vnd: int
    net_received_value_vnd: int
    received_value_vnd: int
    reversed_value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        balance_value_vnd = self.balance_value_vnd

        distributed_value_vnd = self.distributed_value_vnd

        distribution_reversed_value_vnd = self.distribution_reversed_value_vnd

        net_distributed_value_vnd = self.net_distributed_value_vnd

        net_received_value_vnd = self.net_received_value_vnd

        received_value_vnd = self.received_value_vnd

        reversed_value_vnd = self.reversed_value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "balance_value_vnd": balance_value_vnd,
            "distributed_value_vnd": distributed_value_vnd,
            "distribution_reversed_value_vnd": distribution_reversed_value_vnd,
            "net_distributed_value_vnd": net_distributed_value_vnd,
            "net_received_value_vnd": net_received_value_vnd,
            "received_value_vnd": received_value_vnd,
            "reversed_value_vnd": reversed_value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        balance_value_vnd = d.pop("balance_value_vnd")

        distributed_value_vnd = d.pop("distributed_value_vnd")

        distribution_reversed_value_vnd = d.pop("distribution_reversed_value_vnd")

        net_distributed_value_vnd = d.pop("net_distributed_value_vnd")

        net_received_value_vnd = d.pop("net_received_value_vnd")

        received_value_vnd = d.pop("received_value_vnd")

        reversed_value_vnd = d.pop("reversed_value_vnd")

        in_kind_totals_out = cls(
            balance_value_vnd=balance_value_vnd,
            distributed_value_vnd=distributed_value_vnd,
            distribution_reversed_value_vnd=distribution_reversed_value_vnd,
            net_distributed_value_vnd=net_distributed_value_vnd,
            net_received_value_vnd=net_received_value_vnd,
            received_value_vnd=received_value_vnd,
            reversed_value_vnd=reversed_value_vnd,
        )

        return in_kind_totals_out

