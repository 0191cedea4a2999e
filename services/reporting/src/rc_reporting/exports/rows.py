"""The review as table rows, shared by every export format."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

FIGURE_HEADER = (
    "section",
    "section_title",
    "indicator",
    "label",
    "measure",
    "value",
    "previous",
    "change_percent",
    "plan",
    "percent_of_plan",
)
UNIT_HEADER = (
    "code",
    "name",
    "level",
    "members",
    "new_members",
    "volunteers",
    "funds_raised_vnd",
    "support_value_vnd",
    "person_times",
)
MONTH_HEADER = ("month", "funds_raised_vnd", "support_value_vnd", "person_times", "blood_units")


def figure_rows(review: Mapping[str, Any]) -> Iterator[tuple[Any, ...]]:
    for s in review["sections"]:
        for f in s["figures"]:
            yield (s["key"], s["title"], *(f[k] for k in FIGURE_HEADER[2:]))


def unit_rows(review: Mapping[str, Any]) -> Iterator[tuple[Any, ...]]:
    for u in review["units"]:
        yield tuple(u[k] for k in UNIT_HEADER)


def month_rows(review: Mapping[str, Any]) -> Iterator[tuple[Any, ...]]:
    for m in review["monthly"]:
        yield tuple(m[k] for k in MONTH_HEADER)


def filename(review: Mapping[str, Any], ext: str) -> str:
    return f"review-{review['unit']['code']}-{review['period_from']}-{review['period_to']}.{ext}"


def vnd(value: int | float | None) -> str:
    """12345678 -> '12.345.678' (Vietnamese grouping); None -> '–'."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"{int(value):,}".replace(",", ".")


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def signed_pct(value: float | None) -> str:
    """A change with its sign ('+100,0 %', '−20,0 %', '0,0 %'): a doubling is not read as 'the same'."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + pct(abs(value))
