"""What each screen shows, gathered from the services for one user (no HTML here)."""

from __future__ import annotations

import asyncio
import datetime
import re
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from rc_clients.campaigns.models import CampaignOut, CampaignsPageOut, CampaignSummaryOut
from rc_clients.donations.models import DonationOut
from rc_clients.members.models import UnitHistoryOut, UnitListItemOut, UnitOut
from rc_clients.reporting.models import Bucket, CampaignList, UnitFundsReport
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


@dataclass(frozen=True)
class Money:
    """The dashboard's money and blood figures for the user's subtree (reporting service)."""

    receipts_month: int  # cash received this month up to today, reversals excluded
    receipts_year: int  # the same since 1 January
    distributed_year: int  # cash distributed since 1 January
    balance_year: int  # receipts_year - distributed_year
    blood_units: int  # collected by the campaigns under way
    blood_target: int | None  # their blood-unit targets added up; None: none of them has one


@dataclass(frozen=True)
class Bar:
    """One day of the inflow chart, in the SVG's coordinates (y grows downwards)."""

    day: datetime.date
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Inflow:
    """Cash received per day over the chart's days (oldest first), scaled to a WIDTH x HEIGHT box."""

    first: datetime.date
    last: datetime.date
    bars: list[Bar]
    total: int
    peak: int  # the tallest day (0: nothing received)

    WIDTH = 300
    HEIGHT = 100


@dataclass
class Dashboard:
    members: int
    volunteers: int
    campaigns: list[CampaignRow]
    money: Money | None = None
    inflow: Inflow | None = None


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


INFLOW_DAYS = 30


def _funds(report: UnitFundsReport) -> tuple[int, int]:
    """(cash raised, cash distributed) of a by-unit report's top units (one: the user's unit; several: the
    roots, for an organisation-wide user)."""
    return sum(u.cash_raised_vnd for u in report.units), sum(u.distributed_cash_vnd for u in report.units)


def money(month: UnitFundsReport, year: UnitFundsReport, under_way: list[CampaignOut], figures: CampaignList) -> Money:
    """The dashboard's figures from the reporting service's answers: ``month`` and ``year`` (by unit, this
    month and this year to date), the blood collected by the campaigns ``under_way`` against their targets."""
    raised_year, distributed_year = _funds(year)
    blood = {f.campaign_id: f.blood_units for f in figures.campaigns}
    targets = [c.targets.blood_units for c in under_way if c.targets.blood_units is not None]
    return Money(
        receipts_month=_funds(month)[0],
        receipts_year=raised_year,
        distributed_year=distributed_year,
        balance_year=raised_year - distributed_year,
        blood_units=sum(blood.get(c.id, 0) for c in under_way),
        blood_target=sum(targets) if targets else None,
    )


def inflow(buckets: list[Bucket], first: datetime.date, last: datetime.date) -> Inflow:
    """The chart of cash received per day from ``first`` to ``last`` (a day without a bucket: 0; buckets of
    several series on one day are added up), each bar's height in proportion to the tallest day's."""
    days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    cash = dict.fromkeys(days, 0)
    for b in buckets:
        if b.period_start in cash:
            cash[b.period_start] += b.cash_raised_vnd
    peak = max([*cash.values(), 0])
    step = Inflow.WIDTH / len(days)
    bars = []
    for i, day in enumerate(days):
        value = cash[day]
        height = Inflow.HEIGHT * max(value, 0) / peak if peak > 0 else 0.0
        bars.append(Bar(day, value, round(i * step + step * 0.1, 2), round(Inflow.HEIGHT - height, 2),
                        round(step * 0.8, 2), round(height, 2)))  # fmt: skip
    return Inflow(first, last, bars, sum(cash.values()), peak)


async def _series(api: Api, campaign_id: uuid.UUID | None, first: datetime.date, last: datetime.date) -> list[Bucket]:
    """One series' days; none while the reporting service has not projected the campaign yet (404)."""
    try:
        return list((await api.series(campaign_id, first, last)).buckets)
    except ApiError as exc:
        if exc.problem.status == 404:
            return []
        raise


async def _inflow_buckets(
    api: Api, user: User, page: Awaitable[CampaignsPageOut], first: datetime.date, last: datetime.date
) -> list[Bucket]:
    """The days of every campaign for an organisation-wide user (one call); for a unit's user, those of each
    campaign of their scope that takes gifts (the by-period report of every campaign is organisation-wide)."""
    if user.unit_id is None:
        return await _series(api, None, first, last)
    ids = [c.id for c in (await page).items if str(c.state) in RECEIVING]
    series = await asyncio.gather(*(_series(api, i, first, last) for i in ids))
    return [b for s in series for b in s]


async def dashboard(api: Api, user: User, today: datetime.date, volunteer_role: str = "volunteer") -> Dashboard:
    """Every figure at once: the members, campaigns and reporting services are asked concurrently (a unit's
    user's inflow series follow the campaigns page, the calls they need)."""
    first = today - datetime.timedelta(days=INFLOW_DAYS - 1)
    page_call = asyncio.ensure_future(api.campaigns_page())
    counts, page, figures, month, year, buckets = await asyncio.gather(
        api.stats(user.unit_id),
        page_call,
        api.campaign_figures(),
        api.funds(user.unit_id, today.replace(day=1), today),
        api.funds(user.unit_id, today.replace(month=1, day=1), today),
        _inflow_buckets(api, user, page_call, first, today),
    )
    raised = {f.campaign_id: f.cash_raised_vnd for f in figures.campaigns}
    under_way = [c for c in page.items if str(c.state) == "launched"]
    return Dashboard(
        members=counts.members,
        volunteers=int(counts.additional_properties.get(volunteer_role, 0)),
        campaigns=[_row(c, raised.get(c.id, 0)) for c in under_way],
        money=money(month, year, under_way, figures),
        inflow=inflow(buckets, first, today),
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
