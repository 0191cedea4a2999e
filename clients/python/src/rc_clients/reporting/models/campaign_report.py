from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.campaign_report_state import CampaignReportState
from ..models.campaign_report_state import check_campaign_report_state
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.target_reached import TargetReached
  from ..models.targets import Targets





T = TypeVar("T", bound="CampaignReport")



@_attrs_define
class CampaignReport:
    """ 
        Attributes:
            as_of (datetime.date | None): Report date; null: every fact projected so far.
            balance_cash_vnd (int): cash_raised_vnd - distributed_cash_vnd.
            balance_goods_vnd (int): in_kind_value_vnd - distributed_goods_vnd: the value of the goods still held (goods are
                distributed from those received).
            beneficiaries_reached (int): Distinct beneficiaries with a distribution not reversed.
            beneficiaries_registered (int): Beneficiaries registered for this campaign.
            beneficiaries_verified (int):
            blood_units (int):
            campaign_id (UUID):
            campaign_type (None | str):
            cash_raised_vnd (int): Cash donations received, reversals excluded.
            code (None | str): Null while only ledger events of the campaign have been projected.
            distributed_cash_vnd (int):
            distributed_goods_vnd (int):
            distribution_deadline (datetime.date | None):
            donations (int): Donations not reversed (every kind).
            donors (int): Distinct identified donors plus one per anonymous gift.
            in_kind_value_vnd (int): Assessed value of goods received, reversals excluded.
            name (None | str):
            organising_unit_id (None | UUID):
            parent_campaign_id (None | UUID):
            participating_unit_ids (list[UUID]):
            people_reached (int): People in the beneficiaries reached (household sizes; 1 if unknown).
            pledge_paid_vnd (int): Cash paid against pledges, at most each pledge's amount.
            pledged_vnd (int): Pledges recorded (promises; never part of cash raised).
            receiving_from (datetime.date | None):
            receiving_until (datetime.date | None):
            state (CampaignReportState): Lifecycle state on as_of ('unknown': launch not projected yet).
            targets (Targets):
            targets_reached (list[TargetReached]): From campaigns.campaign.target_reached.v1, in order.
            remainder_note (None | str | Unset): Settled: what the settlement does with what was left undistributed (the
                decision that allots it), as campaigns.campaign.settled.v1 says it; null otherwise, or nothing said.
     """

    as_of: datetime.date | None
    balance_cash_vnd: int
    balance_goods_vnd: int
    beneficiaries_reached: int
    beneficiaries_registered: int
    beneficiaries_verified: int
    blood_units: int
    campaign_id: UUID
    campaign_type: None | str
    cash_raised_vnd: int
    code: None | str
    distributed_cash_vnd: int
    distributed_goods_vnd: int
    distribution_deadline: datetime.date | None
    donations: int
    donors: int
    in_kind_value_vnd: int
    name: None | str
    organising_unit_id: None | UUID
    parent_campaign_id: None | UUID
    participating_unit_ids: list[UUID]
    people_reached: int
    pledge_paid_vnd: int
    pledged_vnd: int
    receiving_from: datetime.date | None
    receiving_until: datetime.date | None
    state: CampaignReportState
    targets: Targets
    targets_reached: list[TargetReached]
    remainder_note: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.target_reached import TargetReached
        from ..models.targets import Targets
        as_of: None | str
        if isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        balance_cash_vnd = self.balance_cash_vnd

        balance_goods_vnd = self.balance_goods_vnd

        beneficiaries_reached = self.beneficiaries_reached

        beneficiaries_registered = self.beneficiaries_registered

        beneficiaries_verified = self.beneficiaries_verified

        blood_units = self.blood_units

        campaign_id = str(self.campaign_id)

        campaign_type: None | str
        campaign_type = self.campaign_type

        cash_raised_vnd = self.cash_raised_vnd

        code: None | str
        code = self.code

        distributed_cash_vnd = self.distributed_cash_vnd

        distributed_goods_vnd = self.distributed_goods_vnd

        distribution_deadline: None | str
        if isinstance(self.distribution_deadline, datetime.date):
            distribution_deadline = self.distribution_deadline.isoformat()
        else:
            distribution_deadline = self.distribution_deadline

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

        parent_campaign_id: None | str
        if isinstance(self.parent_campaign_id, UUID):
            parent_campaign_id = str(self.parent_campaign_id)
        else:
            parent_campaign_id = self.parent_campaign_id

        participating_unit_ids = []
        for participating_unit_ids_item_data in self.participating_unit_ids:
            participating_unit_ids_item = str(participating_unit_ids_item_data)
            participating_unit_ids.append(participating_unit_ids_item)



        people_reached = self.people_reached

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

        targets = self.targets.to_dict()

        targets_reached = []
        for targets_reached_item_data in self.targets_reached:
            targets_reached_item = targets_reached_item_data.to_dict()
            targets_reached.append(targets_reached_item)



        remainder_note: None | str | Unset
        if isinstance(self.remainder_note, Unset):
            remainder_note = UNSET
        else:
            remainder_note = self.remainder_note


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "balance_cash_vnd": balance_cash_vnd,
            "balance_goods_vnd": balance_goods_vnd,
            "beneficiaries_reached": beneficiaries_reached,
            "beneficiaries_registered": beneficiaries_registered,
            "beneficiaries_verified": beneficiaries_verified,
            "blood_units": blood_units,
            "campaign_id": campaign_id,
            "campaign_type": campaign_type,
            "cash_raised_vnd": cash_raised_vnd,
            "code": code,
            "distributed_cash_vnd": distributed_cash_vnd,
            "distributed_goods_vnd": distributed_goods_vnd,
            "distribution_deadline": distribution_deadline,
            "donations": donations,
            "donors": donors,
            "in_kind_value_vnd": in_kind_value_vnd,
            "name": name,
            "organising_unit_id": organising_unit_id,
            "parent_campaign_id": parent_campaign_id,
            "participating_unit_ids": participating_unit_ids,
            "people_reached": people_reached,
            "pledge_paid_vnd": pledge_paid_vnd,
            "pledged_vnd": pledged_vnd,
            "receiving_from": receiving_from,
            "receiving_until": receiving_until,
            "state": state,
            "targets": targets,
            "targets_reached": targets_reached,
        })
        if remainder_note is not UNSET:
            field_dict["remainder_note"] = remainder_note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_reached import TargetReached
        from ..models.targets import Targets
        d = dict(src_dict)
        def _parse_as_of(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = isoparse(data).date()



                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        as_of = _parse_as_of(d.pop("as_of"))


        balance_cash_vnd = d.pop("balance_cash_vnd")

        balance_goods_vnd = d.pop("balance_goods_vnd")

        beneficiaries_reached = d.pop("beneficiaries_reached")

        beneficiaries_registered = d.pop("beneficiaries_registered")

        beneficiaries_verified = d.pop("beneficiaries_verified")

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


        people_reached = d.pop("people_reached")

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


        state = check_campaign_report_state(d.pop("state"))




        targets = Targets.from_dict(d.pop("targets"))




        targets_reached = []
        _targets_reached = d.pop("targets_reached")
        for targets_reached_item_data in (_targets_reached):
            targets_reached_item = TargetReached.from_dict(targets_reached_item_data)



            targets_reached.append(targets_reached_item)


        def _parse_remainder_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remainder_note = _parse_remainder_note(d.pop("remainder_note", UNSET))


        campaign_report = cls(
            as_of=as_of,
            balance_cash_vnd=balance_cash_vnd,
            balance_goods_vnd=balance_goods_vnd,
            beneficiaries_reached=beneficiaries_reached,
            beneficiaries_registered=beneficiaries_registered,
            beneficiaries_verified=beneficiaries_verified,
            blood_units=blood_units,
            campaign_id=campaign_id,
            campaign_type=campaign_type,
            cash_raised_vnd=cash_raised_vnd,
            code=code,
            distributed_cash_vnd=distributed_cash_vnd,
            distributed_goods_vnd=distributed_goods_vnd,
            distribution_deadline=distribution_deadline,
            donations=donations,
            donors=donors,
            in_kind_value_vnd=in_kind_value_vnd,
            name=name,
            organising_unit_id=organising_unit_id,
            parent_campaign_id=parent_campaign_id,
            participating_unit_ids=participating_unit_ids,
            people_reached=people_reached,
            pledge_paid_vnd=pledge_paid_vnd,
            pledged_vnd=pledged_vnd,
            receiving_from=receiving_from,
            receiving_until=receiving_until,
            state=state,
            targets=targets,
            targets_reached=targets_reached,
            remainder_note=remainder_note,
        )

        return campaign_report

