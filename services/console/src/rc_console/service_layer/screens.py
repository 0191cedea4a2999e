"""What each screen shows, gathered from the services for one user (no HTML here)."""

from __future__ import annotations

import asyncio
import datetime
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rc_clients.campaigns.models import CampaignOut, CampaignSummaryOut
from rc_clients.donations.models import DonationOut
from rc_clients.members.models import UnitHistoryOut, UnitListItemOut, UnitOut
from rc_clients.reporting.models import Dashboard as DashboardFigures
from rc_clients.reporting.models import InflowDay
from rc_console.adapters.upstream import Api, ApiError, GiftRow
from rc_console.domain.model import (
    STATE_LABELS,
    TYPE_LABELS,
    User,
    offered_actions,
    percent,
    recording_choices,
    unit_choices,
)
from rc_shared import clock
from rc_shared.labels import count, read_whole_number


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
    net_year: int  # receipts_year - distributed_year: not a balance (money received before 1 January is spent too)
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
    donations: Sequence[DonationOut | GiftRow] | None = None  # None: no ledger (yet) in the donations service
    can_record: bool = False  # a gift may be recorded here by this user
    record_units: list[tuple[str, str]] = field(default_factory=list)
    """The campaign's units a gift may be recorded for by this user (:func:`recording_units`)."""
    gift_day: str = ""  # a gift form's first date (:func:`gift_day`)
    can_edit: bool = False  # a draft this user may correct (the campaigns API: write, its organiser in scope)


DONATIONS_SHOWN = 50
RECEIVING = ("launched", "closed")  # states in which the donations service takes gifts


def default_day(last: datetime.date | str | None, first: datetime.date | None = None) -> str:
    """A form's date as first shown: today, or ``last`` when today is past it (a gift after its receiving
    period ended, a distribution after its deadline: the services refuse today, and the day to record is
    one before it), and not before ``first`` (a call made before its receiving period starts)."""
    day = clock.today()
    if last is not None:
        day = min(day, datetime.date.fromisoformat(last) if isinstance(last, str) else last)
    return max(day, first).isoformat() if first is not None else day.isoformat()


def gift_day(c: CampaignOut) -> str:
    """A gift form's first date: :func:`default_day` within the receiving period, up to an early close."""
    last = c.receiving_until
    if isinstance(c.closed_on, datetime.date):
        last = min(last, c.closed_on)
    return default_day(last, c.receiving_from)


def campaign_row(c: CampaignOut | CampaignSummaryOut, raised: int) -> CampaignRow:
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


def money(figures: DashboardFigures) -> Money:
    """The dashboard's tiles from the reporting service's figures of the user's subtree."""
    target = figures.blood_target_units
    return Money(
        receipts_month=figures.receipts_month_vnd,
        receipts_year=figures.receipts_year_vnd,
        distributed_year=figures.distributed_year_vnd,
        net_year=figures.balance_year_vnd,
        blood_units=figures.blood_units,
        blood_target=target if isinstance(target, int) else None,
    )


def inflow(days: list[InflowDay], first: datetime.date, last: datetime.date) -> Inflow:
    """The chart of cash received per day from ``first`` to ``last`` (a day not in ``days``: 0), each bar's
    height in proportion to the tallest day's."""
    chart = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    cash = dict.fromkeys(chart, 0)
    for d in days:
        if d.day in cash:
            cash[d.day] += d.cash_raised_vnd
    peak = max([*cash.values(), 0])
    step = Inflow.WIDTH / len(chart)
    bars = []
    for i, day in enumerate(chart):
        value = cash[day]
        height = Inflow.HEIGHT * max(value, 0) / peak if peak > 0 else 0.0
        bars.append(Bar(day, value, round(i * step + step * 0.1, 2), round(Inflow.HEIGHT - height, 2),
                        round(step * 0.8, 2), round(height, 2)))  # fmt: skip
    return Inflow(first, last, bars, sum(cash.values()), peak)


