"""The public campaign ledger (Decree 93/2021 Art. 14): what a published line may show (pure).

A line is one movement: a donation (cash, in kind, blood), a donation's reversal, a distribution or
a distribution's reversal. Its donor label is computed at read time from the donor's current
consent (:func:`donor_label`); a note is published only masked (:func:`mask_note`), a donation's
note only when its donor is named (a transfer note usually carries the payer's name), a distribution's
reversal reason never (:func:`published_note`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from rc_donations.domain.donations import ANONYMOUS_LABEL
from rc_shared.errors import Invalid
from rc_shared.labels import read_whole_number
from rc_shared.notes import mask_note

MOVEMENTS = ("donation", "donation_reversal", "distribution", "distribution_reversal")


def donor_label(named_now: str | None, label: str = ANONYMOUS_LABEL) -> str:
    """``named_now``: the donor's name if the gift was given with consent to be named and the donor
    still consents and is not erased (decided by the query); else the anonymous label."""
    return named_now if named_now else label


def published_note(movement: str, note: str | None, named: bool) -> str | None:
    """A donation's note (or its reversal's reason) only when its donor is named; a distribution's
    purpose always (its form says to write no name); masked in each case. A distribution's reversal
    reason never: it says who was recorded by mistake ("trao nhầm cho bà ..."), a recipient's name that
    the public ledger otherwise never shows."""
    if movement == "distribution_reversal" or (movement in ("donation", "donation_reversal") and not named):
        return None
    return mask_note(note)


def public_items(items: list[dict[str, object]] | None) -> list[dict[str, object]]:
    """An in-kind gift's or distribution's goods as published: their free text (what, in which unit)
    masked as a note is (staff may type "Gạo – anh Tuấn 0912345678 gửi"), for an anonymous gift too."""
    return [
        {"item": mask_note(str(i["item"])) or "", "quantity": i["quantity"], "unit": mask_note(str(i["unit"])) or ""}
        for i in items or []
    ]


def items_text(items: list[dict[str, object]]) -> str:
    """Published goods as one cell: "Gạo 10 kg, Mì 5 thùng"."""
    return ", ".join(" ".join(str(x) for x in (i["item"], i["quantity"], i["unit"]) if x != "") for i in items)


def signed(amount: int, direction: str) -> int:
    """An amount as it moves the fund's balance: + into the fund, − out of it (a gift voided is −)."""
    return amount if direction == "in" else -amount


@dataclass(frozen=True)
class LineFilter:
    """The filters of the public ledger (every one optional)."""

    q: str | None = None
    amount_min: int | None = None
    amount_max: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    reference: str | None = None
    direction: str | None = None


def form_filter(values: dict[str, str | None]) -> LineFilter:
    """The filters of the page's search form, where an empty field means no filter (Invalid naming
    a field that is not a whole number or a YYYY-MM-DD date)."""

    def given(name: str) -> str | None:
        v = values.get(name)
        return v.strip() if v is not None and v.strip() else None

    def number(name: str) -> int | None:
        v = given(name)
        if v is None:
            return None
        number = read_whole_number(v)  # (the console's rule: '1.500.00' is a typo, '²' not a digit)
        if number is None:
            raise Invalid(f"{name} must be a whole number of VND", field=name)
        return number

    def day(name: str) -> date | None:
        v = given(name)
        if v is None:
            return None
        try:
            if len(v) != 10:
                raise ValueError(v)
            return date.fromisoformat(v)
        except ValueError:
            raise Invalid(f"{name} must be a date YYYY-MM-DD", field=name) from None

    return check_filter(
        LineFilter(
            q=given("q"),
            amount_min=number("amount_min"),
            amount_max=number("amount_max"),
            date_from=day("from"),
            date_to=day("to"),
            reference=given("reference"),
            direction=given("direction"),
        )
    )


# What the public ledger page says when its search form is refused (Invalid's field: the form's field).
SEARCH_REFUSALS: dict[str, str] = {
    "q": "Tên: cần có ít nhất một chữ cái, không quá 100 ký tự.",
    "amount_min": "Số tiền từ: một số đồng (vd. 500000), không lớn hơn «Số tiền đến».",
    "amount_max": "Số tiền đến: một số đồng (vd. 2000000).",
    "from": "Từ ngày: một ngày có thật, không sau «Đến ngày».",
    "to": "Đến ngày: một ngày có thật.",
    "reference": "Mã giao dịch: phần cuối của số biên nhận hoặc mã chuyển khoản, không quá 100 ký tự.",
    "direction": "Chiều: chọn một mục trong danh sách.",
}


def search_refusal(field: str | None) -> str:
    """The page's sentence for a refused search field (a general one for a field not listed)."""
    return SEARCH_REFUSALS.get(field or "", "Điều kiện tra cứu chưa đúng, xin xem lại.")


def name_fragment(q: str) -> str:
    """A name fragment as searched: NFC, whitespace collapsed, at least one letter, no control
    characters (Invalid naming ``q``). The database folds diacritics and case (``rc_fold``)."""
    text = " ".join(unicodedata.normalize("NFC", q).split())
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise Invalid("q must not contain control characters", field="q")
    if not any(ch.isalpha() for ch in text):
        raise Invalid("q must contain at least one letter of the donor's name", field="q")
    return text


def reference_suffix(ref: str) -> str:
    """The end of a receipt number, bank reference or decision number, as searched (lower case)."""
    text = ref.strip().lower()
    if not text or any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise Invalid("reference must be the end of a receipt number or bank reference", field="reference")
    return text


MAX_AMOUNT = 10**15
MAX_TEXT = 100


def check_filter(f: LineFilter) -> LineFilter:
    """Refuse out-of-range and contradictory bounds (Invalid naming the field); normalise the text
    filters."""
    for name, amount in (("amount_min", f.amount_min), ("amount_max", f.amount_max)):
        if amount is not None and not 0 <= amount <= MAX_AMOUNT:
            raise Invalid(f"{name} must be from 0 to {MAX_AMOUNT} VND", field=name)
    for name, text in (("q", f.q), ("reference", f.reference)):
        if text is not None and len(text) > MAX_TEXT:
            raise Invalid(f"{name} must be at most {MAX_TEXT} characters", field=name)
    if f.direction not in (None, "in", "out"):
        raise Invalid("direction must be in or out", field="direction")
    if f.amount_min is not None and f.amount_max is not None and f.amount_min > f.amount_max:
        raise Invalid("amount_min must not be more than amount_max", field="amount_min")
    if f.date_from is not None and f.date_to is not None and f.date_from > f.date_to:
        raise Invalid("from must not be after to", field="from")
    return LineFilter(
        q=name_fragment(f.q) if f.q is not None else None,
        amount_min=f.amount_min,
        amount_max=f.amount_max,
        date_from=f.date_from,
        date_to=f.date_to,
        reference=reference_suffix(f.reference) if f.reference is not None else None,
        direction=f.direction,
    )
