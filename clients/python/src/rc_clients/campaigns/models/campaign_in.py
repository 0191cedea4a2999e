from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.campaign_in_campaign_type import CampaignInCampaignType
from ..models.campaign_in_campaign_type import check_campaign_in_campaign_type
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.targets_in import TargetsIn





T = TypeVar("T", bound="CampaignIn")



@_attrs_define
class CampaignIn:
    """ 
        Attributes:
            campaign_type (CampaignInCampaignType):
            code (str): Unique short code, e.g. TNA-2025.
            name (str):
            organising_unit_id (UUID):
            receiving_from (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            receiving_until (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            description (str | Unset):  Default: ''.
            parent_campaign_id (None | Unset | UUID):
            participating_unit_ids (list[UUID] | Unset):
            targets (TargetsIn | Unset):
     """

    campaign_type: CampaignInCampaignType
    code: str
    name: str
    organising_unit_id: UUID
    receiving_from: datetime.date
    receiving_until: datetime.date
    description: str | Unset = ''
    parent_campaign_id: None | Unset | UUID = UNSET
    participating_unit_ids: list[UUID] | Unset = UNSET
    targets: TargetsIn | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.targets_in import TargetsIn
        campaign_type: str = self.campaign_type

        code = self.code

        name = self.name

        organising_unit_id = str(self.organising_unit_id)

        receiving_from = self.receiving_from.isoformat()

        receiving_until = self.receiving_until.isoformat()

        description = self.description

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



        targets: dict[str, Any] | Unset = UNSET
        if not isinstance(self.targets, Unset):
            targets = self.targets.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_type": campaign_type,
            "code": code,
            "name": name,
            "organising_unit_id": organising_unit_id,
            "receiving_from": receiving_from,
            "receiving_until": receiving_until,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if parent_campaign_id is not UNSET:
            field_dict["parent_campaign_id"] = parent_campaign_id
        if participating_unit_ids is not UNSET:
            field_dict["participating_unit_ids"] = participating_unit_ids
        if targets is not UNSET:
            field_dict["targets"] = targets

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.targets_in import TargetsIn
        d = dict(src_dict)
        campaign_type = check_campaign_in_campaign_type(d.pop("campaign_type"))




        code = d.pop("code")

        name = d.pop("name")

        organising_unit_id = UUID(d.pop("organising_unit_id"))




        receiving_from = isoparse(d.pop("receiving_from")).date()




        receiving_until = isoparse(d.pop("receiving_until")).date()




        description = d.pop("description", UNSET)

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


        _targets = d.pop("targets", UNSET)
        targets: TargetsIn | Unset
        if isinstance(_targets,  Unset):
            targets = UNSET
        else:
            targets = TargetsIn.from_dict(_targets)




        campaign_in = cls(
            campaign_type=campaign_type,
            code=code,
            name=name,
            organising_unit_id=organising_unit_id,
            receiving_from=receiving_from,
            receiving_until=receiving_until,
            description=description,
            parent_campaign_id=parent_campaign_id,
            participating_unit_ids=participating_unit_ids,
            targets=targets,
        )

        return campaign_in

