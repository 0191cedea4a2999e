from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.beneficiary_in_kind import BeneficiaryInKind
from ..models.beneficiary_in_kind import check_beneficiary_in_kind
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.consent_in import ConsentIn





T = TypeVar("T", bound="BeneficiaryIn")



@_attrs_define
class BeneficiaryIn:
    """ 
        Attributes:
            address (str):
            commune (str):
            consent (ConsentIn):
            full_name (str): The person, or the head of household.
            kind (BeneficiaryInKind):
            unit_id (UUID):
            campaign_id (None | Unset | UUID):
            household_size (int | None | Unset):
            humanitarian_address (bool | Unset):  Default: False.
            id_number (None | str | Unset):
            notes (str | Unset):  Default: ''.
            situation (str | Unset): Circumstances (may include health: sensitive, never published). Default: ''.
     """

    address: str
    commune: str
    consent: ConsentIn
    full_name: str
    kind: BeneficiaryInKind
    unit_id: UUID
    campaign_id: None | Unset | UUID = UNSET
    household_size: int | None | Unset = UNSET
    humanitarian_address: bool | Unset = False
    id_number: None | str | Unset = UNSET
    notes: str | Unset = ''
    situation: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        from ..models.consent_in import ConsentIn
        address = self.address

        commune = self.commune

        consent = self.consent.to_dict()

        full_name = self.full_name

        kind: str = self.kind

        unit_id = str(self.unit_id)

        campaign_id: None | str | Unset
        if isinstance(self.campaign_id, Unset):
            campaign_id = UNSET
        elif isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        household_size: int | None | Unset
        if isinstance(self.household_size, Unset):
            household_size = UNSET
        else:
            household_size = self.household_size

        humanitarian_address = self.humanitarian_address

        id_number: None | str | Unset
        if isinstance(self.id_number, Unset):
            id_number = UNSET
        else:
            id_number = self.id_number

        notes = self.notes

        situation = self.situation


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "address": address,
            "commune": commune,
            "consent": consent,
            "full_name": full_name,
            "kind": kind,
            "unit_id": unit_id,
        })
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if household_size is not UNSET:
            field_dict["household_size"] = household_size
        if humanitarian_address is not UNSET:
            field_dict["humanitarian_address"] = humanitarian_address
        if id_number is not UNSET:
            field_dict["id_number"] = id_number
        if notes is not UNSET:
            field_dict["notes"] = notes
        if situation is not UNSET:
            field_dict["situation"] = situation

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent_in import ConsentIn
        d = dict(src_dict)
        address = d.pop("address")

        commune = d.pop("commune")

        consent = ConsentIn.from_dict(d.pop("consent"))




        full_name = d.pop("full_name")

        kind = check_beneficiary_in_kind(d.pop("kind"))




        unit_id = UUID(d.pop("unit_id"))




        def _parse_campaign_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)



                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id", UNSET))


        def _parse_household_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        household_size = _parse_household_size(d.pop("household_size", UNSET))


        humanitarian_address = d.pop("humanitarian_address", UNSET)

        def _parse_id_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id_number = _parse_id_number(d.pop("id_number", UNSET))


        notes = d.pop("notes", UNSET)

        situation = d.pop("situation", UNSET)

        beneficiary_in = cls(
            address=address,
            commune=commune,
            consent=consent,
            full_name=full_name,
            kind=kind,
            unit_id=unit_id,
            campaign_id=campaign_id,
            household_size=household_size,
            humanitarian_address=humanitarian_address,
            id_number=id_number,
            notes=notes,
            situation=situation,
        )

        return beneficiary_in

