from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.ledger_out_status import check_ledger_out_status
from ..models.ledger_out_status import LedgerOutStatus
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.blood_totals_out import BloodTotalsOut
  from ..models.cash_totals_out import CashTotalsOut
  from ..models.distribution_counts_out import DistributionCountsOut
  from ..models.donation_counts_out import DonationCountsOut
  from ..models.donor_counts_out import DonorCountsOut
  from ..models.in_kind_totals_out import InKindTotalsOut
  from ..models.pledge_totals_out import PledgeTotalsOut
  from ..models.soft_credit_out import SoftCreditOut
  from ..models.target_out import TargetOut





T = TypeVar("T", bound="LedgerOut")



@_attrs_define
class LedgerOut:
    """ 
        Attributes:
            blood (BloodTotalsOut):
            campaign_id (UUID):
            campaign_type (str):
            cash (CashTotalsOut):
            closed_on (datetime.date | None):
            code (str):
            distribution_deadline (datetime.date | None):
            distributions (DistributionCountsOut):
            donations (DonationCountsOut):
            donors (DonorCountsOut):
            in_kind (InKindTotalsOut):
            name (str):
            organising_unit_id (UUID):
            pledges (PledgeTotalsOut):
            receipts_issued (int):
            receiving_from (datetime.date):
            receiving_until (datetime.date):
            settled_on (datetime.date | None):
            soft_credits (list[SoftCreditOut]):
            soft_credits_note (str):
            status (LedgerOutStatus):
            targets (list[TargetOut]):
     """

    blood: BloodTotalsOut
    campaign_id: UUID
    campaign_type: str
    cash: CashTotalsOut
    closed_on: datetime.date | None
    code: str
    distribution_deadline: datetime.date | None
    distributions: DistributionCountsOut
    donations: DonationCountsOut
    donors: DonorCountsOut
    in_kind: InKindTotalsOut
    name: str
    organising_unit_id: UUID
    pledges: PledgeTotalsOut
    receipts_issued: int
    receiving_from: datetime.date
    receiving_until: datetime.date
    settled_on: datetime.date | None
    soft_credits: list[SoftCreditOut]
    soft_credits_note: str
    status: LedgerOutStatus
    targets: list[TargetOut]





    def to_dict(self) -> dict[str, Any]:
        from ..models.blood_totals_out import BloodTotalsOut
        from ..models.cash_totals_out import CashTotalsOut
        from ..models.distribution_counts_out import DistributionCountsOut
        from ..models.donation_counts_out import DonationCountsOut
        from ..models.donor_counts_out import DonorCountsOut
        from ..models.in_kind_totals_out import InKindTotalsOut
        from ..models.pledge_totals_out import PledgeTotalsOut
        from ..models.soft_credit_out import SoftCreditOut
        from ..models.target_out import TargetOut
        blood = self.blood.to_dict()

        campaign_id = str(self.campaign_id)

        campaign_type = self.campaign_type

        cash = self.cash.to_dict()

        closed_on: None | str
        if isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        code = self.code

        distribution_deadline: None | str
        if isinstance(self.distribution_deadline, datetime.date):
            distribution_deadline = self.distribution_deadline.isoformat()
        else:
            distribution_deadline = self.distribution_deadline

        distributions = self.distributions.to_dict()

        donations = self.donations.to_dict()

        donors = self.donors.to_dict()

        in_kind = self.in_kind.to_dict()

        name = self.name

        organising_unit_id = str(self.organising_unit_id)

        pledges = self.pledges.to_dict()

        receipts_issued = self.receipts_issued

        receiving_from = self.receiving_from.isoformat()

        receiving_until = self.receiving_until.isoformat()

        settled_on: None | str
        if isinstance(self.settled_on, datetime.date):
            settled_on = self.settled_on.isoformat()
        else:
            settled_on = self.settled_on

        soft_credits = []
        for soft_credits_item_data in self.soft_credits:
            soft_credits_item = soft_credits_item_data.to_dict()
            soft_credits.append(soft_credits_item)



        soft_credits_note = self.soft_credits_note

        status: str = self.status

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "blood": blood,
            "campaign_id": campaign_id,
            "campaign_type": campaign_type,
            "cash": cash,
            "closed_on": closed_on,
            "code": code,
            "distribution_deadline": distribution_deadline,
            "distributions": distributions,
            "donations": donations,
            "donors": donors,
            "in_kind": in_kind,
            "name": name,
            "organising_unit_id": organising_unit_id,
            "pledges": pledges,
            "receipts_issued": receipts_issued,
            "receiving_from": receiving_from,
            "receiving_until": receiving_until,
            "settled_on": settled_on,
            "soft_credits": soft_credits,
            "soft_credits_note": soft_credits_note,
            "status": status,
            "targets": targets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blood_totals_out import BloodTotalsOut
        from ..models.cash_totals_out import CashTotalsOut
        from ..models.distribution_counts_out import DistributionCountsOut
        from ..models.donation_counts_out import DonationCountsOut
        from ..models.donor_counts_out import DonorCountsOut
        from ..models.in_kind_totals_out import InKindTotalsOut
        from ..models.pledge_totals_out import PledgeTotalsOut
        from ..models.soft_credit_out import SoftCreditOut
        from ..models.target_out import TargetOut
        d = dict(src_dict)
        blood = BloodTotalsOut.from_dict(d.pop("blood"))




        campaign_id = UUID(d.pop("campaign_id"))




        campaign_type = d.pop("campaign_type")

        cash = CashTotalsOut.from_dict(d.pop("cash"))




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


        distributions = DistributionCountsOut.from_dict(d.pop("distributions"))




        donations = DonationCountsOut.from_dict(d.pop("donations"))




        donors = DonorCountsOut.from_dict(d.pop("donors"))




        in_kind = InKindTotalsOut.from_dict(d.pop("in_kind"))




        name = d.pop("name")

        organising_unit_id = UUID(d.pop("organising_unit_id"))




        pledges = PledgeTotalsOut.from_dict(d.pop("pledges"))




        receipts_issued = d.pop("receipts_issued")

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


        soft_credits = []
        _soft_credits = d.pop("soft_credits")
        for soft_credits_item_data in (_soft_credits):
            soft_credits_item = SoftCreditOut.from_dict(soft_credits_item_data)



            soft_credits.append(soft_credits_item)


        soft_credits_note = d.pop("soft_credits_note")

        status = check_ledger_out_status(d.pop("status"))




        targets = []
        _targets = d.pop("targets")
        for targets_item_data in (_targets):
            targets_item = TargetOut.from_dict(targets_item_data)



            targets.append(targets_item)


        ledger_out = cls(
            blood=blood,
            campaign_id=campaign_id,
            campaign_type=campaign_type,
            cash=cash,
            closed_on=closed_on,
            code=code,
            distribution_deadline=distribution_deadline,
            distributions=distributions,
            donations=donations,
            donors=donors,
            in_kind=in_kind,
            name=name,
            organising_unit_id=organising_unit_id,
            pledges=pledges,
            receipts_issued=receipts_issued,
            receiving_from=receiving_from,
            receiving_until=receiving_until,
            settled_on=settled_on,
            soft_credits=soft_credits,
            soft_credits_note=soft_credits_note,
            status=status,
            targets=targets,
        )

        return ledger_out

