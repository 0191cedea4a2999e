"""Gifts, reversals, distributions, lifecycle forms and bank statements: pure rules of the console's
money screens (the request bodies the services' APIs take, and their answers said in the user's language).

Values are passed on as typed (the APIs validate every field and their errors come back next to the
form's fields); only what the console itself asks for (a typed confirmation, a whole page number, a
file) is checked here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from rc_console.domain.model import CHANNEL_LABELS, DATE_MESSAGE, as_of_date
from rc_console.i18n import LazyText, Text, lazy_gettext
from rc_console.i18n import gettext as _
from rc_shared.statement_csv import MissingColumns, read_csv
from rc_shared.support import DEFAULT_SUPPORT_KINDS

ITEM_ROWS = 5  # rows of the in-kind form (empty rows are left out)
BLOOD_KIND_LABELS: dict[str, Text] = {
    "whole_blood": lazy_gettext("Máu toàn phần"),
    "apheresis": lazy_gettext("Gạn tách thành phần"),
}
IN_KIND_CHANNEL_LABELS: dict[str, Text] = {
    "in_person": lazy_gettext("Trao trực tiếp"),
    "delivery": lazy_gettext("Gửi đến"),
    "other": lazy_gettext("Khác"),
}
GIFT_CHANNEL_LABELS: dict[str, Text] = {
    **CHANNEL_LABELS,
    **IN_KIND_CHANNEL_LABELS,
    "blood_drive": lazy_gettext("Hiến máu"),
}
DISTRIBUTION_KIND_LABELS: dict[str, Text] = {"cash": lazy_gettext("Tiền"), "goods": lazy_gettext("Hàng hoá")}

CONFIRM_MESSAGE = lazy_gettext("Nhập đúng như yêu cầu để xác nhận.")
REASON_MESSAGE = lazy_gettext("Xin ghi lý do (từ 3 đến 500 ký tự).")
BLOOD_DRAWN_MESSAGE = lazy_gettext("Xin chọn máu đã được lấy từ người hiến hay đóng góp này bị ghi nhầm.")
STATEMENT_MAX_BYTES = 2 * 1024 * 1024  # an upload larger than this is refused (a month's statement is far less)
STATEMENT_MAX_ROWS = 20_000
STATEMENT_BATCH = 500  # rows per request to the donations API (its limit: 5,000)


class Handout(Protocol):
    """A distribution as the donations API lists it (the fields the repeat check reads)."""

    @property
    def distributed_on(self) -> date: ...

    @property
    def reversed_(self) -> bool: ...


H = TypeVar("H", bound=Handout)
MONTHLY_SUPPORT = "humanitarian_address"  # a campaign whose households are supported month by month


def earlier_handouts(previous: Iterable[H], campaign_type: str, on: str) -> list[H]:
    """The distributions of ``previous`` (one recipient's in this campaign) that make a new one on ``on`` a
    second handout, which the user must confirm: every one not reversed; in a humanitarian-address campaign,
    where a household is supported each month, only one of the same month (none when ``on``, as typed, is
    not a date: the service refuses it)."""
    kept = [d for d in previous if not d.reversed_]
    if campaign_type != MONTHLY_SUPPORT:
        return kept
    try:
        day = date.fromisoformat(on.strip())
    except ValueError:
        return []
    return [d for d in kept if (d.distributed_on.year, d.distributed_on.month) == (day.year, day.month)]


def support_kind_labels(catalogue: Mapping[str, str]) -> dict[str, Text]:
    """The deployment's support kinds (RC_SUPPORT_KINDS, the donations service's catalogue) by code, as the
    console names them: a built-in kind under its built-in label translated (rc_shared's names, extracted by
    rc_console.messages), any other under the label the operator gave it. A page shows a code missing from
    them (a kind no longer configured) as the code itself."""
    return {
        code: lazy_gettext(label) if DEFAULT_SUPPORT_KINDS.get(code) == label else label
        for code, label in catalogue.items()
    }


# A service rule on one field (its problem's ``field``, said in English), in the user's words for the form.
_RULE_MESSAGES: dict[str, LazyText] = {
    "donor_birth_date": lazy_gettext("Cần ngày sinh của người hiến máu để kiểm tra độ tuổi được hiến."),
    "beneficiary_id": lazy_gettext("Người này chưa được xác minh, hoặc đã đăng ký cho một cuộc vận động khác."),
    "distributed_on": lazy_gettext(
        "Ngày phân phối không hợp lệ (trước ngày xác minh người nhận, hoặc ngoài thời hạn)."
    ),
    "bank_reference": lazy_gettext("Mã giao dịch này đã được ghi nhận cho một đóng góp khác."),
}


def rule_prefix() -> str:
    """What problem_of says (in the page's language) before a rule the service names one field of."""
    return _("Giá trị không hợp lệ: %(detail)s") % {"detail": ""}


# A rule of a field said otherwise than its field's usual one (_RULE_MESSAGES), by the service's words
_RULE_WORDS: tuple[tuple[str, str, LazyText], ...] = (
    ("donor_birth_date", "is after the day of the gift",
     lazy_gettext("Ngày sinh ghi sau ngày hiến máu: xin kiểm tra lại ngày sinh.")),
)  # fmt: skip


def said(name: str, message: str) -> str:
    """A field's error: a service rule's English words replaced by the user's, when known."""
    if not message.startswith(rule_prefix()):
        return message
    for field_, words, text in _RULE_WORDS:
        if field_ == name and words in message:
            return str(text)
    if name in _RULE_MESSAGES:
        return str(_RULE_MESSAGES[name])
    return message


def form_field(path: str) -> str:
    """A donations API error path as the money forms' field name: ``items.0.quantity`` → ``item_0_quantity``,
    ``amount_vnd``/``value_vnd`` of a distribution → ``vnd``, ``units`` → ``units``."""
    m = re.fullmatch(r"items\.(\d+)\.(\w+)", path)
    if m:
        return f"item_{m.group(1)}_{m.group(2)}"
    return {"amount_vnd": "vnd", "value_vnd": "vnd"}.get(path, path.replace("donor.", "donor_", 1))


def item_rows(form: dict[str, str]) -> list[int]:
    """The form row of each item sent (rows where nothing was typed are not sent): item i of the body →
    its row on the form, so an error on ``items.1`` lands on the second *filled* row."""
    return [
        i
        for i in range(ITEM_ROWS)
        if any(form.get(f"item_{i}_{k}", "").strip() for k in ("item", "quantity", "unit", "assessed_value_vnd"))
    ]


def gift_fields(fields: dict[str, str], form: dict[str, str]) -> dict[str, str]:
    """The API's field errors of a gift in kind, on the form's rows."""
    rows = item_rows(form)
    out: dict[str, str] = {}
    for name, message in fields.items():
        m = re.fullmatch(r"items\.(\d+)\.(\w+)", name)
        if m and int(m.group(1)) < len(rows):
            out.setdefault(f"item_{rows[int(m.group(1))]}_{m.group(2)}", message)
        elif name == "items":
            out.setdefault("item_0_item", _("Xin ghi ít nhất một hiện vật (tên, số lượng, đơn vị tính, giá trị)."))
        else:
            out.setdefault(form_field(name), said(form_field(name), message))
    return out


def distribution_fields(fields: dict[str, str], form: dict[str, str]) -> dict[str, str]:
    """The API's field errors of a distribution on the form's fields (the amount is one field ``vnd``)."""
    out = {form_field(k): said(form_field(k), v) for k, v in fields.items()}
    if "beneficiary_id" in out and not form.get("beneficiary_id", "").strip():
        out["beneficiary_id"] = _("Xin chọn người hoặc hộ được hỗ trợ.")
    return out


# ------------------------------------------------------------------ lifecycle


@dataclass
class Lifecycle:
    """What a lifecycle form asks the campaigns API, or why it is not asked (errors by field)."""

    body: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def lifecycle(action: str, form: dict[str, str], code: str) -> Lifecycle:
    """The body of launch, close, settle or cancel from its form. Settle asks for the date the
    distribution ended; cancel for a reason and the campaign's code typed again (it cannot be undone)."""
    out = Lifecycle()
    if action == "settle":
        try:
            day = as_of_date(form.get("settled_on", ""))
        except ValueError:
            day, out.errors["settled_on"] = None, str(DATE_MESSAGE)
        if day is None:
            out.errors.setdefault("settled_on", _("Xin nhập ngày quyết toán."))
        else:
            out.body["settled_on"] = day.isoformat()
        note = form.get("remainder_note", "").strip()
        if len(note) > 2000:
            out.errors["remainder_note"] = _("Tối đa 2.000 ký tự.")
        elif note:
            out.body["remainder_note"] = note
    elif action == "cancel":
        reason = form.get("reason", "").strip()
        if not 3 <= len(reason) <= 500:
            out.errors["reason"] = str(REASON_MESSAGE)
        out.body["reason"] = reason
        if not confirmed(form.get("confirm", ""), code):
            out.errors["confirm"] = str(CONFIRM_MESSAGE)
    return out


def confirmed(typed: str, expected: str) -> bool:
    """The typed confirmation matches (case and surrounding blanks aside)."""
    return bool(expected) and typed.strip().casefold() == expected.strip().casefold()


BLOOD_DRAWN = {"yes": True, "no": False}  # the blood reversal form's choice: the blood was drawn, or never given


def reversal(form: dict[str, str], receipt_number: str, kind: str = "cash") -> tuple[dict[str, Any], dict[str, str]]:
    """A donation's reversal from its form: the body, and the errors of the reason and confirmation; a blood
    gift's says whether the blood was drawn (it then still counts in the donor's interval between donations)."""
    errors: dict[str, str] = {}
    reason = form.get("reason", "").strip()
    if not 3 <= len(reason) <= 500:
        errors["reason"] = str(REASON_MESSAGE)
    if not confirmed(form.get("confirm", ""), receipt_number):
        errors["confirm"] = str(CONFIRM_MESSAGE)
    body: dict[str, Any] = {"reason": reason}
    if kind == "blood":
        drawn = BLOOD_DRAWN.get(form.get("blood_drawn", "").strip())
        if drawn is None:
            errors["blood_drawn"] = str(BLOOD_DRAWN_MESSAGE)
        body["blood_drawn"] = drawn
    return body, errors


# ------------------------------------------------------------------ paging


def page_after(raw: str) -> int | None:
    """The cursor of a list page from the query: the receipt number the page continues after (empty:
    the first page); ValueError when it is not a whole number from 0 to 2^62."""
    text = raw.strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,19}", text, flags=re.ASCII) or int(text) > 2**62:
        raise ValueError(text)
    return int(text)


