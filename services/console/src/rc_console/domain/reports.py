"""The campaign reports' filters read from a GET form, and the layout of their bar charts (pure: no I/O).

A chart is drawn on the server as inline SVG: one horizontal bar per row (a unit or a period), so a
phone shows it as well as a desktop; a negative figure (a period with more reversed than received)
draws left of the zero line.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field, replace
from typing import Literal

from rc_console.domain.model import DATE_MESSAGE, as_of_date
from rc_console.i18n import lazy_gettext

GRANULARITIES: tuple[Literal["day", "month"], ...] = ("day", "month")
GRANULARITY_MESSAGE = lazy_gettext("Chọn theo ngày hoặc theo tháng.")
CAMPAIGN_MESSAGE = lazy_gettext("Cuộc vận động không hợp lệ.")
UNIT_MESSAGE = lazy_gettext("Đơn vị không hợp lệ.")
PERIOD_MESSAGE = lazy_gettext("Ngày cuối kỳ phải sau ngày đầu kỳ.")
FILTERS = ("unit_id", "as_of", "period_from", "period_to", "campaign_id", "granularity")


@dataclass(frozen=True)
class CampaignQuery:
    """The campaign reports' filters: empty ones are the reporting service's defaults."""

    unit_id: uuid.UUID | None = None
    as_of: datetime.date | None = None
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    campaign_id: uuid.UUID | None = None
    granularity: Literal["day", "month"] = "month"


def _uuid(raw: str) -> uuid.UUID | None:
    """A UUID field (empty: None); ValueError when it is not one."""
    text = raw.strip()
    return uuid.UUID(text) if text else None


def campaign_query(raw: dict[str, str]) -> tuple[CampaignQuery, dict[str, str]]:
    """The filters from the form's values, and a message per field that is not valid (the field's name)."""
    errors: dict[str, str] = {}
    dates: dict[str, datetime.date | None] = {}
    for name in ("as_of", "period_from", "period_to"):
        try:
            dates[name] = as_of_date(raw.get(name, ""))
        except ValueError:
            dates[name], errors[name] = None, str(DATE_MESSAGE)
    ids: dict[str, uuid.UUID | None] = {}
    for name, message in (("unit_id", UNIT_MESSAGE), ("campaign_id", CAMPAIGN_MESSAGE)):
        try:
            ids[name] = _uuid(raw.get(name, ""))
        except ValueError:
            ids[name], errors[name] = None, str(message)
    start, end = dates["period_from"], dates["period_to"]
    if start and end and end < start:
        errors["period_to"] = str(PERIOD_MESSAGE)
    granularity = raw.get("granularity", "").strip() or "month"
    if granularity not in GRANULARITIES:
        errors["granularity"], granularity = str(GRANULARITY_MESSAGE), "month"
    query = CampaignQuery(
        ids["unit_id"], dates["as_of"], start, end, ids["campaign_id"], "day" if granularity == "day" else "month"
    )
    return query, errors


def campaign_period(
    q: CampaignQuery, covered_from: datetime.date | None, covered_to: datetime.date | None, today: datetime.date
) -> CampaignQuery:
    """The query for the funds by unit of a chosen campaign: a period the user left empty is the campaign's
    own (what its series covered), not the year so far, so that both tables count the same gifts; never
    past the day the tree is read on (``as_of``, else today)."""
    if q.campaign_id is None:
        return q
    last = q.as_of or today
    start = q.period_from or (min(covered_from, last) if covered_from else None)
    end = q.period_to or (min(covered_to, last) if covered_to else None)
    return replace(q, period_from=start, period_to=end)


@dataclass(frozen=True)
class Bar:
    """One row of a chart: its label, figure and the bar's place (SVG user units)."""

    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    short: str = ""  # the label as the chart shows it (short_label); empty: the label


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart ``width`` × ``height`` with the zero line at ``zero_x``."""

    width: int
    height: int
    zero_x: float
    bars: list[Bar] = field(default_factory=list)
    label_width: int = 170  # the rows' labels, right-aligned left of it


CHART_WIDTH = 480
LABEL_WIDTH = BarChart.label_width
VALUE_WIDTH = 110  # the figures, right of the bars
ROW_HEIGHT = 28
BAR_HEIGHT = 18


_SOCIETY = "hội chữ thập đỏ "


def short_label(label: str) -> str:
    """A unit's name as a chart's narrow label shows it: without the "Hội Chữ thập đỏ" every unit's name
    starts with ("Hội Chữ thập đỏ huyện Hồng Dân" → "huyện Hồng Dân"), so the cut names stay apart."""
    return label[len(_SOCIETY) :] if label.casefold().startswith(_SOCIETY) and len(label) > len(_SOCIETY) else label


def bar_chart(rows: list[tuple[str, int]]) -> BarChart:
    """The chart of ``rows`` (label, figure): bars to scale, the longest filling the plot's width."""
    plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    low = min([0, *(v for _, v in rows)])
    high = max([0, *(v for _, v in rows)])
    span = high - low or 1
    zero = LABEL_WIDTH + plot * (-low) / span
    bars = []
    for i, (label, value) in enumerate(rows):
        width = plot * abs(value) / span
        x = zero if value >= 0 else zero - width
        y = i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        bars.append(Bar(label, value, round(x, 1), y, round(width, 1), BAR_HEIGHT, short_label(label)))
    return BarChart(CHART_WIDTH, max(1, len(rows)) * ROW_HEIGHT, round(zero, 1), bars, LABEL_WIDTH)
