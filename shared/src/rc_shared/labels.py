"""Vietnamese labels of catalogue codes and the Vietnamese money format, one place for every page that
shows them (pure)."""

from __future__ import annotations

import re
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
# How a gift came (every channel of the donations API: money, in kind, blood), as the public pages and
# their downloads say it.
GIFT_CHANNELS: dict[str, str] = {
    "bank_transfer": "Chuyển khoản",
    "cash": "Tiền mặt",
    "momo": "MoMo",
    "zalopay": "ZaloPay",
    "vnpay": "VNPay",
    "card": "Thẻ",
    "cash_box": "Thùng quyên góp",
    "in_person": "Trao trực tiếp",
    "delivery": "Gửi đến",
    "blood_drive": "Hiến máu",
    "other": "Khác",
}
PAST_ITS_PERIOD = "Đã hết thời hạn tiếp nhận"


def public_state(
    state: str | None, receiving_until: date | str | None, today: date, closed_on: date | str | None = None
) -> str:
    """A campaign's state as the public pages say it on ``today``. A campaign still open after its
    receiving period (nobody has closed it yet) is not "receiving": nothing may be accepted after the
    period (Decree 93), and the services refuse such gifts. A close dated ahead (the campaigns service
    allows it) leaves the campaign receiving until its day, as the reports' state on a date says."""
    ends = date.fromisoformat(closed_on) if isinstance(closed_on, str) else closed_on
    if state == "closed" and ends is not None and today < ends:
        state = "launched"
    if state == "launched" and receiving_until is not None:
        until = date.fromisoformat(receiving_until) if isinstance(receiving_until, str) else receiving_until
        if today > until:
            return PAST_ITS_PERIOD
    return PUBLIC_CAMPAIGN_STATES.get(state or "unknown", state or "–")


def percent_reached(value: int, target: int | None) -> int:
    """A target's progress in whole percent as the public pages say it: truncated (99.6 % is not the target
    reached), not capped (130 % was raised); 0 without a target."""
    return 100 * value // target if target else 0


def count(n: int | None) -> str:
    """12345 → '12.345' (Vietnamese grouping); None → '–'."""
    return "–" if n is None else f"{n:,}".replace(",", ".")


# A whole number as people type it: plain ASCII digits, or groups of three after the first set apart by
# one kind of separator (a dot or a space as Vietnamese writes, a comma as English does).
_WHOLE = re.compile(r"-?(?:[0-9]+|[0-9]{1,3}([., ])[0-9]{3}(?:\1[0-9]{3})*)")


def read_whole_number(text: str) -> int | None:
    """'20.000.000', '20 000 000', '20,000,000' or '20000000' → 20000000, '-5' → -5; None when the text
    is not a whole number written so: '1.500.00' or '2.000.0000' (a digit missing or too many) is a typo,
    not 150000 or 20000000; '²' or '１' (str.isdigit() takes them) is not a number."""
    typed = text.strip()
    return int(re.sub(r"[., ]", "", typed)) if _WHOLE.fullmatch(typed) else None


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu")


def _group_in_words(n: int, full: bool) -> list[str]:
    """Three digits as an accountant reads them; ``full``: a group after the first one, whose hundreds
    are read even when 0 ('không trăm') and a lone unit after them with 'linh'."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    out = [_DIGITS[h], "trăm"] if full or h else []
    if t == 0:
        out += ["linh"] if u and (full or h) else []
    else:
        out += ["mười"] if t == 1 else [_DIGITS[t], "mươi"]
    if u:
        out.append(
            "mốt" if u == 1 and t >= 2 else "lăm" if u == 5 and t >= 1 else "tư" if u == 4 and t >= 2 else _DIGITS[u]
        )
    return out


def vnd_in_words(amount: int) -> str:
    """An amount in đồng written out as Vietnamese receipts and vouchers write it: 1005000 → 'Một triệu
    không trăm linh năm nghìn đồng', 21000 → 'Hai mươi mốt nghìn đồng' (every group after the first
    read in full, as accounting writes it; num2words reads 'một triệu năm nghìn')."""
    groups: list[int] = []
    rest = abs(amount)
    while rest:
        groups.append(rest % 1000)
        rest //= 1000
    words: list[str] = ["âm"] if amount < 0 else []
    for i in reversed(range(len(groups))):
        if groups[i]:
            scale = " ".join(filter(None, [_SCALES[i % 3], *["tỷ"] * (i // 3)]))
            words += [*_group_in_words(groups[i], full=i < len(groups) - 1), *filter(None, [scale])]
    text = " ".join([*(words or ["không"]), "đồng"])
    return text[:1].upper() + text[1:]


def vnd(amount: int | None) -> str:
    """12345678 → '12.345.678 ₫' (Vietnamese grouping); None → '–'."""
    return "–" if amount is None else f"{amount:,}".replace(",", ".") + " ₫"


def vn_date(d: date | str | None) -> str:
    """A date (or an ISO date from a stored document) as 31/12/2026; None → '–'."""
    if isinstance(d, str):
        d = date.fromisoformat(d)
    return "–" if d is None else d.strftime("%d/%m/%Y")