async def dashboard(api: Api, user: User, today: datetime.date, volunteer_role: str = "volunteer") -> Dashboard:
    """Every figure at once, three calls asked concurrently: the members' counts, the campaigns of the user's
    scope (the campaigns API decides which), and the reporting service's figures of the user's subtree (its
    money, blood, inflow and the progress of the campaigns under way)."""
    counts, page, figures = await asyncio.gather(
        api.stats(user.unit_id),
        api.campaigns_page(state="launched"),  # those under way only: however many campaigns have ended
        api.dashboard(user.unit_id, today, INFLOW_DAYS),
    )
    raised = {c.campaign_id: c.cash_raised_vnd for c in figures.campaigns}
    return Dashboard(
        members=counts.members,
        volunteers=int(counts.additional_properties.get(volunteer_role, 0)),
        campaigns=[campaign_row(c, raised.get(c.id, 0)) for c in page.items if str(c.state) == "launched"],
        money=money(figures),
        inflow=inflow(list(figures.inflow), today - datetime.timedelta(days=INFLOW_DAYS - 1), today),
    )


async def _donations(api: Api, campaign_id: uuid.UUID) -> list[DonationOut] | None:
    """The campaign's first donations by receipt; None while it has no ledger (a draft)."""
    try:
        return list((await api.donations_of(campaign_id, DONATIONS_SHOWN)).items)
    except ApiError as exc:
        if exc.problem.status == 404:
            return None
        raise


async def draft(api: Api, user: User, campaign_id: uuid.UUID) -> tuple[CampaignOut, bool]:
    """The campaign, and whether this user may correct it (:func:`editable`, its organiser in their scope)."""
    c = await api.campaign(campaign_id)
    return c, editable(user, c) and await organises(api, user, c)


async def campaign(api: Api, user: User, campaign_id: uuid.UUID) -> CampaignPage:
    """The campaign with its first gifts; its cash raised is the campaign's own progress (one read less than
    the reporting service's list of every campaign, which grows with the campaigns)."""
    c, donations = await asyncio.gather(api.campaign(campaign_id), _donations(api, campaign_id))
    organised, units = await asyncio.gather(organises(api, user, c), recording_units(api, c))
    return campaign_page(user, c, c.progress.cash_vnd.raised, donations, organised, units)


def first_unit(units: list[tuple[str, str]]) -> str:
    """The unit a gift form offers first: the organiser (empty) when the user may record for it."""
    return "" if not units or any(value == "" for value, _ in units) else units[0][0]


async def recording_units(api: Api, c: CampaignOut) -> list[tuple[str, str]]:
    """The campaign's units (its organiser, its participants) in the user's scope, in tree order: those a gift
    or a distribution may be recorded for here. A district taking part in a province's campaign records its
    own gifts and handovers for itself (the donations API refuses the organiser, outside its scope). None
    found (an organiser that has ended, the members service not answering): the forms name no unit, and the
    API books to the organiser as it always did."""
    try:
        scope = unit_choices(await api.units_in_scope())
    except ApiError:
        return []
    return recording_choices(scope, c.organising_unit_id, c.participating_unit_ids)


async def organises(api: Api, user: User, c: CampaignOut) -> bool:
    """Whether the campaign's organising unit is in the user's scope (their unit or one under it): the
    campaigns API takes its lifecycle actions (launch, close, settle, cancel) only then. A participating
    unit's manager sees the campaign, and is not offered them. The organising unit is read only when it
    matters (a user who may manage, a unit other than their own)."""
    if (
        user.unit_id is None
        or c.organising_unit_id == user.unit_id
        or (not offered_actions(user, [str(a) for a in c.allowed_actions]) and not editable(user, c))
    ):
        return True
    try:
        unit = await api.unit(c.organising_unit_id)
    except ApiError:
        return False
    return any(p.id == user.unit_id for p in unit.path)


def editable(user: User, c: CampaignOut) -> bool:
    """Whether the user's role may correct the campaign (a draft; the organiser's scope is checked apart)."""
    return str(c.state) == "draft" and user.can("write")


