"""What the console shows and offers, in the user's language: pure functions, no I/O.

Messages are written in Vietnamese: module constants with ``lazy_gettext`` (translated when shown),
the others with ``_`` while a page is answered (rc_console.i18n).

The services enforce every rule; the console only avoids offering what a user's role cannot do
and says what went wrong in the user's language.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from rc_console.i18n import LazyText, Text, day, lazy_gettext, lazy_pgettext, money
from rc_console.i18n import gettext as _
from rc_shared import member_columns
from rc_shared.labels import CAMPAIGN_TYPES
from rc_shared.roles import ROLE_ACTIONS

ROLE_LABELS: dict[str, Text] = {
    "admin": lazy_gettext("Quản trị"),
    "unit_manager": lazy_gettext("Quản lý đơn vị"),
    "data_entry": lazy_gettext("Nhập liệu"),
    "viewer": lazy_gettext("Chỉ xem"),
}
STATE_LABELS: dict[str, Text] = {
    "draft": lazy_gettext("Bản nháp"),
    "launched": lazy_gettext("Đang vận động"),
    "closed": lazy_gettext("Đã kết thúc tiếp nhận"),
    "settled": lazy_gettext("Đã quyết toán"),
    "cancelled": lazy_gettext("Đã huỷ"),
    "unknown": lazy_gettext("Chưa rõ"),
}
# the campaign types' names of rc_shared.labels (as the public pages say them), translated when shown:
# `./dev messages extract` adds them to the catalogue (they are not written in a call here)
TYPE_LABELS: dict[str, Text] = {code: lazy_gettext(label) for code, label in CAMPAIGN_TYPES.items()}
MEMBER_ROLE_LABELS: dict[str, Text] = {  # roles people hold in a unit (other names are shown as they are)
    "volunteer": lazy_pgettext("a person's role", "Tình nguyện viên"),
    "youth": lazy_pgettext("a person's role", "Thanh thiếu niên"),
    "collaborator": lazy_pgettext("a person's role", "Cộng tác viên"),
}
MEMBERSHIP_LABELS: dict[str, Text] = {
    "active": lazy_gettext("Đang sinh hoạt"),
    "lapsed": lazy_gettext("Gián đoạn"),
    "resigned": lazy_gettext("Đã thôi"),
    "transferred": lazy_gettext("Đã chuyển đi"),
    "deceased": lazy_gettext("Đã mất"),
}
UNIT_LEVEL_LABELS: dict[str, Text] = {
    "central": lazy_gettext("Trung ương"),
    "province": lazy_gettext("Tỉnh"),
    "district": lazy_gettext("Huyện"),
    "commune": lazy_gettext("Xã"),
    "grassroots": lazy_gettext("Cơ sở"),
    "branch": lazy_gettext("Chi hội"),
}
UNIT_CHANGE_LABELS: dict[str, Text] = {
    "created": lazy_gettext("Thành lập"),
    "renamed": lazy_gettext("Đổi tên"),
    "moved": lazy_gettext("Chuyển trực thuộc"),
}
UNIT_END_LABELS: dict[str, Text] = {"merged": lazy_gettext("Đã sáp nhập"), "dissolved": lazy_gettext("Đã giải thể")}
DONATION_KIND_LABELS: dict[str, Text] = {
    "cash": lazy_gettext("Tiền"),
    "in_kind": lazy_gettext("Hiện vật"),
    "blood": lazy_gettext("Máu"),
}
CHANNEL_LABELS: dict[str, Text] = {
    "cash": lazy_gettext("Tiền mặt"),
    "bank_transfer": lazy_gettext("Chuyển khoản"),
    "momo": "MoMo",
    "zalopay": "ZaloPay",
    "vnpay": "VNPay",
    "card": lazy_gettext("Thẻ"),
    "cash_box": lazy_gettext("Thùng quyên góp"),
    "other": lazy_gettext("Khác"),
}
DONOR_TYPE_LABELS: dict[str, Text] = {
    "individual": lazy_gettext("Cá nhân"),
    "organisation": lazy_gettext("Tổ chức"),
    "anonymous": lazy_gettext("Ẩn danh"),
}
# Lifecycle actions the console offers, with the permission each needs (the campaigns API: MANAGE) and
# its button text (settle asks for its date, cancel for a reason and the campaign's code typed again).
OFFERED_ACTIONS: dict[str, tuple[str, Text]] = {
    "launch": ("manage", lazy_gettext("Phát động")),
    "close": ("manage", lazy_gettext("Kết thúc tiếp nhận")),
    "settle": ("manage", lazy_gettext("Quyết toán")),
    "cancel": ("manage", lazy_gettext("Huỷ cuộc vận động")),
}


@dataclass(frozen=True)
class User:
    """The signed-in user, as the session holds them."""

    subject: str
    role: str
    unit_id: uuid.UUID | None
    token: str

    def can(self, action: str) -> bool:
        return action in ROLE_ACTIONS.get(self.role, frozenset())

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))


def offered_actions(user: User, allowed: list[str]) -> list[tuple[str, str]]:
    """The (action, label) buttons to show: allowed by the campaign's state *and* the user's role."""
    out = []
    for action in allowed:
        offer = OFFERED_ACTIONS.get(action)
        if offer is not None and user.can(offer[0]):
            out.append((action, str(offer[1])))
    return out


def percent(value: int, target: int | None) -> int | None:
    """Progress towards ``target`` in whole percent, capped at 100 for the bar (None: no target)."""
    if not target or target <= 0:
        return None
    return min(100, max(0, value * 100 // target))


# Field-level messages: pydantic's error types (what the services' 422 ``errors`` carry), said to the user.
_FIELD_MESSAGES: dict[str, LazyText] = {
    "missing": lazy_gettext("Bắt buộc nhập."),
    "string_too_short": lazy_gettext("Bắt buộc nhập."),
    "string_too_long": lazy_gettext("Quá dài."),
    "string_unstorable": lazy_gettext("Có ký tự không lưu được (ký tự NUL hoặc ký tự lỗi)."),
    "string_pattern_mismatch": lazy_gettext("Chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới."),
    "date_from_datetime_parsing": lazy_gettext("Ngày không hợp lệ (năm-tháng-ngày)."),
    "date_parsing": lazy_gettext("Ngày không hợp lệ (năm-tháng-ngày)."),
    "date_type": lazy_gettext("Ngày không hợp lệ (năm-tháng-ngày)."),
    "float_parsing": lazy_gettext("Phải là một số (ví dụ 2,5)."),
    "float_type": lazy_gettext("Phải là một số (ví dụ 2,5)."),
    "int_parsing": lazy_gettext("Phải là một số nguyên."),
    "int_type": lazy_gettext("Phải là một số nguyên."),
    "greater_than_equal": lazy_gettext("Không được âm."),
    "greater_than": lazy_gettext("Phải lớn hơn 0."),
    "less_than_equal": lazy_gettext("Quá lớn."),
    "uuid_parsing": lazy_gettext("Mã không hợp lệ."),
    "enum": lazy_gettext("Lựa chọn không hợp lệ."),
    "literal_error": lazy_gettext("Lựa chọn không hợp lệ."),
}
_CODE_MESSAGES: dict[str, LazyText] = {
    "conflict": lazy_gettext("Xung đột với dữ liệu đã có."),
    "forbidden": lazy_gettext("Bạn không có quyền thực hiện thao tác này."),
    "not_found": lazy_gettext("Không tìm thấy."),
    "unauthorized": lazy_gettext("Phiên đăng nhập đã hết hạn, xin đăng nhập lại."),
    "overloaded": lazy_gettext("Hệ thống đang bận, xin thử lại sau ít giây."),
    "rate_limited": lazy_gettext("Quá nhiều thao tác, xin thử lại sau ít phút."),
}


_BEFORE = re.compile(r"\b([a-z_]+) is before ([a-z_]+)\b")
_DAY_BEFORE = re.compile(
    r"^(receiving_until) \([^)]*\) is before receiving_from \("
)  # the campaign's period, backwards
_NOT_A_DAY = "a date is written YYYY-MM-DD"  # the services' refusal of a day not written so


@dataclass
class Problem:
    """A service's error answer, said in the user's language: one message for the form, and one per field."""

    status: int
    message: str
    fields: dict[str, str] = field(default_factory=dict)
    detail: str = ""  # the service's own words (English), shown small for support
    retry_after_s: float | None = None  # a busy service's Retry-After: nothing was done, ask again then
    ids: dict[str, str] = field(default_factory=dict)  # the records it names: existing_beneficiary_id, ...


# A pattern a field's value must match, said for that field (else: a text that is not only blanks).
_PHONE_MESSAGE = lazy_gettext("Số điện thoại gồm 8–15 chữ số (có thể có dấu +, dấu cách, chấm, gạch ngang).")
_ID_NUMBER_MESSAGE = lazy_gettext("Số giấy tờ gồm 6–20 chữ số hoặc chữ cái không dấu.")
_PATTERN_MESSAGES: dict[str, LazyText] = {  # (the rules of rc_shared.contact, the same in every service)
    "code": _FIELD_MESSAGES["string_pattern_mismatch"],
    "donor_phone": _PHONE_MESSAGE,
    "donor_id_number": _ID_NUMBER_MESSAGE,
    "phone": _PHONE_MESSAGE,
    "id_number": _ID_NUMBER_MESSAGE,
}
_TAGS = ("cash.", "in_kind.", "blood.")  # a discriminated body's kind, first in its errors' paths
# A rule of the donations service on the donor as a whole (its words in the error's message, on the field
# "donor", or on "blood" for the blood gift's rule, a check of the whole body): the field
# of the donor's box it is about, and the sentence said there (else the box showed "not a valid value",
# and the user could not tell what to change).
_DONOR_RULES: tuple[tuple[str, str, LazyText], ...] = (
    ("a blood donor must be an identified individual", "donor",
     lazy_gettext("Người hiến máu phải là một cá nhân có họ tên (hoặc chọn người đã hiến trước đây).")),
    ("name is required for", "donor_name", lazy_gettext("Cần ghi họ tên.")),
    ("an anonymous donor carries no identity", "donor",
     lazy_gettext("Nhà hảo tâm ẩn danh không ghi họ tên, số điện thoại, số giấy tờ hay ngày sinh.")),
    ("an anonymous donor cannot consent to be named", "donor",
     lazy_gettext("Nhà hảo tâm ẩn danh không thể đồng ý được nêu tên công khai.")),
)  # fmt: skip


def field_message(error_type: str, name: str = "") -> str:
    if error_type == "string_pattern_mismatch":
        return str(_PATTERN_MESSAGES.get(name) or _("Không được để trống hoặc chỉ có khoảng trắng."))
    return str(_FIELD_MESSAGES.get(error_type) or _("Giá trị không hợp lệ."))


def field_name(path: str) -> str:
    """A service's error path as the form's field name: ``cash.donor.phone`` → ``donor_phone``."""
    name = path.removeprefix("query.").removeprefix("path.")
    for tag in _TAGS:
        name = name.removeprefix(tag)
    return name.replace("targets.", "target_", 1).replace("donor.", "donor_", 1)


def problem_of(status: int, body: object) -> Problem:
    """Translate an RFC 9457 problem body of a service (``error``, ``detail``, ``errors``, ``field``)."""
    doc = body if isinstance(body, dict) else {}
    code = str(doc.get("error") or "")
    detail = str(doc.get("detail") or doc.get("message") or "")
    fields: dict[str, str] = {}
    for e in doc.get("errors") or []:
        if not isinstance(e, dict):
            continue
        if e.get("field"):
            name = field_name(str(e["field"]))
            kind = str(e.get("type") or "")
            said = str(e.get("message") or "")
            if kind == "value_error" and _NOT_A_DAY in said:  # rc_shared.dates.iso_only
                kind = "date_parsing"
            rule = (
                next(((f, str(m)) for words, f, m in _DONOR_RULES if words in said), None)
                if name in ("donor", "blood")
                else None
            )
            name, message = rule or (name, field_message(kind, name))
            fields.setdefault(name, message)
        elif m := _BEFORE.search(str(e.get("message") or "")):  # a rule across fields: "x is before y"
            fields.setdefault(m.group(1), _("Ngày này không được trước ngày bắt đầu."))
    if (
        doc.get("field") == "receiving_until"
        and isinstance(doc.get("days"), int)
        and isinstance(doc.get("max_days"), int)
    ):
        fields["receiving_until"] = _(
            "Thời gian tiếp nhận này dài %(days)s ngày; Nghị định 93/2021 cho phép tối đa %(max)s ngày."
        ) % {"days": doc["days"], "max": doc["max_days"]}
    if doc.get("field") and not fields:
        before = _DAY_BEFORE.match(detail)
        fields[str(doc["field"])] = (
            _("Ngày này không được trước ngày bắt đầu.")
            if before and before.group(1) == doc["field"]
            else _("Giá trị không hợp lệ: %(detail)s") % {"detail": detail}
        )
    if status == 422 and fields:
        message = _("Một số ô chưa đúng, xin xem lại.")
    elif code == "conflict" and isinstance(doc.get("requested_vnd"), int) and isinstance(doc.get("available_vnd"), int):
        # a distribution, or a gift's reversal, larger than what is left undistributed (of money, or of goods
        # by value): a reversal may need distributions reversed first, a distribution only a smaller amount
        amounts = {"available": money(doc["available_vnd"]), "requested": money(doc["requested_vnd"])}
        goods = "goods" in detail
        if detail.startswith("cannot reverse"):
            message = (
                (
                    _("Hàng hoá chưa phân phối (theo giá trị) chỉ còn %(available)s, không đủ để huỷ %(requested)s.")
                    if goods
                    else _("Tiền chưa phân phối chỉ còn %(available)s, không đủ để huỷ %(requested)s.")
                )
                % amounts
                + " "
                + _("Nếu cần, hãy huỷ các lần phân phối đã làm từ khoản này trước.")
            )
        elif doc.get("field") == "distributed_on" and (on := _ON_DAY.search(detail)):
            # a distribution dated back to a day the campaign did not yet hold it (the balance box says today's)
            message = _not_covered_on(on.group(1), goods, amounts)
            fields = {"distributed_on": message}
        else:
            message = (
                _("Hàng hoá chưa phân phối (theo giá trị) chỉ còn %(available)s, không đủ cho %(requested)s.")
                if goods
                else _("Tiền chưa phân phối chỉ còn %(available)s, không đủ cho %(requested)s.")
            ) % amounts
    elif code == "conflict" and (refused := _gift_refused(doc, detail)) is not None:
        message, fields = refused
    elif code == "conflict" and doc.get("campaign_code"):
        message, fields = _("Mã này đã được dùng."), {"code": _("Mã này đã được dùng cho một cuộc vận động khác.")}
    elif code in _CODE_MESSAGES:
        message = str(_CODE_MESSAGES[code])
    else:
        message = (
            _("Dữ liệu không hợp lệ.") if 400 <= status < 500 else _("Dịch vụ tạm thời không trả lời, xin thử lại.")
        )
    ids = {k: v for k, v in doc.items() if k.endswith("_id") and isinstance(v, str)}
    return Problem(status=status, message=message, fields=fields, detail=detail, ids=ids)


_AGES = re.compile(r"must be (\d+)–(\d+) years old")
_ON_DAY = re.compile(r"^insufficient balance(?: \(goods, by value\))? on (\d{4}-\d{2}-\d{2}):")


def _not_covered_on(on: str, goods: bool, amounts: dict[str, str]) -> str:
    """The donations service's refusal of a distribution dated ``on`` (check_covered_from): from that day on the
    campaign held less than it gives (the gifts that pay for it came later), whatever it holds today."""
    said = (
        _(
            "Ngày %(day)s, cuộc vận động chỉ còn %(available)s hàng hoá chưa phân phối (theo giá trị, không tính hàng"
            " nhận sau ngày đó), không đủ cho %(requested)s."
        )
        if goods
        else _(
            "Ngày %(day)s, cuộc vận động chỉ còn %(available)s tiền chưa phân phối (không tính tiền nhận sau ngày đó),"
            " không đủ cho %(requested)s."
        )
    ) % (amounts | {"day": day(on)})
    return said + " " + _("Hãy ghi nhận khoản đóng góp trước, hoặc ghi ngày phân phối vào hoặc sau ngày nhận khoản đó.")


def _gift_refused(doc: dict[str, object], detail: str) -> tuple[str, dict[str, str]] | None:
    """A gift the donations service refused (409) for its day or its blood donor, by the problem's own fields:
    the form's message and the field it is about (None: not such a refusal)."""
    if isinstance(doc.get("next_eligible_on"), str) and isinstance(doc.get("last_donation_on"), str):
        said = _(
            "Người này chưa được hiến máu lại vào ngày này: lần hiến gần nhất ngày %(last)s, ngày được hiến tiếp "
            "theo là %(next)s."
        ) % {"last": day(str(doc["last_donation_on"])), "next": day(str(doc["next_eligible_on"]))}
        return said, {"received_on": said}
    if isinstance(doc.get("later_donation_on"), str):
        said = _(
            "Người này đã hiến máu ngày %(later)s: lần hiến ghi vào ngày này cách lần đó chưa đủ khoảng cách quy định."
        ) % {"later": day(str(doc["later_donation_on"]))}
        return said, {"received_on": said}
    if isinstance(doc.get("age"), int) and (ages := _AGES.search(detail)):
        said = _("Người hiến %(age)s tuổi vào ngày hiến; người hiến máu phải từ %(low)s đến %(high)s tuổi.") % {
            "age": doc["age"], "low": ages.group(1), "high": ages.group(2),
        }  # fmt: skip
        return said, {"donor_birth_date": said}
    if doc.get("field") == "donor.id_number" and "of another name" in detail:  # (whose number: not said)
        said = _("Số giấy tờ này đã có trong hồ sơ của một người mang họ tên khác: xin kiểm tra lại số và họ tên.")
        return said, {"donor_id_number": said}
    if doc.get("field") == "donor.birth_date" and "not the one on the donor's record" in detail:
        said = _(
            "Ngày sinh này khác ngày sinh trong hồ sơ người hiến (dùng để kiểm tra độ tuổi được hiến): xin đối chiếu "
            "với giấy tờ của người hiến; nếu hồ sơ ghi sai, xin báo quản trị hệ thống sửa hồ sơ trước."
        )
        return said, {"donor_birth_date": said}
    if doc.get("field") == "received_on" and isinstance(doc.get("closed_on"), str):
        said = _("Cuộc vận động đã kết thúc tiếp nhận ngày %(closed)s: không nhận đóng góp ghi sau ngày đó.") % {
            "closed": day(str(doc["closed_on"]))
        }
        return said, {"received_on": said}
    if doc.get("field") == "received_on" and isinstance(doc.get("receiving_from"), str):
        said = _("Ngày nhận nằm ngoài thời gian tiếp nhận của cuộc vận động (%(start)s – %(end)s).") % {
            "start": day(str(doc["receiving_from"])), "end": day(str(doc.get("receiving_until") or "")),
        }  # fmt: skip
        return said, {"received_on": said}
    return None


