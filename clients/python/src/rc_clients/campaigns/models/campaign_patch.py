from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.campaign_patch_campaign_type import CampaignPatchCampaignType
from ..models.campaign_patch_campaign_type import check_campaign_patch_campaign_type
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
            campaign_type (CampaignPatchCampaignType | Unset):
            code (str | Unset):
            description (None | str | Unset):
            name (str | Unset):
            organising_unit_id (UUID | Unset):
            parent_campaign_id (None | Unset | UUID):
            participating_unit_ids (list[UUID] | Unset):
            receiving_from (datetime.date | Unset): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            receiving_until (datetime.date | Unset): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            targets (TargetsIn | Unset):
     """

    campaign_type: CampaignPatchCampaignType | Unset = UNSET
    code: str | Unset = UNSET
    description: None | str | Unset = UNSET
    name: str | Unset = UNSET
    organising_unit_id: UUID | Unset = UNSET
    parent_campaign_id: None | Unset | UUID = UNSET
    participating_unit_ids: list[UUID] | Unset = UNSET
    receiving_from: datetime.date | Unset = UNSET
    receiving_until: datetime.date | Unset = UNSET
    targets: TargetsIn | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.targets_in import TargetsIn
        campaign_type: str | Unset = UNSET
        if not isinstance(self.campaign_type, Unset):
            campaign_type = self.campaign_type


        code = self.code

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        name = self.name

        organising_unit_id: str | Unset = UNSET
        if not isinstance(self.organising_unit_id, Unset):
            organising_unit_id = str(self.organising_unit_id)

        parent_campaign_id: None | str | Unset
        if isinstance(self.parent_campaign_id, Unset):
            parent_campaign_id = UNSET
        elif isinstance(self.parent_campaign_id, UUID):
            parent_campaign_id = str(self.parent_campaign_id)
        else:
            parent_campaign_id = self.parent_campaign_id

        participating_unit_ids: list[str] | Unset = UNSET
        if not isinstance(self.participating_unit_ids, Unset):
            participating_unit_ids = []
            for participating_unit_ids_item_data in self.participating_unit_ids:
                participating_unit_ids_item = str(participating_unit_ids_item_data)
                participating_unit_ids.append(participating_unit_ids_item)



        receiving_from: str | Unset = UNSET
        if not isinstance(self.receiving_from, Unset):
            receiving_from = self.receiving_from.isoformat()

        receiving_until: str | Unset = UNSET
        if not isinstance(self.receiving_until, Unset):
            receiving_until = self.receiving_until.isoformat()

        targets: dict[str, Any] | Unset = UNSET
        if not isinstance(self.targets, Unset):
            targets = self.targets.to_dict()


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
        _campaign_type = d.pop("campaign_type", UNSET)
        campaign_type: CampaignPatchCampaignType | Unset
        if isinstance(_campaign_type,  Unset):
            campaign_type = UNSET
        else:
            campaign_type = check_campaign_patch_campaign_type(_campaign_type)




        code = d.pop("code", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        name = d.pop("name", UNSET)

        _organising_unit_id = d.pop("organising_unit_id", UNSET)
        organising_unit_id: UUID | Unset
        if isinstance(_organising_unit_id,  Unset):
            organising_unit_id = UNSET
        else:
            organising_unit_id = UUID(_organising_unit_id)




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


        _participating_unit_ids = d.pop("participating_unit_ids", UNSET)
        participating_unit_ids: list[UUID] | Unset = UNSET
        if _participating_unit_ids is not UNSET:
            participating_unit_ids = []
            for participating_unit_ids_item_data in _participating_unit_ids:
                participating_unit_ids_item = UUID(participating_unit_ids_item_data)



                participating_unit_ids.append(participating_unit_ids_item)


        _receiving_from = d.pop("receiving_from", UNSET)
        receiving_from: datetime.date | Unset
        if isinstance(_receiving_from,  Unset):
            receiving_from = UNSET
        else:
            receiving_from = isoparse(_receiving_from).date()




        _receiving_until = d.pop("receiving_until", UNSET)
        receiving_until: datetime.date | Unset
        if isinstance(_receiving_until,  Unset):
            receiving_until = UNSET
        else:
            receiving_until = isoparse(_receiving_until).date()




        _targets = d.pop("targets", UNSET)
        targets: TargetsIn | Unset
        if isinstance(_targets,  Unset):
            targets = UNSET
        else:
            targets = TargetsIn.from_dict(_targets)




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

