"""Review reports ("báo cáo sơ kết 6 tháng", "tổng kết năm") and annual plans (pure rules).

Conventions:

- A review covers a unit's subtree and an inclusive period ``[start, end]`` (six months, a year or
  any range up to :data:`MAX_REVIEW_DAYS`). Stocks (members, volunteers, youth, fee status, units
  by level) are counted on ``end`` in the tree valid on ``end``; flows (new members, money
  raised, distributions, blood) are attributed through the tree valid on the day each one
  happened, so units that ended inside the period (the districts wound up on 30 June 2025) and
  those that took their place both count.
- Every figure is compared with the same period of the previous year (the tree of that period)
  and with the plan of the year of ``end``.
- An indicator is a figure name: ``members``, ``new_members``, ``funds_raised_vnd``,
  ``support.<kind>`` (quantity of a support kind), or a movement's figure
  ``<campaign_type>.<figure>`` (``tet_nhan_ai.support.gift_package``).
- The plan of a unit for an indicator is its own target when it has one; otherwise the sum of the
  targets of the highest units below it that have one, over every unit that was below it at some
  time in the plan's year (each unit counted once), and only when every part of its subtree is so
  planned: where a unit has no target, nobody planned below it and was never below a planned unit in
  the year, its figures count in the unit's actuals but in no plan, and a percentage of a partial
  plan would be inflated (2 communes of 5 planned: the district at "200 %" while each planned commune
  reached 80 %); the unit then has no plan for that indicator. A review of part of the year (six months) is
  measured against the whole year's plan. So a district that ended on 30 June and the commune that
  took its place both count in a 2025 province plan of a flow (new members, money raised), and a
  target set on a unit replaces those of the units below it. A stock (members, volunteers…, counted on
  the period's end) is planned over the tree of 31 December only: the ended district has none then.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rc_reporting.domain.campaigns import percent
from rc_shared.errors import Invalid
from rc_shared.labels import vn_date
from rc_shared.support import support_kind_unit

MAX_REVIEW_DAYS = 366 * 5
UNKNOWN_TYPE = "unknown"

MOVEMENTS: dict[str, str] = {
    "emergency_relief": "Cứu trợ khẩn cấp, thiên tai",
    "tet_nhan_ai": "Tết Nhân ái",
    "humanitarian_month": "Tháng Nhân đạo",
    "blood_drive": "Hiến máu tình nguyện",
    "humanitarian_address": "Mỗi tổ chức, cá nhân gắn với một địa chỉ nhân đạo",
    "disaster_preparedness": "Phòng ngừa, ứng phó thảm họa",
    "community_health": "Chăm sóc sức khỏe dựa vào cộng đồng",
    "livelihood": "Hỗ trợ sinh kế",
}

# Figure name -> (label, unit of measure).
ORGANISATION: dict[str, tuple[str, str]] = {
    "members": ("Hội viên", "người"),
    "new_members": ("Hội viên mới kết nạp", "người"),
    "members_lapsed": ("Hội viên chuyển sang gián đoạn sinh hoạt", "người"),  # (status lapsed; not those who left)
    "volunteers": ("Tình nguyện viên", "người"),
    "youth": ("Thanh thiếu niên chữ thập đỏ", "người"),
    "volunteer_hours": ("Giờ tình nguyện", "giờ"),
    "fees_paid": ("Hội viên đã đóng hội phí", "người"),
    "fees_unpaid": ("Hội viên chưa đóng hội phí", "người"),
    "fees_exempted": ("Hội viên được miễn hội phí", "người"),
}
MOVEMENT_FIGURES: dict[str, tuple[str, str]] = {
    "campaigns": ("Cuộc vận động phát động", "cuộc"),
    "funds_raised_vnd": ("Tổng giá trị vận động (tiền và hiện vật)", "VND"),
    "cash_raised_vnd": ("Tiền vận động (tiền mặt, chuyển khoản)", "VND"),
    "in_kind_value_vnd": ("Hiện vật quy ra tiền", "VND"),
    "support_value_vnd": ("Tổng giá trị trợ giúp", "VND"),
    "distributed_cash_vnd": ("Trong đó: trợ giúp bằng tiền", "VND"),
    "distributed_goods_vnd": ("Trong đó: trợ giúp bằng hàng hóa quy ra tiền", "VND"),
    "person_times": ("Lượt người được trợ giúp", "lượt"),
    "beneficiaries": ("Đối tượng được trợ giúp", "đối tượng"),
}
BLOOD: dict[str, tuple[str, str]] = {
    "blood_units": ("Đơn vị máu tiếp nhận", "đơn vị"),
    "blood_donations": ("Lượt người hiến máu", "lượt"),
    "blood_donors": ("Người hiến máu", "người"),
}
TRAINING: dict[str, tuple[str, str]] = {
    "courses": ("Lớp tập huấn được tổ chức", "lớp"),
    "people_trained": ("Người tham dự tập huấn", "người"),
    "people_passed": ("Người đạt yêu cầu", "người"),
    "courses.first_aid": ("Lớp tập huấn sơ cấp cứu", "lớp"),
    "people_trained.first_aid": ("Người được tập huấn sơ cấp cứu", "người"),
    "courses.disaster_preparedness": ("Lớp tập huấn phòng ngừa, ứng phó thảm họa", "lớp"),
    "people_trained.disaster_preparedness": ("Người được tập huấn phòng ngừa thảm họa", "người"),
    "groups": ("Câu lạc bộ, đội sơ cấp cứu, ứng phó thảm họa", "đội"),
    "group_members": ("Thành viên câu lạc bộ, đội", "người"),
}
SUPPORT_PREFIX = "support."
LEVELS: dict[str, str] = {
    "central": "trung ương",
    "province": "tỉnh",
    "district": "huyện",
    "commune": "xã, phường",
    "grassroots": "cơ sở hội",
    "branch": "chi hội",
}


NATIONAL_SOCIETY = "Trung ương Hội Chữ thập đỏ Việt Nam"  # above a province's society


def period_phrase(start: date, end: date) -> str:
    """How the report's title names its period: "năm 2025", "6 tháng đầu năm 2025", "9 tháng đầu năm
    2025", "quý I năm 2025", "6 tháng cuối năm 2025", else "từ ngày 01/03/2025 đến ngày 31/08/2025"."""
    if start.year == end.year and (start.month, start.day) == (1, 1):
        named = {(12, 31): "năm", (6, 30): "6 tháng đầu năm", (9, 30): "9 tháng đầu năm", (3, 31): "quý I năm"}
        if (end.month, end.day) in named:
            return f"{named[end.month, end.day]} {start.year}"
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (7, 1, 12, 31):
        return f"6 tháng cuối năm {start.year}"
    return f"từ ngày {vn_date(start)} đến ngày {vn_date(end)}"