# A lifecycle action the campaigns service refused: its rule, said to the user (else a general sentence).
_ACTION_REFUSALS: tuple[tuple[re.Pattern[str], LazyText], ...] = (
    (
        re.compile(r"before the receiving period starts"),
        lazy_gettext(
            "Chưa đến ngày bắt đầu tiếp nhận nên chưa thể kết thúc; nếu không tiếp tục, hãy huỷ cuộc vận động."
        ),
    ),
    (
        re.compile(r"still holds \d+ VND undistributed"),
        lazy_gettext(
            "Cuộc vận động còn tiền hoặc hàng chưa phân phối: hãy phân phối hết, hoặc ghi cách xử lý số dư (quyết "
            "định phân bổ) rồi quyết toán."
        ),
    ),
    (
        re.compile(r"before the campaign's last distribution"),
        lazy_gettext("Ngày quyết toán không được trước lần phân phối hoặc điều chỉnh cuối cùng của cuộc vận động."),
    ),
    (
        re.compile(r"cancellation cannot be backdated"),
        lazy_gettext("Cuộc vận động đang tiếp nhận chỉ có thể huỷ từ hôm nay, không lùi ngày."),
    ),
    (
        re.compile(r"after the receiving period ended"),
        lazy_gettext("Thời gian tiếp nhận đã hết nên không thể phát động; hãy sửa thời gian tiếp nhận trước."),
    ),
    (
        re.compile(r"counted from the call"),
        lazy_gettext(
            "Tính từ ngày phát động, thời gian tiếp nhận dài hơn mức Nghị định 93/2021 cho phép: hãy phát động gần "
            "ngày bắt đầu tiếp nhận hơn, hoặc rút ngắn thời gian tiếp nhận."
        ),
    ),
    (
        re.compile(r"Decree 93/2021 allows at most \d+ days"),
        lazy_gettext(
            "Thời gian tiếp nhận dài hơn mức Nghị định 93/2021 cho phép (tối đa 90 ngày): hãy rút ngắn thời gian "
            "tiếp nhận trước khi phát động."
        ),
    ),
    (
        re.compile(r"cannot \w+ an? \w+ campaign"),
        lazy_gettext(
            "Trạng thái hiện tại của cuộc vận động không cho phép thao tác này (có thể vừa có người khác thao tác)."
        ),
    ),
)


