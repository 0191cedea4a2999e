from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.distribution_out_kind import check_distribution_out_kind
from ..models.distribution_out_kind import DistributionOutKind
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.reversal_out import ReversalOut





T = TypeVar("T", bound="DistributionOut")



@_attrs_define
class DistributionOut:
    """ 
        Attributes:
            amount_vnd (int):
            beneficiary_id (UUID):
            campaign_id (UUID):
            created_at (datetime.datetime):
            description (None | str):
            distributed_on (datetime.date):
            id (UUID):
            kind (DistributionOutKind):
            people_reached (int | None):
            quantity (int | None):
            reversal (None | ReversalOut):
            reversed_ (bool):
            support_kind (None | str):
            unit_id (UUID):
            value_vnd (int):
            decision_no (None | str | Unset):
            support_level (None | str | Unset):
     """

    amount_vnd: int
    beneficiary_id: UUID
    campaign_id: UUID
    created_at: datetime.datetime
    description: None | str
    distributed_on: datetime.date
    id: UUID
    kind: DistributionOutKind
    people_reached: int | None
    quantity: int | None
    reversal: None | ReversalOut
    reversed_: bool
    support_kind: None | str
    unit_id: UUID
    value_vnd: int
    decision_no: None | str | Unset = UNSET
    support_level: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.reversal_out import ReversalOut
        amount_vnd = self.amount_vnd

        beneficiary_id = str(self.beneficiary_id)

        campaign_id = str(self.campaign_id)

        created_at = self.created_at.isoformat()

        description: None | str
        description = self.description

        distributed_on = self.distributed_on.isoformat()

        id = str(self.id)

        kind: str = self.kind

        people_reached: int | None
        people_reached = self.people_reached

        quantity: int | None
        quantity = self.quantity

        reversal: dict[str, Any] | None
        if isinstance(self.reversal, ReversalOut):
            reversal = self.reversal.to_dict()
        else:
            reversal = self.reversal

        reversed_ = self.reversed_

        support_kind: None | str
        support_kind = self.support_kind

        unit_id = str(self.unit_id)

        value_vnd = self.value_vnd

        decision_no: None | str | Unset
        if isinstance(self.decision_no, Unset):
            decision_no = UNSET
        else:
            decision_no = self.decision_no

        support_level: None | str | Unset
        if isinstance(self.support_level, Unset):
            support_level = UNSET
        else:
            support_level = self.support_level


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "beneficiary_id": beneficiary_id,
            "campaign_id": campaign_id,
            "created_at": created_at,
            "description": description,
            "distributed_on": distributed_on,
            "id": id,
            "kind": kind,
            "people_reached": people_reached,
            "quantity": quantity,
            "reversal": reversal,
            "reversed": reversed_,
            "support_kind": support_kind,
            "unit_id": unit_id,
            "value_vnd": value_vnd,
        })
        if decision_no is not UNSET:
            field_dict["decision_no"] = decision_no
        if support_level is not UNSET:
            field_dict["support_level"] = support_level

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reversal_out import ReversalOut
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        beneficiary_id = UUID(d.pop("beneficiary_id"))




        campaign_id = UUID(d.pop("campaign_id"))




        created_at = isoparse(d.pop("created_at"))




        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))


        distributed_on = isoparse(d.pop("distributed_on")).date()




        id = UUID(d.pop("id"))




        kind = check_distribution_out_kind(d.pop("kind"))




        def _parse_people_reached(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        people_reached = _parse_people_reached(d.pop("people_reached"))


        def _parse_quantity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        quantity = _parse_quantity(d.pop("quantity"))


        def _parse_reversal(data: object) -> None | ReversalOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reversal_type_0 = ReversalOut.from_dict(data)



                return reversal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReversalOut, data)

        reversal = _parse_reversal(d.pop("reversal"))


        reversed_ = d.pop("reversed")

        def _parse_support_kind(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        support_kind = _parse_support_kind(d.pop("support_kind"))


        unit_id = UUID(d.pop("unit_id"))




        value_vnd = d.pop("value_vnd")

        def _parse_decision_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_no = _parse_decision_no(d.pop("decision_no", UNSET))


        def _parse_support_level(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        support_level = _parse_support_level(d.pop("support_level", UNSET))


        distribution_out = cls(
            amount_vnd=amount_vnd,
            beneficiary_id=beneficiary_id,
            campaign_id=campaign_id,
            created_at=created_at,
            description=description,
            distributed_on=distributed_on,
            id=id,
            kind=kind,
            people_reached=people_reached,
            quantity=quantity,
            reversal=reversal,
            reversed_=reversed_,
            support_kind=support_kind,
            unit_id=unit_id,
            value_vnd=value_vnd,
            decision_no=decision_no,
            support_level=support_level,
        )

        return distribution_out

