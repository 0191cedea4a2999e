from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.overdue_campaign_out_action_needed import check_overdue_campaign_out_action_needed
from ..models.overdue_campaign_out_action_needed import OverdueCampaignOutActionNeeded
from ..models.overdue_campaign_out_campaign_type import check_overdue_campaign_out_campaign_type
from ..models.overdue_campaign_out_campaign_type import OverdueCampaignOutCampaignType
from ..models.overdue_campaign_out_reason import check_overdue_campaign_out_reason
from ..models.overdue_campaign_out_reason import OverdueCampaignOutReason
from ..models.overdue_campaign_out_state import check_overdue_campaign_out_state
from ..models.overdue_campaign_out_state import OverdueCampaignOutState
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="OverdueCampaignOut")



@_attrs_define
class OverdueCampaignOut:
    """ 
        Attributes:
            action_needed (OverdueCampaignOutActionNeeded):
            campaign_type (OverdueCampaignOutCampaignType):
            closed_on (datetime.date | None):
            code (str):
            days_overdue (int):
            due_on (datetime.date):
            id (UUID):
            name (str):
            organising_unit_id (UUID):
            reason (OverdueCampaignOutReason):
            receiving_until (datetime.date):
            state (OverdueCampaignOutState):
     """

    action_needed: OverdueCampaignOutActionNeeded
    campaign_type: OverdueCampaignOutCampaignType
    closed_on: datetime.date | None
    code: str
    days_overdue: int
    due_on: datetime.date
    id: UUID
    name: str
    organising_unit_id: UUID
    reason: OverdueCampaignOutReason
    receiving_until: datetime.date
    state: OverdueCampaignOutState





    def to_dict(self) -> dict[str, Any]:
        action_needed: str = self.action_needed

        campaign_type: str = self.campaign_type

        closed_on: None | str
        if isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        code = self.code

        days_overdue = self.days_overdue

        due_on = self.due_on.isoformat()

        id = str(self.id)

        name = self.name

        organising_unit_id = str(self.organising_unit_id)

        reason: str = self.reason

        receiving_until = self.receiving_until.isoformat()

        state: str = self.state


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action_needed": action_needed,
            "campaign_type": campaign_type,
            "closed_on": closed_on,
            "code": code,
            "days_overdue": days_overdue,
            "due_on": due_on,
            "id": id,
            "name": name,
            "organising_unit_id": organising_unit_id,
            "reason": reason,
            "receiving_until": receiving_until,
            "state": state,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action_needed = check_overdue_campaign_out_action_needed(d.pop("action_needed"))




        campaign_type = check_overdue_campaign_out_campaign_type(d.pop("campaign_type"))




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

        days_overdue = d.pop("days_overdue")

        due_on = isoparse(d.pop("due_on")).date()




        id = UUID(d.pop("id"))




        name = d.pop("name")

        organising_unit_id = UUID(d.pop("organising_unit_id"))




        reason = check_overdue_campaign_out_reason(d.pop("reason"))




        receiving_until = isoparse(d.pop("receiving_until")).date()




        state = check_overdue_campaign_out_state(d.pop("state"))




        overdue_campaign_out = cls(
            action_needed=action_needed,
            campaign_type=campaign_type,
            closed_on=closed_on,
            code=code,
            days_overdue=days_overdue,
            due_on=due_on,
            id=id,
            name=name,
            organising_unit_id=organising_unit_id,
            reason=reason,
            receiving_until=receiving_until,
            state=state,
        )

        return overdue_campaign_out