def action_refusal(problem: Problem) -> str:
    """What to tell the user when the campaigns service refused a lifecycle action."""
    for pattern, message in _ACTION_REFUSALS:
        if pattern.search(problem.detail):
            return str(message)
    return _("Không thực hiện được thao tác: %(reason)s") % {"reason": problem.message}


DATE_MESSAGE = lazy_gettext("Ngày không hợp lệ (năm-tháng-ngày, từ 1900 đến 2100).")


def as_of_date(raw: str) -> datetime.date | None:
    """A date field of a form (YYYY-MM-DD, 1900 to 2100; empty: None); ValueError when it is not one."""
    text = raw.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, flags=re.ASCII):
        raise ValueError(text)
    day = datetime.date.fromisoformat(text)
    if not 1900 <= day.year <= 2100:
        raise ValueError(text)
    return day


def unit_change_label(change: str) -> str:
    """'created,renamed' → 'Thành lập, Đổi tên' (unknown words as they are)."""
    return ", ".join(str(UNIT_CHANGE_LABELS.get(c, c)) for c in change.split(",") if c)


# ------------------------------------------------------------------ a person's page, member import

FEE_LABELS: dict[str, Text] = {
    "paid": lazy_gettext("Đã đóng"),
    "unpaid": lazy_gettext("Chưa đóng"),
    "exempted": lazy_gettext("Được miễn"),
}
GENDER_LABELS: dict[str, Text] = {
    "male": lazy_gettext("Nam"),
    "female": lazy_gettext("Nữ"),
    "other": lazy_pgettext("gender", "Khác"),
}
# A person's edit actions the console offers, with the permission each needs in the members API
# (WRITE for the edits, MANAGE for the erasure) and its heading.
PERSON_ACTIONS: dict[str, tuple[str, Text]] = {
    "fee": ("write", lazy_gettext("Ghi nhận hội phí")),
    "hours": ("write", lazy_gettext("Ghi giờ tình nguyện")),
    "status": ("write", lazy_gettext("Đổi trạng thái hội viên")),
    "role": ("write", lazy_gettext("Giao vai trò")),
    "end-role": ("write", lazy_gettext("Kết thúc vai trò")),
    "consent": ("write", lazy_gettext("Ghi nhận sự đồng ý")),
    "withdraw": ("write", lazy_gettext("Rút lại sự đồng ý")),
    "join": ("write", lazy_gettext("Vào hội")),
    "transfer": ("write", lazy_gettext("Chuyển sinh hoạt sang đơn vị khác")),
    "training": ("write", lazy_gettext("Ghi nhận khoá tập huấn")),
    "personal": ("write", lazy_gettext("Sửa thông tin cá nhân")),
    "death": ("write", lazy_gettext("Ghi nhận người này đã mất")),
    "erase": ("manage", lazy_gettext("Xoá dữ liệu cá nhân")),
}
# The training catalogue of the members API (a course's or a training record's kind).
TRAINING_KIND_LABELS: dict[str, Text] = {
    "first_aid": lazy_gettext("Sơ cấp cứu"),
    "disaster_preparedness": lazy_gettext("Phòng ngừa, ứng phó thảm hoạ"),
    "community_health": lazy_gettext("Chăm sóc sức khoẻ cộng đồng"),
    "blood_donation": lazy_gettext("Vận động hiến máu tình nguyện"),
    "staff": lazy_gettext("Bồi dưỡng cán bộ Hội"),
    "other": lazy_pgettext("training", "Khác"),
}


