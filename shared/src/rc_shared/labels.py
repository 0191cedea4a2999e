"""Vietnamese labels of catalogue codes and the Vietnamese money format, one place for every page that
shows them (pure)."""

from __future__ import annotations

from datetime import date

CAMPAIGN_TYPES: dict[str, str] = {
    "emergency_relief": "Cứu trợ khẩn cấp",
    "tet_nhan_ai": "Tết Nhân ái",
    "humanitarian_month": "Tháng Nhân đạo",
    "blood_drive": "Hiến máu tình nguyện",
    "humanitarian_address": "Địa chỉ nhân đạo",
    "disaster_preparedness": "Phòng ngừa thảm họa",
    "community_health": "Chăm sóc sức khỏe cộng đồng",
    "livelihood": "Sinh kế",
}

# A campaign's state as the public pages say it (Decree 93 disclosure: receiving, then settled).
PUBLIC_CAMPAIGN_STATES: dict[str, str] = {
    "launched": "Đang tiếp nhận",
    "closed": "Đã kết thúc tiếp nhận",
    "settled": "Đã quyết toán",
    "cancelled": "Đã hủy",
    "unknown": "Chưa rõ",
}


def vnd(amount: int | None) -> str:
    """12345678 → '12.345.678 ₫' (Vietnamese grouping); None → '–'."""
    return "–" if amount is None else f"{amount:,}".replace(",", ".") + " ₫"


def vn_date(d: date | str | None) -> str:
    """A date (or an ISO date from a stored document) as 31/12/2026; None → '–'."""
    if isinstance(d, str):
        d = date.fromisoformat(d)
    return "–" if d is None else d.strftime("%d/%m/%Y")
