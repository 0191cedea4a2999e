"""Campaign progress report rules (pure: no database, web or Kafka imports).

Conventions of the campaign projection and reports:

- Money is integer VND; blood in units. Cash raised is the sum of cash donations, in-kind value the
  assessed value of goods; a pledge is a promise and is never counted as raised (its instalments
  are cash donations and count when they arrive).
- Soft credits (``credited_unit_id``: the unit that mobilised a gift received by another unit) are
  reported separately and never added to any raised total, so nothing is counted twice.
- Reversals delete nothing: a reversed donation or distribution stops counting *on* its reversal
  date. A report "as of" ``d`` counts facts dated on or before ``d`` that were not reversed on or
  before ``d``; without ``as_of`` every fact projected so far counts, and every reversal applies.
- Donors: distinct identified donors, plus each anonymous gift counted as one donor.
- A campaign's state as of a date follows its lifecycle dates: cancelled, settled, closed, else
  launched; ``unknown`` while only ledger facts of it have been projected (the launch event of
  another topic may arrive later).
- Events that carry no business date (a pledge, a beneficiary registration) are dated by their
  CloudEvents time, in Viet Nam's time zone (UTC+7, no daylight saving).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, TypeVar, get_args

from rc_shared import clock
from rc_shared.errors import Invalid

TargetKind = Literal["cash_vnd", "in_kind_value_vnd", "blood_units", "beneficiaries"]
TARGET_KINDS: tuple[TargetKind, ...] = get_args(TargetKind)

CampaignState = Literal["launched", "closed", "settled", "cancelled", "unknown"]
CAMPAIGN_STATES: tuple[CampaignState, ...] = get_args(CampaignState)

Granularity = Literal["day", "month"]
MAX_BUCKETS = 1100  # three years of days; ninety years of months


def local_date(ts: datetime) -> date:
    """The organisation's date of an instant (its time zone, :mod:`rc_shared.clock`; naive is UTC)."""
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(clock.zone()).date()


def campaign_state(
    as_of: date | None,
    launched: bool,
    closed_on: date | None,
    settled_on: date | None,
    cancelled_on: date | None,
    today: date | None = None,
) -> CampaignState:
    """The lifecycle state on ``as_of`` (``None``: everything projected so far, up to ``today`` when given: a
    close dated ahead, which the campaigns service allows, has not happened before its day)."""
    on = as_of if as_of is not None else today

    def happened(d: date | None) -> bool:
        return d is not None and (on is None or d <= on)

    if happened(cancelled_on):
        return "cancelled"
    if happened(settled_on):
        return "settled"
    if happened(closed_on):
        return "closed"
    return "launched" if launched else "unknown"


def percent(value: int, target: int | None) -> float | None:
    """Progress in percent, one decimal, truncated as the public pages say it (99.96 % is 99.9, never the
    target reached); ``None`` when the target is not tracked (absent or 0)."""
    if not target:
        return None
    return value * 1000 // target / 10


def target_progress(targets: Mapping[str, int | None], values: Mapping[str, int]) -> dict[str, dict[str, Any]]:
    """Per target kind: ``{target, value, percent}`` (target and percent ``None`` when untracked)."""
    out: dict[str, dict[str, Any]] = {}
    for kind in TARGET_KINDS:
        target = targets.get(kind)
        target = int(target) if target else None
        value = int(values.get(kind, 0))
        out[kind] = {"target": target, "value": value, "percent": percent(value, target)}
    return out


def _int(row: Mapping[str, Any], key: str) -> int:
    return int(row.get(key) or 0)


def campaign_figures(row: Mapping[str, Any], as_of: date | None, today: date | None = None) -> dict[str, Any]:
    """The main figures of one campaign from a flat row of the campaign query (its state on ``as_of``, or
    on ``today`` when ``as_of`` is None: :func:`campaign_state`)."""
    cash = _int(row, "cash_raised_vnd")
    distributed_cash = _int(row, "distributed_cash_vnd")
    return {
        "campaign_id": row["campaign_id"],
        "code": row.get("code"),
        "name": row.get("name"),
        "campaign_type": row.get("campaign_type"),
        "state": campaign_state(
            as_of,
            bool(row.get("launched")),
            row.get("closed_on"),
            row.get("settled_on"),
            row.get("cancelled_on"),
            today,
        ),
        "organising_unit_id": row.get("organising_unit_id"),
        "receiving_from": row.get("receiving_from"),
        "receiving_until": row.get("receiving_until"),
        "cash_raised_vnd": cash,
        "in_kind_value_vnd": _int(row, "in_kind_value_vnd"),
        "blood_units": _int(row, "blood_units"),
        "donations": _int(row, "donations"),
        "donors": _int(row, "donors"),
        "pledged_vnd": _int(row, "pledged_vnd"),
        "pledge_paid_vnd": _int(row, "pledge_paid_vnd"),
        "distributed_cash_vnd": distributed_cash,
        "distributed_goods_vnd": _int(row, "distributed_goods_vnd"),
        "balance_cash_vnd": cash - distributed_cash,
        "balance_goods_vnd": _int(row, "in_kind_value_vnd") - _int(row, "distributed_goods_vnd"),
        "beneficiaries_reached": _int(row, "beneficiaries_reached"),
    }