def person_actions(user: User) -> frozenset[str]:
    """The edit actions of a person's page this user's role may take (the members API still decides)."""
    return frozenset(a for a, (permission, _) in PERSON_ACTIONS.items() if user.can(permission))


# The members API's refusals of a person's edits (409, or 422 naming a field): (pattern, field, message);
# field "@date": the form's date field; "": the form as a whole.
_PERSON_REFUSALS: tuple[tuple[re.Pattern[str], str, LazyText], ...] = (
    (
        re.compile(r"id_number is already recorded for another person"),
        "id_number",
        lazy_gettext("Số giấy tờ này đã có trong hồ sơ của một người khác (tìm theo số để mở hồ sơ đó)."),
    ),
    (
        re.compile(r"membership status \w+ is final"),
        "status",
        lazy_gettext("Trạng thái hiện tại là cuối cùng, không đổi được nữa."),
    ),
    (re.compile(r"membership is already \w+"), "status", lazy_gettext("Hội viên đang ở đúng trạng thái này rồi.")),
    (
        re.compile(r"effective date \S+ is before the current status date"),
        "effective_on",
        lazy_gettext("Không được trước ngày của trạng thái hiện tại."),
    ),
    (re.compile(r"cannot be in the future"), "@date", lazy_gettext("Ngày này chưa đến.")),
    (re.compile(r"has no membership"), "", lazy_gettext("Người này chưa là hội viên.")),
    (re.compile(r"started in \d+, after \d+"), "year", lazy_gettext("Năm này trước năm vào hội.")),
    (re.compile(r"already holds the \w+ role"), "role", lazy_gettext("Người này đang giữ vai trò này rồi.")),
    (
        re.compile(r"holds the \w+ role until \S+: a new one starts"),
        "start_on",
        lazy_gettext("Người này còn giữ vai trò này đến sau ngày đó: chỉ bắt đầu lại từ ngày vai trò cũ kết thúc."),
    ),
    (
        re.compile(r"before the person's last membership ended"),
        "joined_on",
        lazy_gettext(
            "Lần sinh hoạt hội trước của người này kết thúc sau ngày đó: mỗi lúc chỉ sinh hoạt ở một đơn vị "
            "(vào hội từ ngày kết thúc ấy)."
        ),
    ),
    (re.compile(r"birth date is needed"), "role", lazy_gettext("Cần có ngày sinh để kiểm tra tuổi cho vai trò này.")),
    (
        re.compile(r"must be (?:aged|\d+ or older)"),
        "role",
        lazy_gettext("Tuổi của người này không hợp với vai trò này."),
    ),
    (re.compile(r"unknown role"), "role", lazy_gettext("Vai trò không hợp lệ.")),
    (re.compile(r"role already ended"), "end_on", lazy_gettext("Vai trò này đã kết thúc rồi.")),
    (
        re.compile(r"end_on is before the role's start"),
        "end_on",
        lazy_gettext("Không được trước ngày bắt đầu vai trò."),
    ),
    (re.compile(r"was not a volunteer on"), "worked_on", lazy_gettext("Ngày này người này không là tình nguyện viên.")),
    (
        re.compile(r"hours are already logged on"),
        "hours",
        lazy_gettext("Một ngày ghi tối đa 24 giờ (đã ghi gần đủ cho ngày này)."),
    ),
    (
        re.compile(r"certificate .* is already recorded"),
        "certificate_no",
        lazy_gettext("Số chứng nhận này đã được ghi cho người này rồi."),
    ),
    (
        re.compile(r"completed_on is before the person's birth date"),
        "completed_on",
        lazy_gettext("Ngày hoàn thành không được trước ngày sinh của người này."),
    ),
    (re.compile(r"already withdrawn"), "withdrawn_on", lazy_gettext("Sự đồng ý này đã được rút lại rồi.")),
    (re.compile(r"withdrawn_on is before the consent"), "withdrawn_on", lazy_gettext("Không được trước ngày đồng ý.")),
    (
        re.compile(r"already has an? (?:\w+ )?(?:open )?membership|another open membership"),
        "",
        lazy_gettext("Người này đang sinh hoạt hội (hãy đổi trạng thái hoặc chuyển sinh hoạt)."),
    ),
    (
        re.compile(r"only an active or lapsed membership can be transferred"),
        "",
        lazy_gettext("Chỉ chuyển được khi đang sinh hoạt hoặc gián đoạn."),
    ),
    (re.compile(r"already in that unit"), "to_unit_id", lazy_gettext("Hội viên đang ở đơn vị này rồi.")),
    (
        re.compile(r"role \S+ \(\w+\) starts after \S+: it cannot move on that day"),
        "keep_roles",
        lazy_gettext(
            "Một vai trò của người này bắt đầu sau ngày chuyển: hãy giữ các vai trò ở đơn vị cũ, hoặc chọn ngày khác."
        ),
    ),
    (
        re.compile(r"effective_on is before the membership's last change"),
        "effective_on",
        lazy_gettext("Không được trước lần thay đổi gần nhất của việc sinh hoạt hội."),
    ),
    (
        re.compile(r"did not exist \(or was dissolved\) on|does not exist$"),
        "@date",
        lazy_gettext("Đơn vị này không có (hoặc chưa có, đã giải thể) vào ngày đó."),
    ),
    (re.compile(r"recorded as deceased"), "", lazy_gettext("Người này đã mất: không thay đổi được nữa.")),
    (re.compile(r"personal data was erased"), "", lazy_gettext("Dữ liệu cá nhân của người này đã bị xoá.")),
    (
        re.compile(r"no active consent"),
        "",
        lazy_gettext("Chưa có sự đồng ý còn hiệu lực: hãy ghi nhận sự đồng ý trước."),
    ),
)


