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

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic.fields import FieldInfo

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)
ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
_ISO_DAY = re.compile(ISO_DAY)


def iso_only(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` text (or a date) is a date: pydantic alone reads ``0`` or ``1700000000`` as a
    Unix timestamp and ``2024-01-01T05:00`` as a day, so a typo would silently give another report."""
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DAY.match(value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


def bounds(lo: date, hi: date) -> FieldInfo:
    """A date accepts ``lo`` to ``hi`` inclusive; the bounds are documented in the schema."""
    info: FieldInfo = Field(
        ge=lo,
        le=hi,
        description=f"A date, YYYY-MM-DD, {lo.isoformat()} to {hi.isoformat()}.",
        json_schema_extra={"formatMinimum": lo.isoformat(), "formatMaximum": hi.isoformat(), "pattern": ISO_DAY},
    )
    return info


IsoOnly = BeforeValidator(iso_only)
Day = Annotated[date, bounds(MIN_DATE, MAX_DATE), IsoOnly]
