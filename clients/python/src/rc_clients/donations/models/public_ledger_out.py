from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.public_ledger_out_status import check_public_ledger_out_status
from ..models.public_ledger_out_status import PublicLedgerOutStatus
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.public_contribution_out import PublicContributionOut
  from ..models.public_distribution_out import PublicDistributionOut
  from ..models.public_totals_out import PublicTotalsOut





T = TypeVar("T", bound="PublicLedgerOut")



@_attrs_define
class PublicLedgerOut:
    """ 
        Attributes:
            campaign_id (UUID):
            code (str):
            contributions (list[PublicContributionOut]):
            contributions_total (int):
            distribution_deadline (datetime.date | None):
            distributions (list[PublicDistributionOut]):
            distributions_total (int):
            limit (int):
            name (str):
            offset (int):
            receiving_from (datetime.date):
            receiving_until (datetime.date):
            status (PublicLedgerOutStatus):
            totals (PublicTotalsOut):
     """

    campaign_id: UUID
    code: str
    contributions: list[PublicContributionOut]
    contributions_total: int
    distribution_deadline: datetime.date | None
    distributions: list[PublicDistributionOut]
    distributions_total: int
    limit: int
    name: str
    offset: int
    receiving_from: datetime.date
    receiving_until: datetime.date
    status: PublicLedgerOutStatus
    totals: PublicTotalsOut





    def to_dict(self) -> dict[str, Any]:
        from ..models.public_contribution_out import PublicContributionOut
        from ..models.public_distribution_out import PublicDistributionOut
        from ..models.public_totals_out import PublicTotalsOut
        campaign_id = str(self.campaign_id)

        code = self.code

        contributions = []
        for contributions_item_data in self.contributions:
            contributions_item = contributions_item_data.to_dict()
            contributions.append(contributions_item)



        contributions_total = self.contributions_total

        distribution_deadline: None | str
        if isinstance(self.distribution_deadline, datetime.date):
            distribution_deadline = self.distribution_deadline.isoformat()
        else:
            distribution_deadline = self.distribution_deadline

        distributions = []
        for distributions_item_data in self.distributions:
            distributions_item = distributions_item_data.to_dict()
            distributions.append(distributions_item)



        distributions_total = self.distributions_total

        limit = self.limit

        name = self.name

        offset = self.offset

        receiving_from = self.receiving_from.isoformat()

        receiving_until = self.receiving_until.isoformat()

        status: str = self.status

        totals = self.totals.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_id": campaign_id,
            "code": code,
            "contributions": contributions,
            "contributions_total": contributions_total,
            "distribution_deadline": distribution_deadline,
            "distributions": distributions,
            "distributions_total": distributions_total,
            "limit": limit,
            "name": name,
            "offset": offset,
            "receiving_from": receiving_from,
            "receiving_until": receiving_until,
            "status": status,
            "totals": totals,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.public_contribution_out import PublicContributionOut
        from ..models.public_distribution_out import PublicDistributionOut
        from ..models.public_totals_out import PublicTotalsOut
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))




        code = d.pop("code")

        contributions = []
        _contributions = d.pop("contributions")
        for contributions_item_data in (_contributions):
            contributions_item = PublicContributionOut.from_dict(contributions_item_data)



            contributions.append(contributions_item)


        contributions_total = d.pop("contributions_total")

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


        distributions = []
        _distributions = d.pop("distributions")
        for distributions_item_data in (_distributions):
            distributions_item = PublicDistributionOut.from_dict(distributions_item_data)



            distributions.append(distributions_item)


        distributions_total = d.pop("distributions_total")

        limit = d.pop("limit")

        name = d.pop("name")

        offset = d.pop("offset")

        receiving_from = isoparse(d.pop("receiving_from")).date()




        receiving_until = isoparse(d.pop("receiving_until")).date()




        status = check_public_ledger_out_status(d.pop("status"))




        totals = PublicTotalsOut.from_dict(d.pop("totals"))




        public_ledger_out = cls(
            campaign_id=campaign_id,
            code=code,
            contributions=contributions,
            contributions_total=contributions_total,
            distribution_deadline=distribution_deadline,
            distributions=distributions,
            distributions_total=distributions_total,
            limit=limit,
            name=name,
            offset=offset,
            receiving_from=receiving_from,
            receiving_until=receiving_until,
            status=status,
            totals=totals,
        )

        return public_ledger_out

