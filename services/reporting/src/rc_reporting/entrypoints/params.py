"""Query parameters and the answer envelope that the unit reports share (membership, funds by unit)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request

from rc_reporting.domain.model import MAX_DEPTH, ReportRequest
from rc_shared import api
from rc_shared.dates import Day

TopUnit = Annotated[
    uuid.UUID | None,
    Query(description="Top unit; default: your scope's unit (organisation-wide: every root unit on as_of)."),
]
Depth = Annotated[int, Query(ge=0, le=MAX_DEPTH, description="Levels of children listed.")]
ReportDay = Annotated[
    Day | None,
    Query(
        description="The date the answer holds for, YYYY-MM-DD: the organisation tree of that day, and reversals"
        " made up to it taken off; default: period_to when given (a past period's report as it stood at its end,"
        " as the six-month and annual reviews count), else today."
    ),
]


def report_day(request: Request, as_of: date | None, period_to: date | None) -> date:
    """``as_of``, else ``period_to`` (not after today), else today."""
    if as_of is not None:
        return as_of
    today = api.as_of(request, None)
    return min(period_to, today) if period_to is not None else today


def report_envelope(req: ReportRequest) -> dict[str, Any]:
    """What a unit report answers besides its units: the date, the period and the depth."""
    return {
        "as_of": req.as_of,
        "period_from": req.period.start,
        "period_to": req.period.end,
        "depth": req.depth,
    }
