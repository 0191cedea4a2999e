from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.campaign_figures_state import CampaignFiguresState
from ..models.campaign_figures_state import check_campaign_figures_state
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="CampaignFigures")



@_attrs_define
class CampaignFigures:
    """ 
        Attributes:
            balance_cash_vnd (int): cash_raised_vnd - distributed_cash_vnd.
            balance_goods_vnd (int): in_kind_value_vnd - distributed_goods_vnd: the value of the goods still held (goods are
                distributed from those received).
            beneficiaries_reached (int): Distinct beneficiaries with a distribution not reversed.
            blood_units (int):
            campaign_id (UUID):
            campaign_type (None | str):
            cash_raised_vnd (int): Cash donations received, reversals excluded.
            code (None | str): Null while only ledger events of the campaign have been projected.
            distributed_cash_vnd (int):
            distributed_goods_vnd (int):
            donations (int): Donations not reversed (every kind).
            donors (int): Distinct identified donors plus one per anonymous gift.
            in_kind_value_vnd (int): Assessed value of goods received, reversals excluded.
            name (None | str):
            organising_unit_id (None | UUID):
            pledge_paid_vnd (int): Cash paid against pledges, at most each pledge's amount.
            pledged_vnd (int): Pledges recorded (promises; never part of cash raised).
            receiving_from (datetime.date | None):
            receiving_until (datetime.date | None):
            state (CampaignFiguresState): Lifecycle state on as_of ('unknown': launch not projected yet).
     """

    balance_cash_vnd: int
    balance_goods_vnd: int
    beneficiaries_reached: int
    blood_units: int
    campaign_id: UUID
    campaign_type: None | str
    cash_raised_vnd: int
    code: None | str
    distributed_cash_vnd: int
    distributed_goods_vnd: int
    donations: int
    donors: int
    in_kind_value_vnd: int
    name: None | str
    organising_unit_id: None | UUID
    pledge_paid_vnd: int
    pledged_vnd: int
    receiving_from: datetime.date | None
    receiving_until: datetime.date | None
    state: CampaignFiguresState





    def to_dict(self) -> dict[str, Any]:
        balance_cash_vnd = self.balance_cash_vnd

        balance_goods_vnd = self.balance_goods_vnd

        beneficiaries_reached = self.beneficiaries_reached

        blood_units = self.blood_units

        campaign_id = str(self.campaign_id)

        campaign_type: None | str
        campaign_type = self.campaign_type

        cash_raised_vnd = self.cash_raised_vnd

        code: None | str
        code = self.code

        distributed_cash_vnd = self.distributed_cash_vnd

        distributed_goods_vnd = self.distributed_goods_vnd

        donations = self.donations

        donors = self.donors

        in_kind_value_vnd = self.in_kind_value_vnd

        name: None | str
        name = self.name

        organising_unit_id: None | str
        if isinstance(self.organising_unit_id, UUID):
            organising_unit_id = str(self.organising_unit_id)
        else:
            organising_unit_id = self.organising_unit_id

        pledge_paid_vnd = self.pledge_paid_vnd

        pledged_vnd = self.pledged_vnd

        receiving_from: None | str
        if isinstance(self.receiving_from, datetime.date):
            receiving_from = self.receiving_from.isoformat()
        else:
            receiving_from = self.receiving_from

        receiving_until: None | str
        if isinstance(self.receiving_until, datetime.date):
            receiving_until = self.receiving_until.isoformat()
        else:
            receiving_until = self.receiving_until

        state: str = self.state


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "balance_cash_vnd": balance_cash_vnd,
            "balance_goods_vnd": balance_goods_vnd,
            "beneficiaries_reached": beneficiaries_reached,
            "blood_units": blood_units,
            "campaign_id": campaign_id,
            "campaign_type": campaign_type,
            "cash_raised_vnd": cash_raised_vnd,
            "code": code,
            "distributed_cash_vnd": distributed_cash_vnd,
            "distributed_goods_vnd": distributed_goods_vnd,
            "donations": donations,
            "donors": donors,
            "in_kind_value_vnd": in_kind_value_vnd,
            "name": name,
            "organising_unit_id": organising_unit_id,
            "pledge_paid_vnd": pledge_paid_vnd,
            "pledged_vnd": pledged_vnd,
            "receiving_from": receiving_from,
            "receiving_until": receiving_until,
            "state": state,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        balance_cash_vnd = d.pop("balance_cash_vnd")

        balance_goods_vnd = d.pop("balance_goods_vnd")

        beneficiaries_reached = d.pop("beneficiaries_reached")

        blood_units = d.pop("blood_units")

        campaign_id = UUID(d.pop("campaign_id"))




        def _parse_campaign_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        campaign_type = _parse_campaign_type(d.pop("campaign_type"))


        cash_raised_vnd = d.pop("cash_raised_vnd")

        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))


        distributed_cash_vnd = d.pop("distributed_cash_vnd")

        distributed_goods_vnd = d.pop("distributed_goods_vnd")

        donations = d.pop("donations")

        donors = d.pop("donors")

        in_kind_value_vnd = d.pop("in_kind_value_vnd")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        def _parse_organising_unit_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                organising_unit_id_type_0 = UUID(data)



                return organising_unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        organising_unit_id = _parse_organising_unit_id(d.pop("organising_unit_id"))


        pledge_paid_vnd = d.pop("pledge_paid_vnd")

        pledged_vnd = d.pop("pledged_vnd")

        def _parse_receiving_from(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                receiving_from_type_0 = isoparse(data).date()



                return receiving_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        receiving_from = _parse_receiving_from(d.pop("receiving_from"))


        def _parse_receiving_until(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                receiving_until_type_0 = isoparse(data).date()



                return receiving_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        receiving_until = _parse_receiving_until(d.pop("receiving_until"))


        state = check_campaign_figures_state(d.pop("state"))




        campaign_figures = cls(
            balance_cash_vnd=balance_cash_vnd,
            balance_goods_vnd=balance_goods_vnd,
            beneficiaries_reached=beneficiaries_reached,
            blood_units=blood_units,
            campaign_id=campaign_id,
            campaign_type=campaign_type,
            cash_raised_vnd=cash_raised_vnd,
            code=code,
            distributed_cash_vnd=distributed_cash_vnd,
            distributed_goods_vnd=distributed_goods_vnd,
            donations=donations,
            donors=donors,
            in_kind_value_vnd=in_kind_value_vnd,
            name=name,
            organising_unit_id=organising_unit_id,
            pledge_paid_vnd=pledge_paid_vnd,
            pledged_vnd=pledged_vnd,
            receiving_from=receiving_from,
            receiving_until=receiving_until,
            state=state,
        )

        return campaign_figures

