from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.public_distribution_out_kind import check_public_distribution_out_kind
from ..models.public_distribution_out_kind import PublicDistributionOutKind
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="PublicDistributionOut")



@_attrs_define
class PublicDistributionOut:
    """ 
        Attributes:
            amount_vnd (int):
            beneficiary_id (UUID): The recipient as a random pseudonym: the same for every distribution of this campaign to
                them, another in each campaign (one household's support cannot be followed across campaigns); not the campaigns
                service's beneficiary id, nor computed from it.
            distributed_on (datetime.date):
            kind (PublicDistributionOutKind):
            reversed_ (bool):
            unit_id (UUID):
            value_vnd (int):
     """

    amount_vnd: int
    beneficiary_id: UUID
    distributed_on: datetime.date
    kind: PublicDistributionOutKind
    reversed_: bool
    unit_id: UUID
    value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        amount_vnd = self.amount_vnd

        beneficiary_id = str(self.beneficiary_id)

        distributed_on = self.distributed_on.isoformat()

        kind: str = self.kind

        reversed_ = self.reversed_

        unit_id = str(self.unit_id)

        value_vnd = self.value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "beneficiary_id": beneficiary_id,
            "distributed_on": distributed_on,
            "kind": kind,
            "reversed": reversed_,
            "unit_id": unit_id,
            "value_vnd": value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        beneficiary_id = UUID(d.pop("beneficiary_id"))




        distributed_on = isoparse(d.pop("distributed_on")).date()




        kind = check_public_distribution_out_kind(d.pop("kind"))




        reversed_ = d.pop("reversed")

        unit_id = UUID(d.pop("unit_id"))




        value_vnd = d.pop("value_vnd")

        public_distribution_out = cls(
            amount_vnd=amount_vnd,
            beneficiary_id=beneficiary_id,
            distributed_on=distributed_on,
            kind=kind,
            reversed_=reversed_,
            unit_id=unit_id,
            value_vnd=value_vnd,
        )

        return public_distribution_out

