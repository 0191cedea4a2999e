from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="CashTotalsOut")



@_attrs_define
class CashTotalsOut:
    """ 
        Attributes:
            balance_vnd (int):
            distributed_vnd (int):
            distribution_reversed_vnd (int):
            net_distributed_vnd (int):
            net_received_vnd (int):
            received_vnd (int):
            reversed_vnd (int):
     """

    balance_vnd: int
    distributed_vnd: int
    distribution_reversed_vnd: int
    net_distributed_vnd: int
    net_received_vnd: int
    received_vnd: int
    reversed_vnd: int





    def to_dict(self) -> dict[str, Any]:
        balance_vnd = self.balance_vnd

        distributed_vnd = self.distributed_vnd

        distribution_reversed_vnd = self.distribution_reversed_vnd

        net_distributed_vnd = self.net_distributed_vnd

        net_received_vnd = self.net_received_vnd

        received_vnd = self.received_vnd

        reversed_vnd = self.reversed_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "balance_vnd": balance_vnd,
            "distributed_vnd": distributed_vnd,
            "distribution_reversed_vnd": distribution_reversed_vnd,
            "net_distributed_vnd": net_distributed_vnd,
            "net_received_vnd": net_received_vnd,
            "received_vnd": received_vnd,
            "reversed_vnd": reversed_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        balance_vnd = d.pop("balance_vnd")

        distributed_vnd = d.pop("distributed_vnd")

        distribution_reversed_vnd = d.pop("distribution_reversed_vnd")

        net_distributed_vnd = d.pop("net_distributed_vnd")

        net_received_vnd = d.pop("net_received_vnd")

        received_vnd = d.pop("received_vnd")

        reversed_vnd = d.pop("reversed_vnd")

        cash_totals_out = cls(
            balance_vnd=balance_vnd,
            distributed_vnd=distributed_vnd,
            distribution_reversed_vnd=distribution_reversed_vnd,
            net_distributed_vnd=net_distributed_vnd,
            net_received_vnd=net_received_vnd,
            received_vnd=received_vnd,
            reversed_vnd=reversed_vnd,
        )

        return cash_totals_out

