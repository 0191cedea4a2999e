"""The dates an API accepts: bounded, with the bounds in the OpenAPI schema.

Every date a request carries (body field, query or path parameter) is a ``Day`` (1900-01-01 to
2100-12-31) or a narrower ``Annotated[date, bounds(lo, hi)]``: nothing outside makes sense for the data, and
an unbounded date reaches queries that cannot answer (a series of days from year 1, a roll-up
as of 9999-12-31). A date outside its bounds answers 422 naming the field.

In a query: ``Annotated[Day | None, Query(description=...)]``. The bounds appear in the schema
as ``formatMinimum`` / ``formatMaximum`` (JSON Schema's keywords for ordered formats; pydantic
does not render ``ge``/``le`` of a date) and, for tools that read only the core keywords (client
generators, schemathesis), in the ``pattern``: bounds are whole years, and the pattern admits exactly
those years (1900 to 2100: ``(?:19\\d{2}|20\\d{2}|2100)``).
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


def _digits(lo: str, hi: str) -> list[str]:
    """Regular expressions (alternatives) matching exactly the digit strings ``lo`` to ``hi`` (same length)."""
    if lo == hi:
        return [lo]
    n = len(lo) - 1
    if lo == "0" * (n + 1) and hi == "9" * (n + 1):
        return [rf"\d{{{n + 1}}}"] if n else [r"\d"]
    if lo[0] == hi[0]:
        return [lo[0] + rest for rest in _digits(lo[1:], hi[1:])]
    if lo[1:] == "0" * n and hi[1:] == "9" * n:
        return [f"[{lo[0]}-{hi[0]}]" + (rf"\d{{{n}}}" if n else "")]
    out = [lo[0] + rest for rest in _digits(lo[1:], "9" * n)]
    if int(hi[0]) - int(lo[0]) > 1:
        middle = f"{int(lo[0]) + 1}" if int(hi[0]) - int(lo[0]) == 2 else f"[{int(lo[0]) + 1}-{int(hi[0]) - 1}]"
        out.append(middle + rf"\d{{{n}}}")
    out += [hi[0] + rest for rest in _digits("0" * n, hi[1:])]
    return out


def day_pattern(lo: date, hi: date) -> str:
    """The ``pattern`` of a date from ``lo`` (a 1 January) to ``hi`` (a 31 December): YYYY-MM-DD with
    the year in range, so a tool that ignores ``formatMinimum``/``formatMaximum`` still knows the bounds."""
    if (lo.month, lo.day, hi.month, hi.day) != (1, 1, 12, 31) or lo > hi:
        raise ValueError(f"date bounds are whole years: {lo} to {hi}")
    years = "|".join(_digits(f"{lo.year:04d}", f"{hi.year:04d}"))
    return rf"^(?:{years})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$"


def bounds(lo: date, hi: date) -> FieldInfo:
    """A date accepts ``lo`` to ``hi`` inclusive (whole years); the bounds are documented in the schema."""
    info: FieldInfo = Field(
        ge=lo,
        le=hi,
        description=f"A date, YYYY-MM-DD, {lo.isoformat()} to {hi.isoformat()}.",
        json_schema_extra={
            "formatMinimum": lo.isoformat(),
            "formatMaximum": hi.isoformat(),
            "pattern": day_pattern(lo, hi),
        },
    )
    return info


IsoOnly = BeforeValidator(iso_only)
Day = Annotated[date, bounds(MIN_DATE, MAX_DATE), IsoOnly]
