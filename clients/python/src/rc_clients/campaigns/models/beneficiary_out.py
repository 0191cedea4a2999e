from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.beneficiary_out_kind import BeneficiaryOutKind
from ..models.beneficiary_out_kind import check_beneficiary_out_kind
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.consent_out import ConsentOut
  from ..models.sponsorship_out import SponsorshipOut
  from ..models.support_out import SupportOut





T = TypeVar("T", bound="BeneficiaryOut")



@_attrs_define
class BeneficiaryOut:
    """ 
        Attributes:
            address (str):
            campaign_id (None | UUID):
            commune (str):
            consent (ConsentOut):
            full_name (str):
            household_size (int | None):
            humanitarian_address (bool):
            id (UUID):
            id_number (None | str): For a read-only role (viewer): masked, its last 3 characters shown (••••••••••789).
            kind (BeneficiaryOutKind):
            notes (None | str): Staff notes; null for a read-only role (viewer).
            situation (None | str): The household's circumstances (may include health: sensitive data); null for a read-only
                role (viewer).
            sponsorships (list[SponsorshipOut]):
            support_received (SupportOut):
            unit_id (UUID):
            verified (bool):
            verified_by (None | str):
            verified_on (datetime.date | None):
            enrolled_campaign_ids (list[UUID] | Unset): The campaigns it was enrolled in after its registration (POST
                /beneficiaries/{id}/campaigns), besides campaign_id, the one it was registered for.
            erased (bool | Unset): Their personal data was erased at their request: name, identity number, address,
                circumstances and notes are empty; the support they received stays. Default: False.
     """

    address: str
    campaign_id: None | UUID
    commune: str
    consent: ConsentOut
    full_name: str
    household_size: int | None
    humanitarian_address: bool
    id: UUID
    id_number: None | str
    kind: BeneficiaryOutKind
    notes: None | str
    situation: None | str
    sponsorships: list[SponsorshipOut]
    support_received: SupportOut
    unit_id: UUID
    verified: bool
    verified_by: None | str
    verified_on: datetime.date | None
    enrolled_campaign_ids: list[UUID] | Unset = UNSET
    erased: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        from ..models.consent_out import ConsentOut
        from ..models.sponsorship_out import SponsorshipOut
        from ..models.support_out import SupportOut
        address = self.address

        campaign_id: None | str
        if isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        commune = self.commune

        consent = self.consent.to_dict()

        full_name = self.full_name

        household_size: int | None
        household_size = self.household_size

        humanitarian_address = self.humanitarian_address

        id = str(self.id)

        id_number: None | str
        id_number = self.id_number

        kind: str = self.kind

        notes: None | str
        notes = self.notes

        situation: None | str
        situation = self.situation

        sponsorships = []
        for sponsorships_item_data in self.sponsorships:
            sponsorships_item = sponsorships_item_data.to_dict()
            sponsorships.append(sponsorships_item)



        support_received = self.support_received.to_dict()

        unit_id = str(self.unit_id)

        verified = self.verified

        verified_by: None | str
        verified_by = self.verified_by

        verified_on: None | str
        if isinstance(self.verified_on, datetime.date):
            verified_on = self.verified_on.isoformat()
        else:
            verified_on = self.verified_on

        enrolled_campaign_ids: list[str] | Unset = UNSET
        if not isinstance(self.enrolled_campaign_ids, Unset):
            enrolled_campaign_ids = []
            for enrolled_campaign_ids_item_data in self.enrolled_campaign_ids:
                enrolled_campaign_ids_item = str(enrolled_campaign_ids_item_data)
                enrolled_campaign_ids.append(enrolled_campaign_ids_item)



        erased = self.erased


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "address": address,
            "campaign_id": campaign_id,
            "commune": commune,
            "consent": consent,
            "full_name": full_name,
            "household_size": household_size,
            "humanitarian_address": humanitarian_address,
            "id": id,
            "id_number": id_number,
            "kind": kind,
            "notes": notes,
            "situation": situation,
            "sponsorships": sponsorships,
            "support_received": support_received,
            "unit_id": unit_id,
            "verified": verified,
            "verified_by": verified_by,
            "verified_on": verified_on,
        })
        if enrolled_campaign_ids is not UNSET:
            field_dict["enrolled_campaign_ids"] = enrolled_campaign_ids
        if erased is not UNSET:
            field_dict["erased"] = erased

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent_out import ConsentOut
        from ..models.sponsorship_out import SponsorshipOut
        from ..models.support_out import SupportOut
        d = dict(src_dict)
        address = d.pop("address")

        def _parse_campaign_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)



                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id"))


        commune = d.pop("commune")

        consent = ConsentOut.from_dict(d.pop("consent"))




        full_name = d.pop("full_name")

        def _parse_household_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        household_size = _parse_household_size(d.pop("household_size"))


        humanitarian_address = d.pop("humanitarian_address")

        id = UUID(d.pop("id"))




        def _parse_id_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id_number = _parse_id_number(d.pop("id_number"))


        kind = check_beneficiary_out_kind(d.pop("kind"))




        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))


        def _parse_situation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        situation = _parse_situation(d.pop("situation"))


        sponsorships = []
        _sponsorships = d.pop("sponsorships")
        for sponsorships_item_data in (_sponsorships):
            sponsorships_item = SponsorshipOut.from_dict(sponsorships_item_data)



            sponsorships.append(sponsorships_item)


        support_received = SupportOut.from_dict(d.pop("support_received"))




        unit_id = UUID(d.pop("unit_id"))




        verified = d.pop("verified")

        def _parse_verified_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        verified_by = _parse_verified_by(d.pop("verified_by"))


        def _parse_verified_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verified_on_type_0 = isoparse(data).date()



                return verified_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        verified_on = _parse_verified_on(d.pop("verified_on"))


        _enrolled_campaign_ids = d.pop("enrolled_campaign_ids", UNSET)
        enrolled_campaign_ids: list[UUID] | Unset = UNSET
        if _enrolled_campaign_ids is not UNSET:
            enrolled_campaign_ids = []
            for enrolled_campaign_ids_item_data in _enrolled_campaign_ids:
                enrolled_campaign_ids_item = UUID(enrolled_campaign_ids_item_data)



                enrolled_campaign_ids.append(enrolled_campaign_ids_item)


        erased = d.pop("erased", UNSET)

        beneficiary_out = cls(
            address=address,
            campaign_id=campaign_id,
            commune=commune,
            consent=consent,
            full_name=full_name,
            household_size=household_size,
            humanitarian_address=humanitarian_address,
            id=id,
            id_number=id_number,
            kind=kind,
            notes=notes,
            situation=situation,
            sponsorships=sponsorships,
            support_received=support_received,
            unit_id=unit_id,
            verified=verified,
            verified_by=verified_by,
            verified_on=verified_on,
            enrolled_campaign_ids=enrolled_campaign_ids,
            erased=erased,
        )

        return beneficiary_out

