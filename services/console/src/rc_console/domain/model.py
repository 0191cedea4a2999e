"""What the console shows and offers, in Vietnamese: pure functions, no I/O.

The services enforce every rule; the console only avoids offering what a user's role cannot do
and says what went wrong in the user's language.
"""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import dataclass, field

from rc_shared.auth import ROLE_ACTIONS
from rc_shared.labels import CAMPAIGN_TYPES

ROLE_LABELS: dict[str, str] = {
    "admin": "Quản trị",
    "unit_manager": "Quản lý đơn vị",
    "data_entry": "Nhập liệu",
    "viewer": "Chỉ xem",
}
STATE_LABELS: dict[str, str] = {
    "draft": "Bản nháp",
    "launched": "Đang vận động",
    "closed": "Đã kết thúc tiếp nhận",
    "settled": "Đã quyết toán",
    "cancelled": "Đã huỷ",
    "unknown": "Chưa rõ",
}
TYPE_LABELS: dict[str, str] = CAMPAIGN_TYPES
MEMBER_ROLE_LABELS: dict[str, str] = {  # roles people hold in a unit (other names are shown as they are)
    "volunteer": "Tình nguyện viên",
    "youth": "Thanh thiếu niên",
    "collaborator": "Cộng tác viên",
}
MEMBERSHIP_LABELS: dict[str, str] = {
    "active": "Đang sinh hoạt",
    "lapsed": "Gián đoạn",
    "resigned": "Đã thôi",
    "transferred": "Đã chuyển đi",
    "deceased": "Đã mất",
}
UNIT_LEVEL_LABELS: dict[str, str] = {
    "central": "Trung ương",
    "province": "Tỉnh",
    "district": "Huyện",
    "commune": "Xã",
    "grassroots": "Cơ sở",
    "branch": "Chi hội",
}
UNIT_CHANGE_LABELS: dict[str, str] = {"created": "Thành lập", "renamed": "Đổi tên", "moved": "Chuyển trực thuộc"}
UNIT_END_LABELS: dict[str, str] = {"merged": "Đã sáp nhập", "dissolved": "Đã giải thể"}
DONATION_KIND_LABELS: dict[str, str] = {"cash": "Tiền", "in_kind": "Hiện vật", "blood": "Máu"}
CHANNEL_LABELS: dict[str, str] = {
    "cash": "Tiền mặt",
    "bank_transfer": "Chuyển khoản",
    "momo": "MoMo",
    "zalopay": "ZaloPay",
    "vnpay": "VNPay",
    "card": "Thẻ",
    "cash_box": "Thùng quyên góp",
    "other": "Khác",
}
DONOR_TYPE_LABELS: dict[str, str] = {"individual": "Cá nhân", "organisation": "Tổ chức", "anonymous": "Ẩn danh"}
# Lifecycle actions the console offers, with the permission each needs (the campaigns API: MANAGE) and
# its button text (settle asks for its date, cancel for a reason and the campaign's code typed again).
OFFERED_ACTIONS: dict[str, tuple[str, str]] = {
    "launch": ("manage", "Phát động"),
    "close": ("manage", "Kết thúc tiếp nhận"),
    "settle": ("manage", "Quyết toán"),
    "cancel": ("manage", "Huỷ cuộc vận động"),
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
        return ROLE_LABELS.get(self.role, self.role)


def offered_actions(user: User, allowed: list[str]) -> list[tuple[str, str]]:
    """The (action, label) buttons to show: allowed by the campaign's state *and* the user's role."""
    out = []
    for action in allowed:
        offer = OFFERED_ACTIONS.get(action)
        if offer is not None and user.can(offer[0]):
            out.append((action, offer[1]))
    return out


def percent(value: int, target: int | None) -> int | None:
    """Progress towards ``target`` in whole percent, capped at 100 for the bar (None: no target)."""
    if not target or target <= 0:
        return None
    return min(100, max(0, value * 100 // target))


# Field-level messages: pydantic's error types (what the services' 422 ``errors`` carry) in Vietnamese.
_FIELD_MESSAGES: dict[str, str] = {
    "missing": "Bắt buộc nhập.",
    "string_too_short": "Bắt buộc nhập.",
    "string_too_long": "Quá dài.",
    "string_unstorable": "Có ký tự không lưu được (ký tự NUL hoặc ký tự lỗi).",
    "string_pattern_mismatch": "Chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (năm-tháng-ngày).",
    "date_parsing": "Ngày không hợp lệ (năm-tháng-ngày).",
    "date_type": "Ngày không hợp lệ (năm-tháng-ngày).",
    "int_parsing": "Phải là một số nguyên.",
    "int_type": "Phải là một số nguyên.",
    "greater_than_equal": "Không được âm.",
    "greater_than": "Phải lớn hơn 0.",
    "less_than_equal": "Quá lớn.",
    "uuid_parsing": "Mã không hợp lệ.",
    "enum": "Lựa chọn không hợp lệ.",
    "literal_error": "Lựa chọn không hợp lệ.",
}
_CODE_MESSAGES: dict[str, str] = {
    "conflict": "Xung đột với dữ liệu đã có.",
    "forbidden": "Bạn không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy.",
    "unauthorized": "Phiên đăng nhập đã hết hạn, xin đăng nhập lại.",
    "overloaded": "Hệ thống đang bận, xin thử lại sau ít giây.",
    "rate_limited": "Quá nhiều thao tác, xin thử lại sau ít phút.",
}


_BEFORE = re.compile(r"\b([a-z_]+) is before ([a-z_]+)\b")


@dataclass
class Problem:
    """A service's error answer, said in Vietnamese: one message for the form, and one per field."""

    status: int
    message: str
    fields: dict[str, str] = field(default_factory=dict)
    detail: str = ""  # the service's own words (English), shown small for support


# A pattern a field's value must match, said for that field (else: a text that is not only blanks).
_PATTERN_MESSAGES: dict[str, str] = {
    "code": _FIELD_MESSAGES["string_pattern_mismatch"],
    "donor_phone": "Số điện thoại gồm 8 đến 15 chữ số (có thể có dấu + ở đầu).",
    "donor_id_number": "Số giấy tờ gồm 6 đến 20 chữ số, chữ cái không dấu hoặc gạch ngang.",
}
_TAGS = ("cash.", "in_kind.", "blood.")  # a discriminated body's kind, first in its errors' paths


def field_message(error_type: str, name: str = "") -> str:
    if error_type == "string_pattern_mismatch":
        return _PATTERN_MESSAGES.get(name, "Không được để trống hoặc chỉ có khoảng trắng.")
    return _FIELD_MESSAGES.get(error_type, "Giá trị không hợp lệ.")


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
            fields.setdefault(name, field_message(str(e.get("type") or ""), name))
        elif m := _BEFORE.search(str(e.get("message") or "")):  # a rule across fields: "x is before y"
            fields.setdefault(m.group(1), "Ngày này không được trước ngày bắt đầu.")
    if doc.get("field") and not fields:
        fields[str(doc["field"])] = "Giá trị không hợp lệ: " + detail
    if status == 422 and fields:
        message = "Một số ô chưa đúng, xin xem lại."
    elif code == "conflict" and doc.get("campaign_code"):
        message, fields = "Mã này đã được dùng.", {"code": "Mã này đã được dùng cho một cuộc vận động khác."}
    else:
        message = _CODE_MESSAGES.get(code) or (
            "Dữ liệu không hợp lệ." if 400 <= status < 500 else "Dịch vụ tạm thời không trả lời, xin thử lại."
        )
    return Problem(status=status, message=message, fields=fields, detail=detail)


# A lifecycle action the campaigns service refused: its rule, said in Vietnamese (else a general sentence).
_ACTION_REFUSALS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"before the receiving period starts"),
        "Chưa đến ngày bắt đầu tiếp nhận nên chưa thể kết thúc; nếu không tiếp tục, hãy huỷ cuộc vận động.",
    ),
    (
        re.compile(r"cannot \w+ an? \w+ campaign"),
        "Trạng thái hiện tại của cuộc vận động không cho phép thao tác này (có thể vừa có người khác thao tác).",
    ),
)


def action_refusal(problem: Problem) -> str:
    """What to tell the user when the campaigns service refused a lifecycle action."""
    for pattern, message in _ACTION_REFUSALS:
        if pattern.search(problem.detail):
            return message
    return "Không thực hiện được thao tác: " + problem.message


DATE_MESSAGE = "Ngày không hợp lệ (năm-tháng-ngày, từ 1900 đến 2100)."


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
    return ", ".join(UNIT_CHANGE_LABELS.get(c, c) for c in change.split(",") if c)
