from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.donor_in import DonorIn





T = TypeVar("T", bound="PledgeIn")



@_attrs_define
class PledgeIn:
    """ 
        Attributes:
            amount_vnd (int): Whole VND (an integer), 1 to 10^15.
            first_due_on (datetime.date): A date, YYYY-MM-DD, 2000-01-01 to 2100-12-31.
            instalments (int):
            donor (DonorIn | None | Unset):
            interval_days (int | Unset):  Default: 30.
            unit_id (None | Unset | UUID):
     """

    amount_vnd: int
    first_due_on: datetime.date
    instalments: int
    donor: DonorIn | None | Unset = UNSET
    interval_days: int | Unset = 30
    unit_id: None | Unset | UUID = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.donor_in import DonorIn
        amount_vnd = self.amount_vnd

        first_due_on = self.first_due_on.isoformat()

        instalments = self.instalments

        donor: dict[str, Any] | None | Unset
        if isinstance(self.donor, Unset):
            donor = UNSET
        elif isinstance(self.donor, DonorIn):
            donor = self.donor.to_dict()
        else:
            donor = self.donor

        interval_days = self.interval_days

        unit_id: None | str | Unset
        if isinstance(self.unit_id, Unset):
            unit_id = UNSET
        elif isinstance(self.unit_id, UUID):
            unit_id = str(self.unit_id)
        else:
            unit_id = self.unit_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount_vnd": amount_vnd,
            "first_due_on": first_due_on,
            "instalments": instalments,
        })
        if donor is not UNSET:
            field_dict["donor"] = donor
        if interval_days is not UNSET:
            field_dict["interval_days"] = interval_days
        if unit_id is not UNSET:
            field_dict["unit_id"] = unit_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.donor_in import DonorIn
        d = dict(src_dict)
        amount_vnd = d.pop("amount_vnd")

        first_due_on = isoparse(d.pop("first_due_on")).date()




        instalments = d.pop("instalments")

        def _parse_donor(data: object) -> DonorIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                donor_type_0 = DonorIn.from_dict(data)



                return donor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DonorIn | None | Unset, data)

        donor = _parse_donor(d.pop("donor", UNSET))


        interval_days = d.pop("interval_days", UNSET)

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


        pledge_in = cls(
            amount_vnd=amount_vnd,
            first_due_on=first_due_on,
            instalments=instalments,
            donor=donor,
            interval_days=interval_days,
            unit_id=unit_id,
        )

        return pledge_in

