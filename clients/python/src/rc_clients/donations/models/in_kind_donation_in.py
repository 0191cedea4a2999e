from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.in_kind_donation_in_channel import check_in_kind_donation_in_channel
from ..models.in_kind_donation_in_channel import InKindDonationInChannel
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from typing import Literal, cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.donor_in import DonorIn
  from ..models.item_in import ItemIn





T = TypeVar("T", bound="InKindDonationIn")



@_attrs_define
class InKindDonationIn:
    """ 
        Attributes:
            items (list[ItemIn]):
            kind (Literal['in_kind']):
            received_on (datetime.date): The day the gift was received (a transfer: the day it was credited), in the
                organisation's time zone (RC_TIMEZONE, Asia/Ho_Chi_Minh by default): not after today there (422; a gateway whose
                clock is ahead of it near midnight should send it again a little later), and within the campaign's receiving
                period (409; a gift dated up to the close day is still taken after a close).
            channel (InKindDonationInChannel | Unset):  Default: 'in_person'.
            credited_person_id (None | Unset | UUID): Soft credit: the person who mobilised it.
            credited_unit_id (None | Unset | UUID): Soft credit: the unit that mobilised the gift.
            description (None | str | Unset):
            donor (DonorIn | None | Unset): Absent: an anonymous gift.
            unit_id (None | Unset | UUID): Receiving unit (default: the organising unit).
     """

    items: list[ItemIn]
    kind: Literal['in_kind']
    received_on: datetime.date
    channel: InKindDonationInChannel | Unset = 'in_person'
    credited_person_id: None | Unset | UUID = UNSET
    credited_unit_id: None | Unset | UUID = UNSET
    description: None | str | Unset = UNSET
    donor: DonorIn | None | Unset = UNSET
    unit_id: None | Unset | UUID = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.donor_in import DonorIn
        from ..models.item_in import ItemIn
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        kind = self.kind

        received_on = self.received_on.isoformat()

        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel


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

        donor: dict[str, Any] | None | Unset
        if isinstance(self.donor, Unset):
            donor = UNSET
        elif isinstance(self.donor, DonorIn):
            donor = self.donor.to_dict()
        else:
            donor = self.donor

        unit_id: None | str | Unset
        if isinstance(self.unit_id, Unset):
            unit_id = UNSET
        elif isinstance(self.unit_id, UUID):
            unit_id = str(self.unit_id)
        else:
            unit_id = self.unit_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "items": items,
            "kind": kind,
            "received_on": received_on,
        })
        if channel is not UNSET:
            field_dict["channel"] = channel
        if credited_person_id is not UNSET:
            field_dict["credited_person_id"] = credited_person_id
        if credited_unit_id is not UNSET:
            field_dict["credited_unit_id"] = credited_unit_id
        if description is not UNSET:
            field_dict["description"] = description
        if donor is not UNSET:
            field_dict["donor"] = donor
        if unit_id is not UNSET:
            field_dict["unit_id"] = unit_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.donor_in import DonorIn
        from ..models.item_in import ItemIn
        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = ItemIn.from_dict(items_item_data)



            items.append(items_item)


        kind = cast(Literal['in_kind'] , d.pop("kind"))
        if kind != 'in_kind':
            raise ValueError(f"kind must match const 'in_kind', got '{kind}'")

        received_on = isoparse(d.pop("received_on")).date()




        _channel = d.pop("channel", UNSET)
        channel: InKindDonationInChannel | Unset
        if isinstance(_channel,  Unset):
            channel = UNSET
        else:
            channel = check_in_kind_donation_in_channel(_channel)




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


        in_kind_donation_in = cls(
            items=items,
            kind=kind,
            received_on=received_on,
            channel=channel,
            credited_person_id=credited_person_id,
            credited_unit_id=credited_unit_id,
            description=description,
            donor=donor,
            unit_id=unit_id,
        )

        return in_kind_donation_in

