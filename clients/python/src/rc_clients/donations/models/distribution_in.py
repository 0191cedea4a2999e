from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.distribution_in_kind import check_distribution_in_kind
from ..models.distribution_in_kind import DistributionInKind
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="DistributionIn")



@_attrs_define
class DistributionIn:
    """ 
        Attributes:
            beneficiary_id (UUID):
            distributed_on (datetime.date): A date, YYYY-MM-DD, 2000-01-01 to 2100-12-31.
            kind (DistributionInKind):
            amount_vnd (int | None | Unset): Cash given (kind cash).
            decision_no (None | str | Unset): Number of the distribution decision (published).
            description (None | str | Unset): The purpose, published on the public ledger (digit runs masked): never a
                beneficiary's name.
            people_reached (int | None | Unset): Person-times supported by this distribution.
            quantity (int | None | Unset): How many of support_kind (default 1 with a support kind).
            support_kind (None | str | Unset): Kind of support, a code of the configured catalogue (RC_SUPPORT_KINDS).
            support_level (None | str | Unset): The support level of the campaign's policy this gift applies (published).
            unit_id (None | Unset | UUID): Distributing unit (default: the organising unit).
            value_vnd (int | None | Unset): Value of the goods given (kind goods).
     """

    beneficiary_id: UUID
    distributed_on: datetime.date
    kind: DistributionInKind
    amount_vnd: int | None | Unset = UNSET
    decision_no: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    people_reached: int | None | Unset = UNSET
    quantity: int | None | Unset = UNSET
    support_kind: None | str | Unset = UNSET
    support_level: None | str | Unset = UNSET
    unit_id: None | Unset | UUID = UNSET
    value_vnd: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        beneficiary_id = str(self.beneficiary_id)

        distributed_on = self.distributed_on.isoformat()

        kind: str = self.kind

        amount_vnd: int | None | Unset
        if isinstance(self.amount_vnd, Unset):
            amount_vnd = UNSET
        else:
            amount_vnd = self.amount_vnd

        decision_no: None | str | Unset
        if isinstance(self.decision_no, Unset):
            decision_no = UNSET
        else:
            decision_no = self.decision_no

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        people_reached: int | None | Unset
        if isinstance(self.people_reached, Unset):
            people_reached = UNSET
        else:
            people_reached = self.people_reached

        quantity: int | None | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        support_kind: None | str | Unset
        if isinstance(self.support_kind, Unset):
            support_kind = UNSET
        else:
            support_kind = self.support_kind

        support_level: None | str | Unset
        if isinstance(self.support_level, Unset):
            support_level = UNSET
        else:
            support_level = self.support_level

        unit_id: None | str | Unset
        if isinstance(self.unit_id, Unset):
            unit_id = UNSET
        elif isinstance(self.unit_id, UUID):
            unit_id = str(self.unit_id)
        else:
            unit_id = self.unit_id

        value_vnd: int | None | Unset
        if isinstance(self.value_vnd, Unset):
            value_vnd = UNSET
        else:
            value_vnd = self.value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "beneficiary_id": beneficiary_id,
            "distributed_on": distributed_on,
            "kind": kind,
        })
        if amount_vnd is not UNSET:
            field_dict["amount_vnd"] = amount_vnd
        if decision_no is not UNSET:
            field_dict["decision_no"] = decision_no
        if description is not UNSET:
            field_dict["description"] = description
        if people_reached is not UNSET:
            field_dict["people_reached"] = people_reached
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if support_kind is not UNSET:
            field_dict["support_kind"] = support_kind
        if support_level is not UNSET:
            field_dict["support_level"] = support_level
        if unit_id is not UNSET:
            field_dict["unit_id"] = unit_id
        if value_vnd is not UNSET:
            field_dict["value_vnd"] = value_vnd

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        beneficiary_id = UUID(d.pop("beneficiary_id"))




        distributed_on = isoparse(d.pop("distributed_on")).date()




        kind = check_distribution_in_kind(d.pop("kind"))




        def _parse_amount_vnd(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        amount_vnd = _parse_amount_vnd(d.pop("amount_vnd", UNSET))


        def _parse_decision_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_no = _parse_decision_no(d.pop("decision_no", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_people_reached(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        people_reached = _parse_people_reached(d.pop("people_reached", UNSET))


        def _parse_quantity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))


        def _parse_support_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        support_kind = _parse_support_kind(d.pop("support_kind", UNSET))


        def _parse_support_level(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        support_level = _parse_support_level(d.pop("support_level", UNSET))


        def _parse_unit_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                unit_id_type_0 = UUID(data)



                return unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        unit_id = _parse_unit_id(d.pop("unit_id", UNSET))


        def _parse_value_vnd(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        value_vnd = _parse_value_vnd(d.pop("value_vnd", UNSET))


        distribution_in = cls(
            beneficiary_id=beneficiary_id,
            distributed_on=distributed_on,
            kind=kind,
            amount_vnd=amount_vnd,
            decision_no=decision_no,
            description=description,
            people_reached=people_reached,
            quantity=quantity,
            support_kind=support_kind,
            support_level=support_level,
            unit_id=unit_id,
            value_vnd=value_vnd,
        )

        return distribution_in