def person_refusal(problem: Problem, fields: tuple[str, ...]) -> Problem:
    """A refusal of a person's edit with its message next to one of the form's ``fields`` when the
    service's rule names one (a date rule: the form's date field); the form's message otherwise."""
    for pattern, name, message in _PERSON_REFUSALS:
        if pattern.search(problem.detail):
            if name == "@date":  # a rule about the day: said next to the form's date field
                name = next((f for f in fields if f.endswith("_on")), "")
            if name in fields:
                return Problem(
                    problem.status, _("Không thực hiện được, xin xem lại."), {name: str(message)}, problem.detail
                )
            return Problem(problem.status, str(message), {}, problem.detail)
    kept = {k: v for k, v in problem.fields.items() if k in fields}
    return Problem(problem.status, problem.message, kept, problem.detail)


def year_of(raw: str) -> int | None:
    """A year typed in a form (ASCII digits, 1900 to 2100), else None."""
    text = raw.strip()
    if re.fullmatch(r"[0-9]{4}", text, flags=re.ASCII) and 1900 <= int(text) <= 2100:
        return int(text)
    return None


# The members import's row rejections (its reasons, in English, joined by "; "), in the user's language
# (a pattern's named groups: the message's placeholders).
_IMPORT_REASONS: tuple[tuple[re.Pattern[str], LazyText], ...] = (
    (re.compile(r"^blank row$"), lazy_gettext("Dòng trống.")),
    (
        re.compile(r"^joined_on \S+ is before the birth date"),
        lazy_gettext("Ngày vào hội trước ngày sinh."),
    ),
    (
        re.compile(r"^fee_year (?P<year>\d+) is before the year joined \((?P<joined>\d+)\)"),
        lazy_gettext("Năm hội phí %(year)s trước năm vào hội (%(joined)s)."),
    ),
    (
        re.compile(r"^id_number is the same as row (?P<row>\d+)'s"),
        lazy_gettext("Trùng số giấy tờ với dòng %(row)s: một người ghi hai dòng."),
    ),
    (
        re.compile(r"^id_number already belongs to another person's record"),
        lazy_gettext("Số giấy tờ này đã có trong hồ sơ của một người khác: một người chỉ có một hồ sơ."),
    ),
    (
        re.compile(r"^the person's personal data was erased at their request on (?P<day>[\d/]+)"),
        lazy_gettext("Người này đã yêu cầu xoá dữ liệu cá nhân (ngày %(day)s): không nhập lại."),
    ),
    (re.compile(r"^unknown column\(s\): (?P<columns>.+)$"), lazy_gettext("Cột không biết: %(columns)s.")),
    (
        re.compile(r"^column (?P<column>\w+) given twice with different values"),
        lazy_gettext("Hai cột cùng là %(column)s nhưng khác nhau ở dòng này: xin giữ một."),
    ),
    (
        re.compile(r"^birth_date is required when member_code is absent"),
        lazy_gettext("Thiếu ngày sinh (cần khi không có số thẻ)."),
    ),
    (
        re.compile(r"^consent_purpose is required"),
        lazy_gettext("Thiếu «Mục đích đồng ý»: chỉ lưu dữ liệu khi có đồng ý."),
    ),
    (re.compile(r"^(?P<column>\w+) is required$"), lazy_gettext("Thiếu %(column)s.")),
    (
        re.compile(r"^(?P<column>\w+) is longer than (?P<length>\d+) characters$"),
        lazy_gettext("%(column)s dài quá %(length)s ký tự."),
    ),
    (
        re.compile(r"^(?P<column>\w+): .* is not a date"),
        lazy_gettext("%(column)s: không phải ngày (năm-tháng-ngày hoặc ngày/tháng/năm)."),
    ),
    (re.compile(r"^(?P<column>\w+): .* is outside"), lazy_gettext("%(column)s: ngày ngoài khoảng 1900–2100.")),
    (re.compile(r"^(?P<column>\w+): .* is in the future$"), lazy_gettext("%(column)s: ngày chưa đến.")),
    (re.compile(r"^gender .* is not male, female or other$"), lazy_gettext("Giới tính không hợp lệ (nam, nữ, khác).")),
    (re.compile(r"^phone .* is not a phone number"), _PHONE_MESSAGE),
    (
        re.compile(r"^phone .* is not a Vietnamese phone number .*a landline of before 2017"),
        lazy_gettext(
            "Số điện thoại cố định cũ (trước năm 2017): mã vùng đã đổi, ví dụ Bạc Liêu 0781 nay là 0291. Xin ghi số "
            "theo mã vùng mới (11 chữ số bắt đầu bằng 02)."
        ),
    ),
    (
        re.compile(r"^phone .* is not a Vietnamese phone number"),
        lazy_gettext(
            "Số điện thoại không đúng số Việt Nam: di động 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09; cố định "
            "11 chữ số bắt đầu bằng 02 (có thể viết +84 thay cho số 0 đầu)."
        ),
    ),
    (re.compile(r"^id_number must be"), _ID_NUMBER_MESSAGE),
    (
        re.compile(r"^id_number has 11 digits and starts with 0"),
        lazy_gettext("Số CCCD có 11 chữ số (bắt đầu bằng 0): CCCD có 12 chữ số, xin kiểm tra lại."),
    ),
    (re.compile(r"^membership .* is not yes or no$"), lazy_gettext("«Là hội viên» phải là Có hoặc Không.")),
    (
        re.compile(r"^fee_status .* is not paid, unpaid or exempted$"),
        lazy_gettext("«Hội phí» phải là Đã đóng, Chưa đóng hoặc Miễn."),
    ),
    (re.compile(r"^fee_year .* is not a year"), lazy_gettext("Năm hội phí phải từ 1900 đến 2100.")),
    (
        re.compile(r"^a row with membership=no must have"),
        lazy_gettext("Dòng không vào hội phải có ít nhất một vai trò."),
    ),
    (re.compile(r"^duplicate of row (?P<row>\d+)$"), lazy_gettext("Trùng với dòng %(row)s.")),
    (
        re.compile(
            r"^member_code (?P<code>.+) already belongs to another member of unit (?P<unit>\S+): row (?P<row>\d+)'s$"
        ),
        lazy_gettext(
            "Số thẻ %(code)s đã là của một hội viên khác ở dòng %(row)s (khác họ tên, ngày sinh hoặc số CCCD): "
            "mỗi người một số thẻ."
        ),
    ),
    (
        re.compile(r"^member_code (?P<code>.+) already belongs to another member of unit (?P<unit>\S+)$"),
        lazy_gettext(
            "Số thẻ %(code)s đã cấp cho một hội viên khác của đơn vị %(unit)s (khác họ tên, ngày sinh hoặc số "
            "CCCD): không nhập người này với số thẻ đó."
        ),
    ),
    (
        re.compile(
            r"^another member of unit (?P<unit>\S+) has the same name and birth date but another id_number"
            r" \(row (?P<row>\d+)\)"
        ),
        lazy_gettext(
            "Dòng %(row)s là một người khác cùng họ tên, ngày sinh nhưng khác số CCCD: xin ghi số thẻ hội viên "
            "của từng người để phân biệt."
        ),
    ),
    (
        re.compile(r"^another member of unit (?P<unit>\S+) has the same name and birth date but another id_number"),
        lazy_gettext(
            "Đơn vị %(unit)s đã có một hội viên khác cùng họ tên, ngày sinh nhưng khác số CCCD: xin ghi số thẻ "
            "hội viên của từng người để phân biệt."
        ),
    ),
    (re.compile(r"^already imported$"), lazy_gettext("Đã nhập trước đây.")),
    (re.compile(r"^unit_code '(?P<code>.*)' does not exist$"), lazy_gettext("Không có đơn vị mã %(code)s.")),
    (
        re.compile(r"^unit (?P<unit>\S+) (?:ended|ends) on (?P<day>[\d-]+) \(succeeded by (?P<heir>[^)\s]+)\)"),
        lazy_gettext(
            "Đơn vị %(unit)s kết thúc ngày %(day)s, đơn vị kế tục là %(heir)s: xin ghi đơn vị hội viên đang sinh hoạt."
        ),
    ),
    (
        re.compile(r"^unit (?P<unit>\S+) (?:ended|ends) on (?P<day>[\d-]+)"),
        lazy_gettext("Đơn vị %(unit)s kết thúc ngày %(day)s: xin ghi đơn vị hội viên đang sinh hoạt."),
    ),
    (
        re.compile(r"^unit (?P<unit>\S+) did not exist on (?P<day>\S+)$"),
        lazy_gettext("Đơn vị %(unit)s chưa có vào ngày %(day)s."),
    ),
    (re.compile(r"must be (?:aged|\d+ or older)"), lazy_gettext("Tuổi không hợp với vai trò.")),
    (
        re.compile(r"^a role starts on the day joined unless roles_since gives its day$"),
        lazy_gettext("Vai trò tính từ ngày vào hội, trừ khi cột «Ngày nhận vai trò» cho biết ngày nhận."),
    ),
    (re.compile(r"^roles_since \S+ is before the birth date"), lazy_gettext("Ngày nhận vai trò trước ngày sinh.")),
    (
        re.compile(r"^roles_since is given for a row with no role$"),
        lazy_gettext("Có ngày nhận vai trò mà không có vai trò."),
    ),
    (re.compile(r"^the birth date is needed"), lazy_gettext("Cần ngày sinh để kiểm tra tuổi cho vai trò.")),
    (
        re.compile(r"^unknown role (?P<role>.+); roles are (?P<roles>.+)$"),
        lazy_gettext("Vai trò %(role)s không hợp lệ: chỉ nhận %(roles)s."),
    ),
    (re.compile(r"^unknown role"), lazy_gettext("Vai trò không hợp lệ.")),
)
# Where a row's reasons are cut apart: at each "; " but the one inside the unknown role's reason
# ("unknown role 'x'; roles are volunteer, youth"), whose list of roles would be left in English.
_IMPORT_REASONS_SPLIT = re.compile(r"; (?!roles are )")


