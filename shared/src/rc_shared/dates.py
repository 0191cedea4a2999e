"""The dates an API accepts: bounded, with the bounds in the OpenAPI schema.

Every date a request carries (body field, query or path parameter) is a ``Day`` (1900-01-01 to
2100-12-31) or a narrower ``Annotated[date, bounds(lo, hi)]``: nothing outside makes sense for the data, and
an unbounded date reaches queries that cannot answer (a series of days from year 1, a roll-up
as of 9999-12-31). A date outside its bounds answers 422 naming the field.

In a query: ``Annotated[Day | None, Query(description=...)]``. The bounds appear in the schema
as ``formatMinimum`` / ``formatMaximum`` (JSON Schema's keywords for ordered formats; pydantic
does not render ``ge``/``le`` of a date).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field
from pydantic.fields import FieldInfo

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)


def bounds(lo: date, hi: date) -> FieldInfo:
    """A date accepts ``lo`` to ``hi`` inclusive; the bounds are documented in the schema."""
    info: FieldInfo = Field(
        ge=lo,
        le=hi,
        description=f"A date, YYYY-MM-DD, {lo.isoformat()} to {hi.isoformat()}.",
        json_schema_extra={"formatMinimum": lo.isoformat(), "formatMaximum": hi.isoformat()},
    )
    return info


Day = Annotated[date, bounds(MIN_DATE, MAX_DATE)]