def issue_date_phrase(d: date) -> str:
    """A document's date as Vietnamese administrative documents write it (Decree 30/2020/NĐ-CP: a day
    under 10 and the months 1 and 2 with a leading zero): "ngày 05 tháng 3 năm 2026"."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


# The kinds of administrative unit a unit's name may start with (long forms before their abbreviations).
_PLACE_KINDS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "phường", "đặc khu", "xã đảo", "xã",
                "tp.", "tx.", "tt.", "h.", "q.", "p.", "x.")  # fmt: skip
_SOCIETY = "hội chữ thập đỏ "


def place_name(unit_name: str) -> str | None:
    """The place a unit's documents are dated from (Decree 30/2020/NĐ-CP: the proper name of the
    administrative unit it sits in): "Hội Chữ thập đỏ tỉnh Bạc Liêu" → "Bạc Liêu", "Xã Vĩnh Trạch" →
    "Vĩnh Trạch", "TP. Bạc Liêu" → "Bạc Liêu", "Phường 8" → "Phường 8" (a number keeps its kind); None
    when the name names no administrative unit (a branch, a club): the place is then left to fill in."""
    name = " ".join(unit_name.split(",")[0].split())  # ("Xã Tân Phong, huyện Giá Rai": the unit is the first)
    if name.lower().startswith(_SOCIETY):
        name = name[len(_SOCIETY) :]
    lowered = name.lower()
    for kind in _PLACE_KINDS:
        if lowered.startswith(kind) and (kind.endswith(".") or lowered[len(kind) : len(kind) + 1] == " "):
            rest = name[len(kind) :].strip()
            if not rest:
                return None
            return name[0].upper() + name[1:] if rest[0].isdigit() else rest[0].upper() + rest[1:]
    return None


def units_below(by_level: Mapping[str, int], own_level: str) -> list[tuple[str, int]]:
    """The subtree's units under the reporting unit, by level from the top down (the unit itself left out;
    a level this module does not know comes last)."""
    counts = dict(by_level)
    counts[own_level] = counts.get(own_level, 0) - 1
    order = list(LEVELS)
    ranked = sorted(counts.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))
    return [(level, n) for level, n in ranked if n > 0]


@dataclass(frozen=True)
class ReviewPeriod:
    start: date
    end: date

    @classmethod
    def build(cls, start: date, end: date) -> ReviewPeriod:
        if start > end:
            raise Invalid(f"period_from {start} is after period_to {end}", field="period_from")
        if (end - start).days + 1 > MAX_REVIEW_DAYS:
            raise Invalid(f"a review covers at most {MAX_REVIEW_DAYS} days: narrow the period", field="period_from")
        return cls(start, end)

    @property
    def plan_year(self) -> int:
        return self.end.year

    def previous(self) -> ReviewPeriod:
        """The same period one year earlier (29 February becomes 28 February)."""
        return ReviewPeriod(year_before(self.start), year_before(self.end))

    def months(self) -> list[str]:
        out: list[str] = []
        y, m = self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def year_before(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def indicator_names(support_kinds: Iterable[str]) -> set[str]:
    """Every indicator a plan may name."""
    kinds = [f"{SUPPORT_PREFIX}{k}" for k in support_kinds]
    general = [*ORGANISATION, *MOVEMENT_FIGURES, *BLOOD, *TRAINING, *kinds]
    per_movement = [f"{m}.{f}" for m in MOVEMENTS for f in (*MOVEMENT_FIGURES, *kinds, "blood_units")]
    return {*general, *per_movement}


def check_indicator(name: str, support_kinds: Iterable[str], field: str = "indicator") -> str:
    if name not in indicator_names(support_kinds):
        raise Invalid(
            f"unknown indicator {name!r}: use a figure (members, new_members, funds_raised_vnd, blood_units, "
            "person_times, support.<kind>, ...) optionally prefixed by a movement (tet_nhan_ai.support.gift_package)",
            field=field,
        )
    return name


def check_target(value: object, field: str = "target") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 10**15:
        raise Invalid(f"a target is a whole number from 0 to 10^15, not {value!r}", field=field)
    return value


# Indicators counted on a day (the period's end), not over the period: their plan is the year-end tree's.
STOCKS = frozenset(
    {"members", "volunteers", "youth", "fees_paid", "fees_unpaid", "fees_exempted", "groups", "group_members"}
)  # fmt: skip


def plan_rollup(
    root: uuid.UUID,
    children: Mapping[uuid.UUID, Iterable[uuid.UUID]],
    targets: Mapping[uuid.UUID, Mapping[str, int]],
    children_at_end: Mapping[uuid.UUID, Iterable[uuid.UUID]] | None = None,
) -> dict[str, int]:
    """The plan of ``root`` per indicator (see the module's conventions); indicators nobody planned are absent.

    ``children``: every unit that was a child of a unit at some time in the year (for flows);
    ``children_at_end``: the children on the year's end (for :data:`STOCKS`: a district wound up in July
    has no members on 31 December, so its members target is not the province's); None: ``children``.
    """
    indicators = {i for t in targets.values() for i in t}
    out: dict[str, int] = {}
    for ind in indicators:
        tree = children_at_end if children_at_end is not None and ind in STOCKS else children
        total = _planned(root, tree, targets, ind, {root}, _under_planned(root, tree, targets, ind))
        if total is not None:
            out[ind] = total
    return out


def _under_planned(
    root: uuid.UUID,
    tree: Mapping[uuid.UUID, Iterable[uuid.UUID]],
    targets: Mapping[uuid.UUID, Mapping[str, int]],
    ind: str,
) -> set[uuid.UUID]:
    """The units below a unit of ``root``'s subtree with a target for ``ind`` (the highest such units, as the
    plan counts them) at some time in the year: that target covers them (the communes of a district wound up in
    July, its target set for the year). Never ``root`` itself, nor from a planned unit outside its subtree."""

    def has_target(u: uuid.UUID) -> bool:
        return ind in targets.get(u, {})

    planned = [u for u in _reach(tree, [root], stop=has_target) if u != root and has_target(u)]
    return _reach(tree, planned)


def _reach(
    tree: Mapping[uuid.UUID, Iterable[uuid.UUID]],
    starts: Iterable[uuid.UUID],
    stop: Callable[[uuid.UUID], bool] = lambda _: False,
) -> set[uuid.UUID]:
    """The units below ``starts`` in ``tree`` (each once), not walking on below a unit ``stop`` says."""
    out: set[uuid.UUID] = set()
    stack = [k for u in starts for k in tree.get(u, ())]
    while stack:
        u = stack.pop()
        if u not in out:
            out.add(u)
            if not stop(u):
                stack.extend(tree.get(u, ()))
    return out


def _planned(
    u: uuid.UUID,
    tree: Mapping[uuid.UUID, Iterable[uuid.UUID]],
    targets: Mapping[uuid.UUID, Mapping[str, int]],
    ind: str,
    seen: set[uuid.UUID],
    covered: set[uuid.UUID],
) -> int | None:
    """The plan of ``u``'s subtree for ``ind`` (units in ``seen`` already counted); None when part of it is
    planned by nobody: a unit with no target, nobody planned below it, and never below a planned unit."""
    own = targets.get(u, {}).get(ind)
    if own is not None:
        return own
    kids = list(tree.get(u, ()))
    if not kids:
        return 0 if u in covered else None
    below = [k for k in kids if k not in seen]  # (the others are counted where they were reached first)
    seen.update(below)
    parts = [_planned(k, tree, targets, ind, seen, covered) for k in below]
    if any(p is None for p in parts):
        return None
    return sum(p for p in parts if p is not None)


def figure(
    indicator: str,
    label: str,
    measure: str,
    value: int | float,
    previous: int | float | None,
    plan: int | None,
) -> dict[str, Any]:
    """One line of a section: value, the same period of the previous year, the plan and percentages."""
    pct = percent(int(value), plan) if plan is not None else None
    change = None
    if previous is not None and previous:
        change = round((value - previous) * 100 / previous, 1)
    return {
        "indicator": indicator,
        "label": label,
        "measure": measure,
        "value": value,
        "previous": previous,
        "change_percent": change,
        "plan": plan,
        "percent_of_plan": pct,
    }


def _section(
    key: str,
    title: str,
    names: Mapping[str, tuple[str, str]],
    prefix: str,
    now: Mapping[str, int | float],
    before: Mapping[str, int | float] | None,
    plans: Mapping[str, int],
) -> dict[str, Any]:
    rows = []
    for name, (label, measure) in names.items():
        ind = prefix + name
        prev = None if before is None else before.get(ind, 0)
        rows.append(figure(ind, label, measure, now.get(ind, 0), prev, plans.get(ind)))
    return {"key": key, "title": title, "figures": rows}


def support_names(
    prefix: str,
    support_kinds: Mapping[str, str],
    now: Mapping[str, int | float],
    before: Mapping[str, int | float] | None,
    plans: Mapping[str, int],
) -> dict[str, tuple[str, str]]:
    """The support kinds a section shows: those given now or the year before, or planned."""
    out: dict[str, tuple[str, str]] = {}
    for code, label in support_kinds.items():
        ind = f"{prefix}{SUPPORT_PREFIX}{code}"
        if now.get(ind) or (before or {}).get(ind) or ind in plans:
            out[f"{SUPPORT_PREFIX}{code}"] = (label, support_kind_unit(code))
    for ind in sorted({*now, *(before or {})}):
        if ind.startswith(prefix + SUPPORT_PREFIX) and ind.count(".") == prefix.count(".") + 1:
            code = ind[len(prefix) + len(SUPPORT_PREFIX) :]
            if code not in support_kinds and (now.get(ind) or (before or {}).get(ind)):
                out[f"{SUPPORT_PREFIX}{code}"] = (code, support_kind_unit(code))
    return out


def sections(
    now: Mapping[str, int | float],
    before: Mapping[str, int | float] | None,
    plans: Mapping[str, int],
    support_kinds: Mapping[str, str],
) -> list[dict[str, Any]]:
    """The review's sections: organisation, humanitarian work overall, one per movement, blood, training."""
    out = [_section("organisation", "Công tác tổ chức, phát triển hội viên", ORGANISATION, "", now, before, plans)]
    overall = {**MOVEMENT_FIGURES, **support_names("", support_kinds, now, before, plans)}
    out.append(_section("humanitarian", "Công tác xã hội nhân đạo (tổng hợp)", overall, "", now, before, plans))
    for m, title in MOVEMENTS.items():
        names = {**MOVEMENT_FIGURES, **support_names(f"{m}.", support_kinds, now, before, plans)}
        if m == "blood_drive":
            names["blood_units"] = BLOOD["blood_units"]
        out.append(_section(f"movement:{m}", title, names, f"{m}.", now, before, plans))
    out.append(_section("blood", "Vận động hiến máu tình nguyện", BLOOD, "", now, before, plans))
    out.append(_section("training", "Tập huấn, câu lạc bộ và đội tình nguyện", TRAINING, "", now, before, plans))
    return out


def add(acc: dict[str, int | float], key: str, value: int | float | None) -> None:
    if value:
        acc[key] = acc.get(key, 0) + value