_TEMPLATE_HEADERS = {c.name: c.header for c in member_columns.COLUMNS}


def import_reason(reason: str | None) -> str:
    """A row's rejection reasons in the user's language, each part apart (a part not known: as the service said it)."""
    out = []
    for part in _IMPORT_REASONS_SPLIT.split(reason or ""):
        part = part.strip()
        if not part:
            continue
        for pattern, message in _IMPORT_REASONS:
            if m := pattern.search(part):
                found = m.groupdict()
                if "column" in found:  # the column as the template's header names it, not the API's name
                    found["column"] = f"«{_TEMPLATE_HEADERS.get(found['column'], found['column'])}»"
                if "roles" in found:  # the roles the service takes, by their names in the user's language
                    names = (r.strip() for r in found["roles"].split(","))
                    found["roles"] = ", ".join(str(MEMBER_ROLE_LABELS.get(r, r)).lower() for r in names)
                    found["role"] = "«" + found["role"].strip("'\"") + "»"  # (as typed, without its quotes)
                out.append(str(message) % found)
                break
        else:
            out.append(part)
    return " ".join(out)


class TreeUnit(Protocol):
    """A unit as the members API lists it (what a unit picker needs of it)."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def parent_id(self) -> uuid.UUID | None: ...
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...


def unit_choices(units: Iterable[TreeUnit]) -> list[tuple[str, str]]:
    """A unit picker's options: every unit given (a user's whole scope), in tree order (siblings by code),
    each under its parent and indented one "— " a level (the top ones: those whose parent is not given)."""
    given = {u.id: u for u in units}
    children: dict[uuid.UUID | None, list[TreeUnit]] = {}
    for u in given.values():
        children.setdefault(u.parent_id if u.parent_id in given else None, []).append(u)
    out: list[tuple[str, str]] = []
    stack = [(u, 0) for u in sorted(children.get(None, []), key=lambda u: u.code, reverse=True)]
    while stack:
        u, depth = stack.pop()
        out.append((str(u.id), "— " * depth + u.name))
        stack += [(c, depth + 1) for c in sorted(children.get(u.id, []), key=lambda c: c.code, reverse=True)]
    return out


def recording_choices(
    scope: Iterable[tuple[str, str]], organiser: uuid.UUID, participants: Iterable[uuid.UUID]
) -> list[tuple[str, str]]:
    """The campaign's own units (its organiser, its participants) among a user's scope choices (those of
    :func:`unit_choices`, in tree order, unindented): the units a gift or a distribution may be recorded for
    by this user (the donations API refuses any other unit, and one outside the user's scope). The
    organiser's value is empty: the request then names no unit and the API books it to the organiser (its
    quickest path, and the same request as before the choice was offered)."""
    mine = {str(organiser), *(str(p) for p in participants)}
    return [("" if value == str(organiser) else value, text.lstrip("— ")) for value, text in scope if value in mine]
