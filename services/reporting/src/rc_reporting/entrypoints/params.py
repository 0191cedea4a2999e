"""Query parameters and the answer envelope that the unit reports share (membership, funds by unit)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Query

from rc_reporting.domain.model import MAX_DEPTH, ReportRequest

TopUnit = Annotated[
    uuid.UUID | None,
    Query(description="Top unit; default: your scope's unit (organisation-wide: every root unit on as_of)."),
]
Depth = Annotated[int, Query(ge=0, le=MAX_DEPTH, description="Levels of children listed.")]


def report_envelope(req: ReportRequest) -> dict[str, Any]:
    """What a unit report answers besides its units: the date, the period and the depth."""
    return {
        "as_of": req.as_of,
        "period_from": req.period.start,
        "period_to": req.period.end,
        "depth": req.depth,
    }
