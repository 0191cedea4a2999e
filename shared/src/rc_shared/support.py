"""The catalogue of support kinds a distribution can record (what reviews count, movement by movement).

A support kind is a short code (``gift_package``, ``house_built``, ...) carried by
``donations.distribution.recorded.v1`` with a quantity (packages, houses, animals, scholarships) and
the people reached (person-times). The catalogue is configuration (``RC_SUPPORT_KINDS`` in the
donations and reporting services, JSON ``{"code": "label"}``): the donations service accepts only its
codes, the reporting service shows their labels. This module holds the default and the one rule on
codes, so both services agree.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

SUPPORT_KIND_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"

DEFAULT_SUPPORT_KINDS: dict[str, str] = {
    "gift_package": "Suất quà",
    "house_built": "Nhà nhân đạo xây mới",
    "house_repaired": "Nhà sửa chữa",
    "livelihood_asset": "Bò, con giống, phương tiện sinh kế",
    "scholarship": "Học bổng",
    "health_check": "Lượt khám bệnh, cấp thuốc",
    "cash_support": "Hỗ trợ tiền mặt",
    "meal": "Suất ăn",
    "wheelchair": "Xe lăn, xe lắc",
}


# What a report counts each default kind in (its "đơn vị tính"); a kind an operator adds is counted in
# "số lượng" (a quantity) until it has one here.
SUPPORT_KIND_UNITS: dict[str, str] = {
    "gift_package": "suất",
    "house_built": "căn",
    "house_repaired": "căn",
    "livelihood_asset": "con, chiếc",
    "scholarship": "suất",
    "health_check": "lượt",
    "cash_support": "lượt",
    "meal": "suất",
    "wheelchair": "chiếc",
}


def support_kind_unit(code: str) -> str:
    """The unit a report counts the support kind ``code`` in."""
    return SUPPORT_KIND_UNITS.get(code, "số lượng")


def check_support_kinds(kinds: dict[str, str]) -> dict[str, str]:
    """A catalogue must be non-empty, with codes matching :data:`SUPPORT_KIND_PATTERN` and non-empty labels."""
    if not kinds:
        raise ValueError("the support kind catalogue is empty")
    bad = sorted(k for k in kinds if not re.fullmatch(SUPPORT_KIND_PATTERN, k))
    if bad:
        raise ValueError(f"support kind codes must match {SUPPORT_KIND_PATTERN}: {', '.join(bad)}")
    empty = sorted(k for k, v in kinds.items() if not v.strip())
    if empty:
        raise ValueError(f"support kinds need a label: {', '.join(empty)}")
    return kinds


# A setting holding the catalogue (RC_SUPPORT_KINDS in donations, reporting and the console): checked alike.
SupportKinds = Annotated[dict[str, str], AfterValidator(check_support_kinds)]