@dataclass(frozen=True)
class Paging:
    """A page of gifts read after a receipt number (None: the first page), ``size`` at most."""

    after: int | None
    next_after: int | None  # the cursor of the next page; None: this is the last


def paging(after: int | None, size: int, receipt_nos: list[int]) -> Paging:
    """The page's cursors from the receipt numbers read with ``limit = size + 1``: one more than
    ``size`` means a next page exists, continuing after the last one shown."""
    return Paging(after=after, next_after=receipt_nos[size - 1] if len(receipt_nos) > size else None)


# ------------------------------------------------------------------ bank statements


@dataclass
class Statement:
    """An uploaded statement: the rows for the API (with their line numbers), the rows refused here."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    refused: list[tuple[int, dict[str, Any], str]] = field(default_factory=list)


_COLUMN_LABELS: dict[str, LazyText] = {
    "bank_reference": lazy_gettext("mã giao dịch"),
    "received_on": lazy_gettext("ngày"),
    "amount_vnd": lazy_gettext("số tiền"),
}


def statement_of(data: bytes) -> Statement:
    """The rows of an uploaded CSV statement; ValueError with a message in the user's language when the file
    cannot be read as one."""
    if not data.strip():
        raise ValueError(_("Tệp trống."))
    if len(data) > STATEMENT_MAX_BYTES:
        raise ValueError(_("Tệp quá lớn (tối đa 2 MB); xin chia thành nhiều tệp."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(_("Tệp không phải văn bản CSV mã UTF-8 (xin lưu lại tệp dưới dạng CSV UTF-8).")) from exc
    if "\x00" in text:
        raise ValueError(_("Tệp không phải văn bản CSV (có ký tự NUL)."))
    out = Statement()
    try:
        for line, rec, reason in read_csv(io.StringIO(text, newline="")):
            if reason is not None:
                out.refused.append((line, rec, statement_reason(reason)))
            else:
                out.rows.append((line, rec))
            if len(out.rows) + len(out.refused) > STATEMENT_MAX_ROWS:
                raise ValueError(
                    _("Tệp có hơn %(rows)s dòng; xin chia thành nhiều tệp.") % {"rows": STATEMENT_MAX_ROWS}
                )
    except MissingColumns as exc:
        names = ", ".join(str(_COLUMN_LABELS.get(m, m)) for m in exc.missing)
        raise ValueError(_("Dòng tiêu đề của tệp thiếu cột: %(columns)s.") % {"columns": names}) from exc
    except csv.Error as exc:
        raise ValueError(_("Không đọc được tệp CSV: %(error)s") % {"error": exc}) from exc
    if not out.rows and not out.refused:
        raise ValueError(_("Tệp không có dòng dữ liệu nào."))
    return out


# The donations API's reasons for a statement row (English), in the user's words.
_ROW_REASONS: tuple[tuple[re.Pattern[str], LazyText], ...] = (
    (re.compile(r"^the row has \d+ fields"), lazy_gettext("Số cột của dòng khác dòng tiêu đề.")),
    (re.compile(r"^bank_reference is required"), lazy_gettext("Thiếu mã giao dịch.")),
    (re.compile(r"^bank_reference is longer"), lazy_gettext("Mã giao dịch quá dài (tối đa 100 ký tự).")),
    (
        re.compile(r"^bank_reference .* is already recorded with"),
        lazy_gettext("Mã giao dịch đã được ghi nhận với số tiền hoặc ngày khác."),
    ),
    (
        re.compile(r"^bank_reference .* appears again"),
        lazy_gettext("Mã giao dịch lặp lại trong tệp với số tiền hoặc ngày khác."),
    ),
    (re.compile(r"^amount_vnd is required"), lazy_gettext("Thiếu số tiền.")),
    (re.compile(r"^amount_vnd must be more than 0"), lazy_gettext("Số tiền phải lớn hơn 0.")),
    (re.compile(r"^amount_vnd \d+ exceeds"), lazy_gettext("Số tiền quá lớn.")),
    (re.compile(r"^amount_vnd "), lazy_gettext("Số tiền không phải số nguyên đồng.")),
    (re.compile(r"^received_on is required"), lazy_gettext("Thiếu ngày giao dịch.")),
    (re.compile(r"^received_on .* is in the future"), lazy_gettext("Ngày giao dịch ở tương lai.")),
    (
        re.compile(r"^received_on .* is after the campaign closed"),
        lazy_gettext("Ngày giao dịch sau ngày kết thúc tiếp nhận."),
    ),
    (
        re.compile(r"^received_on .* is outside the receiving period"),
        lazy_gettext("Ngày giao dịch ngoài thời gian tiếp nhận."),
    ),
    (re.compile(r"^received_on "), lazy_gettext("Ngày không hợp lệ (năm-tháng-ngày hoặc ngày/tháng/năm).")),
    (
        re.compile(r"^(payer_name|description) is longer"),
        lazy_gettext("Tên người chuyển hoặc nội dung quá dài (tối đa 500 ký tự)."),
    ),
    (re.compile(r"^already recorded|^repeats row"), lazy_gettext("Giao dịch đã được ghi nhận trước đó.")),
)


_VOIDED = re.compile(r"^bank_reference \S+ was recorded as receipt (\S+) and voided")


def statement_reason(reason: str | None) -> str:
    """A statement row's rejection reason in the user's language (the API's words kept when not recognised)."""
    text = reason or ""
    voided = _VOIDED.search(text)
    if voided:
        return _(
            "Giao dịch đã được ghi nhận ở biên nhận %(receipt)s rồi bị hủy: sao kê không tự ghi lại (nếu khoản "
            "tiền vẫn được tính, hãy ghi nhận thủ công)."
        ) % {"receipt": voided.group(1)}
    for pattern, message in _ROW_REASONS:
        if pattern.search(text):
            return str(message)
    return _("Dòng không hợp lệ (%(reason)s).") % {"reason": text} if text else _("Dòng không hợp lệ.")


STATUS_LABELS: dict[str, Text] = {
    "created": lazy_gettext("Đã ghi nhận"),
    "duplicate": lazy_gettext("Trùng, đã có"),
    "rejected": lazy_gettext("Bị từ chối"),
}