def campaign_page(
    user: User,
    c: CampaignOut,
    raised: int,
    donations: Sequence[DonationOut | GiftRow] | None,
    organised: bool = True,
    record_units: list[tuple[str, str]] | None = None,
) -> CampaignPage:
    """The campaign's page from what the services said: its cash ``raised`` (reporting), its ``donations``
    (None: no ledger yet); ``organised``: the user's scope holds its organising unit (:func:`organises`);
    ``record_units``: the units the user may record a gift for (:func:`recording_units`; None: not read)."""
    t = c.targets
    return CampaignPage(
        donations=donations,
        can_record=donations is not None and str(c.state) in RECEIVING and user.can("write"),
        record_units=record_units or [],
        row=campaign_row(c, raised),
        gift_day=gift_day(c),
        description=c.description,
        actions=offered_actions(user, [str(a) for a in c.allowed_actions]) if organised else [],
        can_edit=organised and editable(user, c),
        targets={
            "cash_vnd": t.cash_vnd,
            "in_kind_value_vnd": t.in_kind_value_vnd,
            "beneficiaries": t.beneficiaries,
            "blood_units": t.blood_units,
        },
    )


CAMPAIGN_FORM = (
    "code", "name", "campaign_type", "organising_unit_id", "receiving_from", "receiving_until", "target_cash_vnd",
    "description",
)  # fmt: skip
"""The fields of the new-campaign form (and of a draft's edit form)."""


def campaign_form(c: CampaignOut) -> dict[str, str]:
    """The new-campaign form's values for a draft, as the draft holds them (to correct it)."""
    cash = c.targets.cash_vnd
    return {
        "code": c.code,
        "name": c.name,
        "campaign_type": str(c.campaign_type),
        "organising_unit_id": str(c.organising_unit_id),
        "receiving_from": c.receiving_from.isoformat(),
        "receiving_until": c.receiving_until.isoformat(),
        "target_cash_vnd": "" if not cash else count(cash),
        "description": c.description or "",
    }


SHOWN_MAX_CHARS = 8_000  # the form's fields at their longest, as JSON, with room to spare


def shown_field(shown: dict[str, str]) -> str:
    """The draft's values as the edit form shows them, for the form to carry back (:func:`shown_values`)."""
    return json.dumps(shown, ensure_ascii=False, sort_keys=True)


def shown_values(text: str) -> dict[str, str] | None:
    """The values an edit form showed (:func:`shown_field`); None when the text is not such values."""
    if len(text) > SHOWN_MAX_CHARS:
        return None
    try:
        values = json.loads(text)
    except (ValueError, RecursionError):  # (a text of many "[": too deep for the parser)
        return None
    if (
        not isinstance(values, dict)
        or set(values) != set(CAMPAIGN_FORM)
        or not all(isinstance(v, str) for v in values.values())
    ):
        return None
    return values


def campaign_patch(form: dict[str, str], draft: dict[str, str]) -> dict[str, Any]:
    """The campaigns API's correction of a draft: the fields of the form that differ from the ``draft`` as it
    was shown (:func:`campaign_form`), values as typed; a cash target emptied is no longer tracked."""
    body = campaign_body(form)
    was = campaign_body(draft)
    changes = {k: v for k, v in body.items() if k != "targets" and v != was[k]}
    if body["targets"] != was["targets"]:
        changes["targets"] = body["targets"] or {"cash_vnd": None}
    return changes


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
    """'20.000.000' → 20000000, '-5' → -5 (rc_shared.labels.read_whole_number: '1.500.00' is a typo, '²'
    not a digit); what is not a whole number is passed on as typed (the API says why)."""
    number = read_whole_number(text)
    return text.strip() if number is None else number


def donation_body(form: dict[str, str]) -> dict[str, Any]:
    """The donations API's body for a cash gift from the form, values as typed (the API validates them)."""
    body: dict[str, Any] = {
        "kind": "cash",
        "amount_vnd": whole_number(form.get("amount_vnd", "")),
        "channel": form.get("channel", "").strip(),
        "received_on": form.get("received_on", "").strip(),
    }
    for name in ("bank_reference", "description", "unit_id"):
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
