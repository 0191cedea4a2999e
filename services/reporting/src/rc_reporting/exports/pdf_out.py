"""PDF export: HTML from Jinja2 templates rendered by WeasyPrint (no browser), fonts embedded.

The layout is two template files an operator can replace without code changes: ``review.html``
(the document) and ``review.css`` (included by it: page size, margins, fonts, table styles). Put
files of those names in the directory named by ``RC_REPORT_TEMPLATES_DIR``; each file found there
wins over the packaged default (``rc_reporting/exports/templates``), so one can replace just the
stylesheet. The packaged font is DejaVu Sans (Bitstream Vera licence, ``fonts/LICENSE-DejaVu.txt``),
which covers Vietnamese; templates reach it as ``{{ font_dir }}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from rc_reporting.domain.review import (
    LEVELS,
    NATIONAL_SOCIETY,
    issue_date_phrase,
    period_phrase,
    place_name,
    units_below,
)
from rc_reporting.exports.charts import column_chart
from rc_reporting.exports.rows import pct, signed_pct, vnd
from rc_shared import clock
from rc_shared.errors import DomainError
from rc_shared.labels import vn_date

FONT_DIR = Path(__file__).resolve().parent / "fonts"


def environment(templates_dir: str | None = None) -> Environment:
    loaders: list[Any] = []
    if templates_dir:
        loaders.append(FileSystemLoader(templates_dir))
    loaders.append(PackageLoader("rc_reporting.exports", "templates"))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(["html"]), undefined=StrictUndefined)
    env.filters["vnd"] = vnd
    env.filters["pct"] = pct
    env.filters["signed_pct"] = signed_pct
    env.filters["level"] = lambda level: LEVELS.get(level, level)
    env.filters["vn_date"] = vn_date
    return env


def _day(value: date | str) -> date:
    """A date of the review (a date, or its ISO text once the review went through JSON)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def review_html(review: Mapping[str, Any], templates_dir: str | None = None) -> str:
    months = review["monthly"]
    labels = [f"{m['month'][5:]}/{m['month'][2:4]}" for m in months]
    charts = [  # inline SVG (escaped by column_chart), drawn with the document's fonts
        Markup(column_chart("Giá trị vận động theo tháng (VND)", labels, [m["funds_raised_vnd"] for m in months])),
        Markup(column_chart("Lượt người được trợ giúp theo tháng", labels, [m["person_times"] for m in months])),
    ]
    unit = review["unit"]
    document = {  # what a report filed up the hierarchy states besides its figures
        "parent": unit.get("parent_name") or NATIONAL_SOCIETY,
        "period": period_phrase(_day(review["period_from"]), _day(review["period_to"])),
        "issued": issue_date_phrase(clock.today()),
        "place": place_name(unit["name"]),
        "units_below": units_below(unit["units_by_level"], unit["level"]),
    }
    return (
        environment(templates_dir)
        .get_template("review.html")
        .render(review=review, document=document, charts=charts, font_dir=FONT_DIR.as_uri())
    )


class PdfUnavailable(DomainError):
    """WeasyPrint cannot load its system libraries (pango) on this machine: 503, never a 500."""

    status = 503
    code = "unavailable"


def review_pdf(review: Mapping[str, Any], templates_dir: str | None = None) -> bytes:
    try:
        from weasyprint import HTML  # imported on use: it loads pango at import
    except (OSError, ImportError) as exc:
        raise PdfUnavailable(
            "PDF rendering is not available on this server: WeasyPrint needs the pango libraries "
            f"(Debian: libpango-1.0-0 libpangoft2-1.0-0; see docs/reports.md): {exc}"
        ) from exc

    html = review_html(review, templates_dir)
    pdf: bytes = HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
    return pdf
