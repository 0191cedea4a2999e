from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.campaign_summary_out_allowed_actions_item import CampaignSummaryOutAllowedActionsItem
from ..models.campaign_summary_out_allowed_actions_item import check_campaign_summary_out_allowed_actions_item
from ..models.campaign_summary_out_campaign_type import CampaignSummaryOutCampaignType
from ..models.campaign_summary_out_campaign_type import check_campaign_summary_out_campaign_type
from ..models.campaign_summary_out_state import CampaignSummaryOutState
from ..models.campaign_summary_out_state import check_campaign_summary_out_state
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.targets_out import TargetsOut





T = TypeVar("T", bound="CampaignSummaryOut")



@_attrs_define
class CampaignSummaryOut:
    """ 
        Attributes:
            allowed_actions (list[CampaignSummaryOutAllowedActionsItem]):
            campaign_type (CampaignSummaryOutCampaignType):
            cancel_reason (str):
            cancelled_on (datetime.date | None):
            closed_on (datetime.date | None):
            code (str):
            description (str):
            distribution_deadline (datetime.date | None):
            id (UUID):
            launched_on (datetime.date | None):
            name (str):
            organising_unit_id (UUID):
            parent_campaign_id (None | UUID):
            participating_unit_ids (list[UUID]):
            receiving_from (datetime.date):
            receiving_until (datetime.date):
            settled_on (datetime.date | None):
            state (CampaignSummaryOutState):
            targets (TargetsOut):
            remainder_note (str | Unset): The settlement's note on what was left undistributed (empty: none). Default: ''.
     """

    allowed_actions: list[CampaignSummaryOutAllowedActionsItem]
    campaign_type: CampaignSummaryOutCampaignType
    cancel_reason: str
    cancelled_on: datetime.date | None
    closed_on: datetime.date | None
    code: str
    description: str
    distribution_deadline: datetime.date | None
    id: UUID
    launched_on: datetime.date | None
    name: str
    organising_unit_id: UUID
    parent_campaign_id: None | UUID
    participating_unit_ids: list[UUID]
    receiving_from: datetime.date
    receiving_until: datetime.date
    settled_on: datetime.date | None
    state: CampaignSummaryOutState
    targets: TargetsOut
    remainder_note: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        from ..models.targets_out import TargetsOut
        allowed_actions = []
        for allowed_actions_item_data in self.allowed_actions:
            allowed_actions_item: str = allowed_actions_item_data
            allowed_actions.append(allowed_actions_item)



        campaign_type: str = self.campaign_type

        cancel_reason = self.cancel_reason

        cancelled_on: None | str
        if isinstance(self.cancelled_on, datetime.date):
            cancelled_on = self.cancelled_on.isoformat()
        else:
            cancelled_on = self.cancelled_on

        closed_on: None | str
        if isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        code = self.code

        description = self.description

        distribution_deadline: None | str
        if isinstance(self.distribution_deadline, datetime.date):
            distribution_deadline = self.distribution_deadline.isoformat()
        else:
            distribution_deadline = self.distribution_deadline

        id = str(self.id)

        launched_on: None | str
        if isinstance(self.launched_on, datetime.date):
            launched_on = self.launched_on.isoformat()
        else:
            launched_on = self.launched_on

        name = self.name

        organising_unit_id = str(self.organising_unit_id)

        parent_campaign_id: None | str
        if isinstance(self.parent_campaign_id, UUID):
            parent_campaign_id = str(self.parent_campaign_id)
        else:
            parent_campaign_id = self.parent_campaign_id

        participating_unit_ids = []
        for participating_unit_ids_item_data in self.participating_unit_ids:
            participating_unit_ids_item = str(participating_unit_ids_item_data)
            participating_unit_ids.append(participating_unit_ids_item)



        receiving_from = self.receiving_from.isoformat()

        receiving_until = self.receiving_until.isoformat()

        settled_on: None | str
        if isinstance(self.settled_on, datetime.date):
            settled_on = self.settled_on.isoformat()
        else:
            settled_on = self.settled_on

        state: str = self.state

        targets = self.targets.to_dict()

        remainder_note = self.remainder_note


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "allowed_actions": allowed_actions,
            "campaign_type": campaign_type,
            "cancel_reason": cancel_reason,
            "cancelled_on": cancelled_on,
            "closed_on": closed_on,
            "code": code,
            "description": description,
            "distribution_deadline": distribution_deadline,
            "id": id,
            "launched_on": launched_on,
            "name": name,
            "organising_unit_id": organising_unit_id,
            "parent_campaign_id": parent_campaign_id,
            "participating_unit_ids": participating_unit_ids,
            "receiving_from": receiving_from,
            "receiving_until": receiving_until,
            "settled_on": settled_on,
            "state": state,
            "targets": targets,
        })
        if remainder_note is not UNSET:
            field_dict["remainder_note"] = remainder_note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.targets_out import TargetsOut
        d = dict(src_dict)
        allowed_actions = []
        _allowed_actions = d.pop("allowed_actions")
        for allowed_actions_item_data in (_allowed_actions):
            allowed_actions_item = check_campaign_summary_out_allowed_actions_item(allowed_actions_item_data)



            allowed_actions.append(allowed_actions_item)


        campaign_type = check_campaign_summary_out_campaign_type(d.pop("campaign_type"))




        cancel_reason = d.pop("cancel_reason")

        def _parse_cancelled_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_on_type_0 = isoparse(data).date()



                return cancelled_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        cancelled_on = _parse_cancelled_on(d.pop("cancelled_on"))


        def _parse_closed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_on_type_0 = isoparse(data).date()



                return closed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        closed_on = _parse_closed_on(d.pop("closed_on"))


        code = d.pop("code")

        description = d.pop("description")

        def _parse_distribution_deadline(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                distribution_deadline_type_0 = isoparse(data).date()



                return distribution_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        distribution_deadline = _parse_distribution_deadline(d.pop("distribution_deadline"))


        id = UUID(d.pop("id"))




        def _parse_launched_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                launched_on_type_0 = isoparse(data).date()



                return launched_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        launched_on = _parse_launched_on(d.pop("launched_on"))


        name = d.pop("name")

        organising_unit_id = UUID(d.pop("organising_unit_id"))




        def _parse_parent_campaign_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_campaign_id_type_0 = UUID(data)



                return parent_campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        parent_campaign_id = _parse_parent_campaign_id(d.pop("parent_campaign_id"))


        participating_unit_ids = []
        _participating_unit_ids = d.pop("participating_unit_ids")
        for participating_unit_ids_item_data in (_participating_unit_ids):
            participating_unit_ids_item = UUID(participating_unit_ids_item_data)



            participating_unit_ids.append(participating_unit_ids_item)


        receiving_from = isoparse(d.pop("receiving_from")).date()




        receiving_until = isoparse(d.pop("receiving_until")).date()




        def _parse_settled_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                settled_on_type_0 = isoparse(data).date()



                return settled_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        settled_on = _parse_settled_on(d.pop("settled_on"))


        state = check_campaign_summary_out_state(d.pop("state"))




        targets = TargetsOut.from_dict(d.pop("targets"))




        remainder_note = d.pop("remainder_note", UNSET)

        campaign_summary_out = cls(
            allowed_actions=allowed_actions,
            campaign_type=campaign_type,
            cancel_reason=cancel_reason,
            cancelled_on=cancelled_on,
            closed_on=closed_on,
            code=code,
            description=description,
            distribution_deadline=distribution_deadline,
            id=id,
            launched_on=launched_on,
            name=name,
            organising_unit_id=organising_unit_id,
            parent_campaign_id=parent_campaign_id,
            participating_unit_ids=participating_unit_ids,
            receiving_from=receiving_from,
            receiving_until=receiving_until,
            settled_on=settled_on,
            state=state,
            targets=targets,
            remainder_note=remainder_note,
        )

        return campaign_summary_out

