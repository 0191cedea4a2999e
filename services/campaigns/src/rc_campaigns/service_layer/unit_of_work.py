"""The campaigns service's unit of work: what its use cases may ask of storage, and the real one.

Each Protocol lists the repository methods the use cases call; :class:`SqlUnitOfWork` provides
them with the SQL repositories of :mod:`rc_campaigns.adapters`, the tests with in-memory fakes.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from rc_campaigns.adapters.beneficiaries_repo import BeneficiaryRepository
from rc_campaigns.adapters.blood_repo import BloodRepository
from rc_campaigns.adapters.campaigns_repo import CampaignRepository
from rc_campaigns.domain.beneficiaries import DedupKey
from rc_campaigns.domain.campaigns import Campaign
from rc_campaigns.domain.progress import Totals
from rc_shared.outbox import UnitOfWork
from rc_shared.scope import UnitTree
from rc_shared.uow import AbstractUnitOfWork, OutboxUnitOfWork, Row


class CampaignRepo(Protocol):
    async def get(self, campaign_id: uuid.UUID, *, for_update: bool = False) -> Campaign | None: ...
    async def id_by_code(self, code: str) -> uuid.UUID | None: ...
    async def add(self, c: Campaign) -> None: ...
    async def save(self, c: Campaign) -> None: ...
    async def ancestors(self, campaign_id: uuid.UUID) -> list[uuid.UUID]: ...
    async def search(
        self,
        state: str | None,
        campaign_type: str | None,
        unit_id: uuid.UUID | None,
        parent_campaign_id: uuid.UUID | None,
        limit: int,
        offset: int,
        *,
        within: Sequence[uuid.UUID] | None = None,
    ) -> list[Campaign]: ...
    async def open_or_closed(self) -> list[Campaign]: ...
    async def totals(self, campaign_id: uuid.UUID) -> Totals: ...
    async def reached(self, campaign_id: uuid.UUID) -> dict[str, datetime]: ...
    async def save_disclosure(self, campaign_id: uuid.UUID, content: dict[str, Any]) -> int: ...
    async def disclosure(self, campaign_id: uuid.UUID) -> dict[str, Any] | None: ...


class BeneficiaryRepo(Protocol):
    async def get(self, beneficiary_id: uuid.UUID, *, for_update: bool = False) -> Row | None: ...
    async def find_duplicate(self, key: DedupKey) -> tuple[uuid.UUID, uuid.UUID, str] | None: ...
    async def add(self, beneficiary_id: uuid.UUID, key: DedupKey, fields: dict[str, Any]) -> None: ...
    async def verify(self, beneficiary_id: uuid.UUID, verified_by: str, verified_on: date) -> None: ...
    async def search(
        self,
        unit_id: uuid.UUID | None,
        verified: bool | None,
        humanitarian_address: bool | None,
        campaign_id: uuid.UUID | None,
        limit: int,
        offset: int,
        *,
        within: Sequence[uuid.UUID] | None = None,
    ) -> Sequence[Row]: ...
    async def public_list(self, campaign_id: uuid.UUID) -> Sequence[Row]: ...
    async def sponsor_id(
        self, sponsor_type: str, name: str, name_key: str, contact: str, contact_key: str
    ) -> uuid.UUID: ...
    async def overlapping_sponsorship(
        self, beneficiary_id: uuid.UUID, sponsor_id: uuid.UUID, start_on: date, end_on: date | None
    ) -> uuid.UUID | None: ...
    async def add_sponsorship(
        self,
        sponsorship_id: uuid.UUID,
        beneficiary_id: uuid.UUID,
        sponsor_id: uuid.UUID,
        start_on: date,
        end_on: date | None,
        commitment: str,
    ) -> None: ...
    async def sponsorships(self, beneficiary_id: uuid.UUID) -> list[dict[str, Any]]: ...
    async def support_received(self, beneficiary_id: uuid.UUID) -> dict[str, int]: ...


class BloodRepo(Protocol):
    async def add_session(
        self,
        session_id: uuid.UUID,
        campaign_id: uuid.UUID,
        unit_id: uuid.UUID,
        held_on: date,
        place: str,
        capacity: int,
    ) -> None: ...
    async def get_session(self, session_id: uuid.UUID, *, for_update: bool = False) -> Row | None: ...
    async def sessions(self, campaign_id: uuid.UUID) -> Sequence[Row]: ...
    async def registration_of(self, session_id: uuid.UUID, donor_id: uuid.UUID) -> uuid.UUID | None: ...
    async def add_registration(
        self,
        registration_id: uuid.UUID,
        session_id: uuid.UUID,
        donor_id: uuid.UUID,
        donor_ref: str,
        blood_group: str | None,
        note: str,
    ) -> None: ...


class UnitTreeRepo(Protocol):
    """The organisation tree as learnt from ``members.units`` (:class:`rc_shared.scope.UnitTree`)."""

    async def check_known(
        self, units: Mapping[str, uuid.UUID | None], first: date, last: date | None = None
    ) -> None: ...


class CampaignsUnitOfWork(AbstractUnitOfWork):
    """What a campaigns use case works with."""

    campaigns: CampaignRepo
    units: UnitTreeRepo
    beneficiaries: BeneficiaryRepo
    blood: BloodRepo


class SqlUnitOfWork(OutboxUnitOfWork, CampaignsUnitOfWork):
    """The SQL repositories on one outbox transaction."""

    def __init__(self, tx: UnitOfWork) -> None:
        super().__init__(tx)
        self.campaigns = CampaignRepository(self.conn)
        self.units = UnitTree(self.conn)
        self.beneficiaries = BeneficiaryRepository(self.conn)
        self.blood = BloodRepository(self.conn)
