from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.public_ledger_summary_out_status import check_public_ledger_summary_out_status
from ..models.public_ledger_summary_out_status import PublicLedgerSummaryOutStatus
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.beneficiary_group_out import BeneficiaryGroupOut
  from ..models.call_document import CallDocument
  from ..models.daily_flow_out import DailyFlowOut
  from ..models.public_donors_out import PublicDonorsOut
  from ..models.public_target_out import PublicTargetOut
  from ..models.public_totals_out import PublicTotalsOut
  from ..models.receiving_point import ReceivingPoint
  from ..models.support_level import SupportLevel





T = TypeVar("T", bound="PublicLedgerSummaryOut")



@_attrs_define
class PublicLedgerSummaryOut:
    """ The public ledger's header and Decree 93/2021 Art. 14 blocks.

        Attributes:
            as_of (datetime.datetime | None): When the newest movement was written.
            beneficiaries (list[BeneficiaryGroupOut]):
            call_documents (list[CallDocument]):
            campaign_id (UUID):
            campaign_type (str):
            closed_on (datetime.date | None): The day receiving ended (a close, or a cancellation).
            code (str):
            daily (list[DailyFlowOut]): Cash and goods in and out per day (the last 60 days with movements).
            disclosure_version (int): Version of the campaigns service's disclosure shown (0: none yet).
            distribution_deadline (datetime.date | None):
            donors (PublicDonorsOut):
            last_line_no (int):
            name (str):
            organising_unit (None | str):
            receiving_from (datetime.date):
            receiving_points (list[ReceivingPoint]):
            receiving_until (datetime.date):
            remainder_note (None | str): What the settlement does with what was left undistributed (the decision that allots
                it), phone, identity and account numbers masked; null: nothing said (nothing left, or settled before this was
                published).
            settled_on (datetime.date | None): The day the campaign's accounts were settled.
            status (PublicLedgerSummaryOutStatus):
            support_levels (list[SupportLevel]):
            support_policy (None | str):
            targets (list[PublicTargetOut]):
            totals (PublicTotalsOut):
     """

    as_of: datetime.datetime | None
    beneficiaries: list[BeneficiaryGroupOut]
    call_documents: list[CallDocument]
    campaign_id: UUID
    campaign_type: str
    closed_on: datetime.date | None
    code: str
    daily: list[DailyFlowOut]
    disclosure_version: int
    distribution_deadline: datetime.date | None
    donors: PublicDonorsOut
    last_line_no: int
    name: str
    organising_unit: None | str
    receiving_from: datetime.date
    receiving_points: list[ReceivingPoint]
    receiving_until: datetime.date
    remainder_note: None | str
    settled_on: datetime.date | None
    status: PublicLedgerSummaryOutStatus
    support_levels: list[SupportLevel]
    support_policy: None | str
    targets: list[PublicTargetOut]
    totals: PublicTotalsOut





    def to_dict(self) -> dict[str, Any]:
        from ..models.beneficiary_group_out import BeneficiaryGroupOut
        from ..models.call_document import CallDocument
        from ..models.daily_flow_out import DailyFlowOut
        from ..models.public_donors_out import PublicDonorsOut
        from ..models.public_target_out import PublicTargetOut
        from ..models.public_totals_out import PublicTotalsOut
        from ..models.receiving_point import ReceivingPoint
        from ..models.support_level import SupportLevel
        as_of: None | str
        if isinstance(self.as_of, datetime.datetime):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        beneficiaries = []
        for beneficiaries_item_data in self.beneficiaries:
            beneficiaries_item = beneficiaries_item_data.to_dict()
            beneficiaries.append(beneficiaries_item)



        call_documents = []
        for call_documents_item_data in self.call_documents:
            call_documents_item = call_documents_item_data.to_dict()
            call_documents.append(call_documents_item)



        campaign_id = str(self.campaign_id)

        campaign_type = self.campaign_type

        closed_on: None | str
        if isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        code = self.code

        daily = []
        for daily_item_data in self.daily:
            daily_item = daily_item_data.to_dict()
            daily.append(daily_item)



        disclosure_version = self.disclosure_version

        distribution_deadline: None | str
        if isinstance(self.distribution_deadline, datetime.date):
            distribution_deadline = self.distribution_deadline.isoformat()
        else:
            distribution_deadline = self.distribution_deadline

        donors = self.donors.to_dict()

        last_line_no = self.last_line_no

        name = self.name

        organising_unit: None | str
        organising_unit = self.organising_unit

        receiving_from = self.receiving_from.isoformat()

        receiving_points = []
        for receiving_points_item_data in self.receiving_points:
            receiving_points_item = receiving_points_item_data.to_dict()
            receiving_points.append(receiving_points_item)



        receiving_until = self.receiving_until.isoformat()

        remainder_note: None | str
        remainder_note = self.remainder_note

        settled_on: None | str
        if isinstance(self.settled_on, datetime.date):
            settled_on = self.settled_on.isoformat()
        else:
            settled_on = self.settled_on

        status: str = self.status

        support_levels = []
        for support_levels_item_data in self.support_levels:
            support_levels_item = support_levels_item_data.to_dict()
            support_levels.append(support_levels_item)



        support_policy: None | str
        support_policy = self.support_policy

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)



        totals = self.totals.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "beneficiaries": beneficiaries,
            "call_documents": call_documents,
            "campaign_id": campaign_id,
            "campaign_type": campaign_type,
            "closed_on": closed_on,
            "code": code,
            "daily": daily,
            "disclosure_version": disclosure_version,
            "distribution_deadline": distribution_deadline,
            "donors": donors,
            "last_line_no": last_line_no,
            "name": name,
            "organising_unit": organising_unit,
            "receiving_from": receiving_from,
            "receiving_points": receiving_points,
            "receiving_until": receiving_until,
            "remainder_note": remainder_note,
            "settled_on": settled_on,
            "status": status,
            "support_levels": support_levels,
            "support_policy": support_policy,
            "targets": targets,
            "totals": totals,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.beneficiary_group_out import BeneficiaryGroupOut
        from ..models.call_document import CallDocument
        from ..models.daily_flow_out import DailyFlowOut
        from ..models.public_donors_out import PublicDonorsOut
        from ..models.public_target_out import PublicTargetOut
        from ..models.public_totals_out import PublicTotalsOut
        from ..models.receiving_point import ReceivingPoint
        from ..models.support_level import SupportLevel
        d = dict(src_dict)
        def _parse_as_of(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = isoparse(data)



                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        as_of = _parse_as_of(d.pop("as_of"))


        beneficiaries = []
        _beneficiaries = d.pop("beneficiaries")
        for beneficiaries_item_data in (_beneficiaries):
            beneficiaries_item = BeneficiaryGroupOut.from_dict(beneficiaries_item_data)



            beneficiaries.append(beneficiaries_item)


        call_documents = []
        _call_documents = d.pop("call_documents")
        for call_documents_item_data in (_call_documents):
            call_documents_item = CallDocument.from_dict(call_documents_item_data)



            call_documents.append(call_documents_item)


        campaign_id = UUID(d.pop("campaign_id"))




        campaign_type = d.pop("campaign_type")

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

        daily = []
        _daily = d.pop("daily")
        for daily_item_data in (_daily):
            daily_item = DailyFlowOut.from_dict(daily_item_data)



            daily.append(daily_item)


        disclosure_version = d.pop("disclosure_version")

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


        donors = PublicDonorsOut.from_dict(d.pop("donors"))




        last_line_no = d.pop("last_line_no")

        name = d.pop("name")

        def _parse_organising_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organising_unit = _parse_organising_unit(d.pop("organising_unit"))


        receiving_from = isoparse(d.pop("receiving_from")).date()




        receiving_points = []
        _receiving_points = d.pop("receiving_points")
        for receiving_points_item_data in (_receiving_points):
            receiving_points_item = ReceivingPoint.from_dict(receiving_points_item_data)



            receiving_points.append(receiving_points_item)


        receiving_until = isoparse(d.pop("receiving_until")).date()




        def _parse_remainder_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        remainder_note = _parse_remainder_note(d.pop("remainder_note"))


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


        status = check_public_ledger_summary_out_status(d.pop("status"))




        support_levels = []
        _support_levels = d.pop("support_levels")
        for support_levels_item_data in (_support_levels):
            support_levels_item = SupportLevel.from_dict(support_levels_item_data)



            support_levels.append(support_levels_item)


        def _parse_support_policy(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        support_policy = _parse_support_policy(d.pop("support_policy"))


        targets = []
        _targets = d.pop("targets")
        for targets_item_data in (_targets):
            targets_item = PublicTargetOut.from_dict(targets_item_data)



            targets.append(targets_item)


        totals = PublicTotalsOut.from_dict(d.pop("totals"))




        public_ledger_summary_out = cls(
            as_of=as_of,
            beneficiaries=beneficiaries,
            call_documents=call_documents,
            campaign_id=campaign_id,
            campaign_type=campaign_type,
            closed_on=closed_on,
            code=code,
            daily=daily,
            disclosure_version=disclosure_version,
            distribution_deadline=distribution_deadline,
            donors=donors,
            last_line_no=last_line_no,
            name=name,
            organising_unit=organising_unit,
            receiving_from=receiving_from,
            receiving_points=receiving_points,
            receiving_until=receiving_until,
            remainder_note=remainder_note,
            settled_on=settled_on,
            status=status,
            support_levels=support_levels,
            support_policy=support_policy,
            targets=targets,
            totals=totals,
        )

        return public_ledger_summary_out

