from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.blood_donation_in_blood_kind import BloodDonationInBloodKind
from ..models.blood_donation_in_blood_kind import check_blood_donation_in_blood_kind
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from typing import Literal, cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.donor_in import DonorIn





T = TypeVar("T", bound="BloodDonationIn")



@_attrs_define
class BloodDonationIn:
    """ 
        Attributes:
            blood_kind (BloodDonationInBloodKind):
            donor (DonorIn): Who gave. Personal data stays in this service; events carry an opaque donor id.
            kind (Literal['blood']):
            received_on (datetime.date): The day the gift was received (a transfer: the day it was credited), in the
                organisation's time zone (RC_TIMEZONE, Asia/Ho_Chi_Minh by default): not after today there (422; a gateway whose
                clock is ahead of it near midnight should send it again a little later), and within the campaign's receiving
                period (409; a gift dated up to the close day is still taken after a close).
            units (int):
            credited_person_id (None | Unset | UUID): Soft credit: the person who mobilised it.
            credited_unit_id (None | Unset | UUID): Soft credit: the unit that mobilised the gift.
            description (None | str | Unset):
            unit_id (None | Unset | UUID): Receiving unit (default: the organising unit).
     """

    blood_kind: BloodDonationInBloodKind
    donor: DonorIn
    kind: Literal['blood']
    received_on: datetime.date
    units: int
    credited_person_id: None | Unset | UUID = UNSET
    credited_unit_id: None | Unset | UUID = UNSET
    description: None | str | Unset = UNSET
    unit_id: None | Unset | UUID = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.donor_in import DonorIn
        blood_kind: str = self.blood_kind

        donor = self.donor.to_dict()

        kind = self.kind

        received_on = self.received_on.isoformat()

        units = self.units

        credited_person_id: None | str | Unset
        if isinstance(self.credited_person_id, Unset):
            credited_person_id = UNSET
        elif isinstance(self.credited_person_id, UUID):
            credited_person_id = str(self.credited_person_id)
        else:
            credited_person_id = self.credited_person_id

        credited_unit_id: None | str | Unset
        if isinstance(self.credited_unit_id, Unset):
            credited_unit_id = UNSET
        elif isinstance(self.credited_unit_id, UUID):
            credited_unit_id = str(self.credited_unit_id)
        else:
            credited_unit_id = self.credited_unit_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        unit_id: None | str | Unset
        if isinstance(self.unit_id, Unset):
            unit_id = UNSET
        elif isinstance(self.unit_id, UUID):
            unit_id = str(self.unit_id)
        else:
            unit_id = self.unit_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "blood_kind": blood_kind,
            "donor": donor,
            "kind": kind,
            "received_on": received_on,
            "units": units,
        })
        if credited_person_id is not UNSET:
            field_dict["credited_person_id"] = credited_person_id
        if credited_unit_id is not UNSET:
            field_dict["credited_unit_id"] = credited_unit_id
        if description is not UNSET:
            field_dict["description"] = description
        if unit_id is not UNSET:
            field_dict["unit_id"] = unit_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.donor_in import DonorIn
        d = dict(src_dict)
        blood_kind = check_blood_donation_in_blood_kind(d.pop("blood_kind"))




        donor = DonorIn.from_dict(d.pop("donor"))




        kind = cast(Literal['blood'] , d.pop("kind"))
        if kind != 'blood':
            raise ValueError(f"kind must match const 'blood', got '{kind}'")

        received_on = isoparse(d.pop("received_on")).date()




        units = d.pop("units")

        def _parse_credited_person_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                credited_person_id_type_0 = UUID(data)



                return credited_person_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        credited_person_id = _parse_credited_person_id(d.pop("credited_person_id", UNSET))


        def _parse_credited_unit_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                credited_unit_id_type_0 = UUID(data)



                return credited_unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        credited_unit_id = _parse_credited_unit_id(d.pop("credited_unit_id", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


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


        blood_donation_in = cls(
            blood_kind=blood_kind,
            donor=donor,
            kind=kind,
            received_on=received_on,
            units=units,
            credited_person_id=credited_person_id,
            credited_unit_id=credited_unit_id,
            description=description,
            unit_id=unit_id,
        )

        return blood_donation_in

