"""Free text staff type (a note, a reason), as it may leave the service that holds it: a published
ledger line, an event. Phone-, identity- and account-like digit runs are masked (pure).

A name cannot be told from other words: the fields that carry such text say "write no names".
"""

from __future__ import annotations

import re

# A run of at least 6 digits, possibly broken by up to three spaces (a no-break space too, not a line
# break), dots, dashes or parentheses between two digits, with a leading '+' or '(': a phone number
# ("0912 345 678", "0912 - 345 - 678", "(091) 234-5678", "+84 912…"), an ID number (12 digits), a bank
# account or card number. A slash does not join digits (a date, "01/12/2026", stays), and a date or a
# range of years written with dashes or dots is not such a run (_KEPT).
_DIGIT_RUN = re.compile(r"(?<!\d)[+(]?\d(?:[ \u00a0\u202f.\-()]{0,3}\d){5,}\)?(?!\d)")
_YEAR = r"(?:19|20)\d\d"
_AMOUNT = r"\d{1,3}(?:[.,\u00a0 ]\d{3})+ ?(?:đồng|đ|₫|VNĐ|VND)"  # 12.500.000 đồng: an amount, not a number of someone's
_KEPT = re.compile(
    rf"(?<!\d)(?:\d{{1,2}} ?[-.] ?\d{{1,2}} ?[-.] ?{_YEAR}|{_YEAR} ?[-–] ?{_YEAR}|{_YEAR} ?\({_YEAR}\)"
    rf"|{_AMOUNT})(?!\d)",
    re.IGNORECASE,
)
MASK = "•••"


def mask_note(text: str | None) -> str | None:
    """A note as published: phone-, ID- and account-like digit runs replaced by a mask."""
    if text is None:
        return None
    kept = [m.span() for m in _KEPT.finditer(text)]

    def mask(m: re.Match[str]) -> str:
        return m.group(0) if any(a <= m.start() and m.end() <= b for a, b in kept) else MASK

    masked = _DIGIT_RUN.sub(mask, text).strip()
    return masked or None


BLOOD_REASON = "(lý do không công bố: thông tin sức khoẻ)"
"""What leaves the donations service as the reason of a blood gift's reversal (the reason is health data)."""

WITHHELD_REASON = "(lý do không công bố: có thể nêu tên người nhận)"
"""What leaves the donations service as the reason of a distribution's reversal (since events 1.5.0): it says
who was recorded by mistake ("trao nhầm cho bà …"), a recipient's name, which no mask can find."""

WITHHELD_GIFT_REASON = "(lý do không công bố: có thể nêu tên người đóng góp)"
"""What leaves the donations service as the reason of a gift's reversal when the gift is not publicly named (since
events 1.5.0): a transfer's correction says whose it was ("chuyển nhầm của anh …"), as the public ledger already
withholds it."""

REASON = (
    "Why, as staff typed it: free text, so write no names; phone, identity and account numbers are masked"
    f" ({MASK}) before it leaves the service. A blood gift's reversal carries '{BLOOD_REASON}' instead (its"
    " reason, a test result or a deferral, is health data and stays in the donations service); a"
    f" distribution's reversal carries '{WITHHELD_REASON}' (since events 1.5.0: its reason names the household"
    f" or person recorded by mistake), and a gift's that is not publicly named '{WITHHELD_GIFT_REASON}' (since"
    " events 1.5.0: it may name the payer)."
)
