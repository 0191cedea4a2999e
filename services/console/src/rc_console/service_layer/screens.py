"""What each screen shows, gathered from the services for one user (no HTML here)."""

from __future__ import annotations

import asyncio
import datetime
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from rc_clients.campaigns.models import CampaignOut, CampaignSummaryOut
from rc_clients.donations.models import DonationOut
from rc_clients.members.models import UnitHistoryOut, UnitListItemOut, UnitOut
from rc_console.adapters.upstream import Api, ApiError
from rc_console.domain.model import STATE_LABELS, TYPE_LABELS, User, offered_actions, percent


@dataclass(frozen=True)
class CampaignRow:
    id: uuid.UUID
    code: str
    name: str
    type_label: str
    state: str
    state_label: str
    receiving_from: str
    receiving_until: str
    raised_vnd: int
    target_vnd: int | None
    percent: int | None


@dataclass
class Dashboard:
    members: int
    volunteers: int
    campaigns: list[CampaignRow]


@dataclass
class CampaignPage:
    row: CampaignRow
    description: str
    actions: list[tuple[str, str]]
    targets: dict[str, int | None] = field(default_factory=dict)
    donations: list[DonationOut] | None = None  # None: no ledger (yet) in the donations service
    can_record: bool = False  # a gift may be recorded here by this user


DONATIONS_SHOWN = 50
RECEIVING = ("launched", "closed")  # states in which the donations service takes gifts


def _row(c: CampaignOut | CampaignSummaryOut, raised: int) -> CampaignRow:
    target = c.targets.cash_vnd
    return CampaignRow(
        id=c.id,
        code=c.code,
        name=c.name,
        type_label=str(TYPE_LABELS.get(str(c.campaign_type), str(c.campaign_type))),
        state=str(c.state),
        state_label=str(STATE_LABELS.get(str(c.state), str(c.state))),
        receiving_from=c.receiving_from.isoformat(),
        receiving_until=c.receiving_until.isoformat(),
        raised_vnd=raised,
        target_vnd=target,
        percent=percent(raised, target),
    )


async def raised_by_campaign(api: Api) -> dict[uuid.UUID, int]:
    """Cash raised per campaign, from the reporting service (projected from the donations ledger)."""
    figures = await api.campaign_figures()
    return {f.campaign_id: f.cash_raised_vnd for f in figures.campaigns}


async def campaigns(api: Api) -> list[CampaignRow]:
    """The campaigns the user's scope holds (the campaigns API decides), with their cash progress."""
    page, raised = await asyncio.gather(api.campaigns_page(), raised_by_campaign(api))
    return [_row(c, raised.get(c.id, 0)) for c in page.items]


async def dashboard(api: Api, user: User, volunteer_role: str = "volunteer") -> Dashboard:
    counts, rows = await asyncio.gather(api.stats(user.unit_id), campaigns(api))
    return Dashboard(
        members=counts.members,
        volunteers=int(counts.additional_properties.get(volunteer_role, 0)),
        campaigns=[r for r in rows if r.state == "launched"],
    )


async def _donations(api: Api, campaign_id: uuid.UUID) -> list[DonationOut] | None:
    """The campaign's first donations by receipt; None while it has no ledger (a draft)."""
    try:
        return list((await api.donations_of(campaign_id, DONATIONS_SHOWN)).items)
    except ApiError as exc:
        if exc.problem.status == 404:
            return None
        raise


async def campaign(api: Api, user: User, campaign_id: uuid.UUID) -> CampaignPage:
    c, raised, donations = await asyncio.gather(
        api.campaign(campaign_id), raised_by_campaign(api), _donations(api, campaign_id)
    )
    return campaign_page(user, c, raised.get(c.id, 0), donations)


def campaign_page(user: User, c: CampaignOut, raised: int, donations: list[DonationOut] | None) -> CampaignPage:
    """The campaign's page from what the services said: its cash ``raised`` (reporting), its ``donations``
    (None: no ledger yet)."""
    t = c.targets
    return CampaignPage(
        donations=donations,
        can_record=donations is not None and str(c.state) in RECEIVING and user.can("write"),
        row=_row(c, raised),
        description=c.description,
        actions=offered_actions(user, [str(a) for a in c.allowed_actions]),
        targets={
            "cash_vnd": t.cash_vnd,
            "in_kind_value_vnd": t.in_kind_value_vnd,
            "beneficiaries": t.beneficiaries,
            "blood_units": t.blood_units,
        },
    )


def campaign_body(form: dict[str, str]) -> dict[str, Any]:
    """The campaigns API's body from the new-campaign form, values as typed (the API validates them)."""
    body: dict[str, Any] = {
        k: form.get(k, "").strip()
        for k in ("code", "name", "campaign_type", "organising_unit_id", "receiving_from", "receiving_until")
    }
    body["description"] = form.get("description", "").strip()
    cash = form.get("target_cash_vnd", "").strip()
    body["targets"] = {"cash_vnd": whole_number(cash)} if cash else {}
    return body


def whole_number(text: str) -> int | str:
    """'20.000.000' → 20000000, '-5' → -5; what is not a whole number is passed on as typed (the API
    says why). ASCII digits only: str.isdigit() also takes '²' or '１', which int() refuses or misreads."""
    digits = text.strip().replace(".", "").replace(" ", "")
    return int(digits) if re.fullmatch(r"-?[0-9]+", digits) else text.strip()


def donation_body(form: dict[str, str]) -> dict[str, Any]:
    """The donations API's body for a cash gift from the form, values as typed (the API validates them)."""
    body: dict[str, Any] = {
        "kind": "cash",
        "amount_vnd": whole_number(form.get("amount_vnd", "")),
        "channel": form.get("channel", "").strip(),
        "received_on": form.get("received_on", "").strip(),
    }
    for name in ("bank_reference", "description"):
        if form.get(name, "").strip():
            body[name] = form[name].strip()
    donor: dict[str, Any] = {"type": form.get("donor_type", "").strip()}
    for name in ("name", "phone"):
        if form.get(f"donor_{name}", "").strip():
            donor[name] = form[f"donor_{name}"].strip()
    donor["consent_to_be_named"] = form.get("donor_consent") == "yes"
    body["donor"] = donor
    return body


@dataclass
class UnitPage:
    """A unit on a date: where it sits, its figures, the units under it, and its history."""

    unit: UnitOut
    members: int
    volunteers: int
    units: int | None
    children: list[UnitListItemOut]
    history: UnitHistoryOut


async def unit(api: Api, unit_id: uuid.UUID, as_of: datetime.date | None, volunteer_role: str) -> UnitPage:
    u, children, counts, history = await asyncio.gather(
        api.unit(unit_id, as_of), api.units_under(unit_id, as_of), api.stats(unit_id, as_of), api.unit_history(unit_id)
    )
    return UnitPage(
        unit=u,
        members=counts.members,
        volunteers=int(counts.additional_properties.get(volunteer_role, 0)),
        units=counts.units if isinstance(counts.units, int) else None,
        children=children,
        history=history,
    )
