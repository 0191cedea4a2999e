from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.campaign_patch_campaign_type_type_0 import CampaignPatchCampaignTypeType0
from ..models.campaign_patch_campaign_type_type_0 import check_campaign_patch_campaign_type_type_0
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.targets_in import TargetsIn





T = TypeVar("T", bound="CampaignPatch")



@_attrs_define
class CampaignPatch:
    """ Any subset of a draft's fields; ``targets`` are merged with the existing ones.

        Attributes:
            campaign_type (CampaignPatchCampaignTypeType0 | None | Unset):
            code (None | str | Unset):
            description (None | str | Unset):
            name (None | str | Unset):
            organising_unit_id (None | Unset | UUID):
            parent_campaign_id (None | Unset | UUID):
            participating_unit_ids (list[UUID] | None | Unset):
            receiving_from (datetime.date | None | Unset):
            receiving_until (datetime.date | None | Unset):
            targets (None | TargetsIn | Unset):
     """

    campaign_type: CampaignPatchCampaignTypeType0 | None | Unset = UNSET
    code: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    organising_unit_id: None | Unset | UUID = UNSET
    parent_campaign_id: None | Unset | UUID = UNSET
    participating_unit_ids: list[UUID] | None | Unset = UNSET
    receiving_from: datetime.date | None | Unset = UNSET
    receiving_until: datetime.date | None | Unset = UNSET
    targets: None | TargetsIn | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.targets_in import TargetsIn
        campaign_type: None | str | Unset
        if isinstance(self.campaign_type, Unset):
            campaign_type = UNSET
        elif isinstance(self.campaign_type, str):
            campaign_type = self.campaign_type
        else:
            campaign_type = self.campaign_type

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        organising_unit_id: None | str | Unset
        if isinstance(self.organising_unit_id, Unset):
            organising_unit_id = UNSET
        elif isinstance(self.organising_unit_id, UUID):
            organising_unit_id = str(self.organising_unit_id)
        else:
            organising_unit_id = self.organising_unit_id

        parent_campaign_id: None | str | Unset
        if isinstance(self.parent_campaign_id, Unset):
            parent_campaign_id = UNSET
        elif isinstance(self.parent_campaign_id, UUID):
            parent_campaign_id = str(self.parent_campaign_id)
        else:
            parent_campaign_id = self.parent_campaign_id

        participating_unit_ids: list[str] | None | Unset
        if isinstance(self.participating_unit_ids, Unset):
            participating_unit_ids = UNSET
        elif isinstance(self.participating_unit_ids, list):
            participating_unit_ids = []
            for participating_unit_ids_type_0_item_data in self.participating_unit_ids:
                participating_unit_ids_type_0_item = str(participating_unit_ids_type_0_item_data)
                participating_unit_ids.append(participating_unit_ids_type_0_item)


        else:
            participating_unit_ids = self.participating_unit_ids

        receiving_from: None | str | Unset
        if isinstance(self.receiving_from, Unset):
            receiving_from = UNSET
        elif isinstance(self.receiving_from, datetime.date):
            receiving_from = self.receiving_from.isoformat()
        else:
            receiving_from = self.receiving_from

        receiving_until: None | str | Unset
        if isinstance(self.receiving_until, Unset):
            receiving_until = UNSET
        elif isinstance(self.receiving_until, datetime.date):
            receiving_until = self.receiving_until.isoformat()
        else:
            receiving_until = self.receiving_until

        targets: dict[str, Any] | None | Unset
        if isinstance(self.targets, Unset):
            targets = UNSET
        elif isinstance(self.targets, TargetsIn):
            targets = self.targets.to_dict()
        else:
            targets = self.targets


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if campaign_type is not UNSET:
            field_dict["campaign_type"] = campaign_type
        if code is not UNSET:
            field_dict["code"] = code
        if description is not UNSET:
            field_dict["description"] = description
        if name is not UNSET:
            field_dict["name"] = name
        if organising_unit_id is not UNSET:
            field_dict["organising_unit_id"] = organising_unit_id
        if parent_campaign_id is not UNSET:
            field_dict["parent_campaign_id"] = parent_campaign_id
        if participating_unit_ids is not UNSET:
            field_dict["participating_unit_ids"] = participating_unit_ids
        if receiving_from is not UNSET:
            field_dict["receiving_from"] = receiving_from
        if receiving_until is not UNSET:
            field_dict["receiving_until"] = receiving_until
        if targets is not UNSET:
            field_dict["targets"] = targets

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.targets_in import TargetsIn
        d = dict(src_dict)
        def _parse_campaign_type(data: object) -> CampaignPatchCampaignTypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_type_type_0 = check_campaign_patch_campaign_type_type_0(data)



                return campaign_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignPatchCampaignTypeType0 | None | Unset, data)

        campaign_type = _parse_campaign_type(d.pop("campaign_type", UNSET))


        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_organising_unit_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                organising_unit_id_type_0 = UUID(data)



                return organising_unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        organising_unit_id = _parse_organising_unit_id(d.pop("organising_unit_id", UNSET))


        def _parse_parent_campaign_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_campaign_id_type_0 = UUID(data)



                return parent_campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        parent_campaign_id = _parse_parent_campaign_id(d.pop("parent_campaign_id", UNSET))


        def _parse_participating_unit_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                participating_unit_ids_type_0 = []
                _participating_unit_ids_type_0 = data
                for participating_unit_ids_type_0_item_data in (_participating_unit_ids_type_0):
                    participating_unit_ids_type_0_item = UUID(participating_unit_ids_type_0_item_data)



                    participating_unit_ids_type_0.append(participating_unit_ids_type_0_item)

                return participating_unit_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        participating_unit_ids = _parse_participating_unit_ids(d.pop("participating_unit_ids", UNSET))


        def _parse_receiving_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                receiving_from_type_0 = isoparse(data).date()



                return receiving_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        receiving_from = _parse_receiving_from(d.pop("receiving_from", UNSET))


        def _parse_receiving_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                receiving_until_type_0 = isoparse(data).date()



                return receiving_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        receiving_until = _parse_receiving_until(d.pop("receiving_until", UNSET))


        def _parse_targets(data: object) -> None | TargetsIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                targets_type_0 = TargetsIn.from_dict(data)



                return targets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TargetsIn | Unset, data)

        targets = _parse_targets(d.pop("targets", UNSET))


        campaign_patch = cls(
            campaign_type=campaign_type,
            code=code,
            description=description,
            name=name,
            organising_unit_id=organising_unit_id,
            parent_campaign_id=parent_campaign_id,
            participating_unit_ids=participating_unit_ids,
            receiving_from=receiving_from,
            receiving_until=receiving_until,
            targets=targets,
        )

        return campaign_patch