def campaign_report(row: Mapping[str, Any], as_of: date | None, today: date | None = None) -> dict[str, Any]:
    """Everything about one campaign: figures, targets, targets reached."""
    figures = campaign_figures(row, as_of, today)
    targets: dict[str, int | None] = {kind: row.get(f"target_{kind}") for kind in TARGET_KINDS}
    values = {
        "cash_vnd": figures["cash_raised_vnd"],
        "in_kind_value_vnd": figures["in_kind_value_vnd"],
        "blood_units": figures["blood_units"],
        "beneficiaries": figures["beneficiaries_reached"],
    }
    reached = sorted(row.get("targets_reached") or [], key=lambda r: (str(r["reached_at"]), str(r["target"])))
    return {
        "as_of": as_of,
        **figures,
        "distribution_deadline": row.get("distribution_deadline"),
        "participating_unit_ids": list(row.get("participating_unit_ids") or []),
        "parent_campaign_id": row.get("parent_campaign_id"),
        "beneficiaries_registered": _int(row, "beneficiaries_registered"),
        "beneficiaries_verified": _int(row, "beneficiaries_verified"),
        "people_reached": _int(row, "people_reached"),
        "targets": target_progress(targets, values),
        "targets_reached": [{"target": r["target"], "reached_at": r["reached_at"]} for r in reached],
        # what the settlement did with the remainder, once it is settled by as_of
        "remainder_note": row.get("remainder_note") if figures["state"] == "settled" else None,
    }


def check_granularity(granularity: str) -> Granularity:
    if granularity == "day":
        return "day"
    if granularity == "month":
        return "month"
    raise Invalid(f"granularity must be 'day' or 'month', not {granularity!r}", field="granularity")


def bucket_count(granularity: Granularity, start: date, end: date) -> int:
    """How many buckets cover ``[start, end]`` (buckets are calendar days or calendar months)."""
    if end < start:
        return 0
    if granularity == "day":
        return (end - start).days + 1
    return (end.year - start.year) * 12 + end.month - start.month + 1


def too_many_buckets(granularity: Granularity, n: int | None = None) -> Invalid:
    return Invalid(
        (f"{n} {granularity} buckets requested" if n is not None else "the period spans")
        + f" more than {MAX_BUCKETS} {granularity} buckets: narrow the period"
        + (" or use granularity=month" if granularity == "day" else ""),
        field="period_from",
    )


@dataclass(frozen=True)
class SeriesRequest:
    """A time series request: bucket size and an optional inclusive range of dates (both ends or either)."""

    granularity: Granularity
    period_from: date | None = None
    period_to: date | None = None

    @classmethod
    def build(cls, granularity: str, period_from: date | None = None, period_to: date | None = None) -> SeriesRequest:
        g = check_granularity(granularity)
        if period_from is not None and period_to is not None:
            if period_from > period_to:
                raise Invalid(f"period_from {period_from} is after period_to {period_to}", field="period_from")
            n = bucket_count(g, period_from, period_to)
            if n > MAX_BUCKETS:
                raise too_many_buckets(g, n)
        return cls(g, period_from, period_to)


FUND_FIGURES = (
    "cash_raised_vnd",
    "in_kind_value_vnd",
    "blood_units",
    "donations",
    "distributed_cash_vnd",
    "distributed_goods_vnd",
    "credited_cash_vnd",
    "credited_donations",
)


def unit_funds(row: Mapping[str, Any]) -> dict[str, Any]:
    """One unit's campaign figures (rolled up over its subtree) from a flat row."""
    return {
        "unit_id": row["unit_id"],
        "code": row["code"],
        "name": row["name"],
        "level": row["level"],
        "parent_id": row["parent_id"],
        **{k: _int(row, k) for k in FUND_FIGURES},
        "children": [],
    }


N = TypeVar("N", bound=dict[str, Any])


def nest(rows: Iterable[Mapping[str, Any]], make: Callable[[Mapping[str, Any]], N]) -> list[N]:
    """Nest flat rows (``unit_id``, ``parent_id``, ``dist`` from the top, ``code``, ``name``) into trees.

    Rows at distance 0 are tops; a row goes under its parent when the parent is among the rows.
    Siblings are ordered by code, then name. A unit reached twice (a corrupt, cyclic tree) is kept once.
    """
    ordered = sorted(rows, key=lambda r: (int(r["dist"]), str(r["code"]), str(r["name"]), str(r["unit_id"])))
    by_id: dict[uuid.UUID, N] = {}
    tops: list[N] = []
    for r in ordered:
        if r["unit_id"] in by_id:
            continue
        node = make(r)
        by_id[r["unit_id"]] = node
        parent = by_id.get(r["parent_id"]) if r["parent_id"] is not None and int(r["dist"]) > 0 else None
        if parent is None:
            tops.append(node)
        else:
            parent["children"].append(node)
    return tops
