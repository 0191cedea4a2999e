"""Beneficiaries, blood sessions, distribution reversals and the campaigns list's filters: pure rules of
the console's campaign operations (the request bodies the campaigns and donations APIs take, what a
role is offered, and the services' refusals said in the user's language).

Values are passed on as typed (the APIs validate every field; their errors come back next to the
form's fields); only what the console itself asks for (a typed confirmation, the list's filters from
the URL) is checked here.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from rc_console.domain.model import DATE_MESSAGE, STATE_LABELS, TYPE_LABELS, Problem, User, as_of_date
from rc_console.domain.money import CONFIRM_MESSAGE, REASON_MESSAGE
from rc_console.i18n import LazyText, Text, lazy_gettext
from rc_console.i18n import gettext as _
from rc_shared.labels import read_whole_number

BENEFICIARY_KIND_LABELS: dict[str, Text] = {
    "household": lazy_gettext("Hộ gia đình"),
    "person": lazy_gettext("Cá nhân"),
}
SPONSOR_TYPE_LABELS: dict[str, Text] = {
    "organisation": lazy_gettext("Tổ chức"),
    "individual": lazy_gettext("Cá nhân"),
}
BLOOD_GROUPS = ("A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-")
JOINABLE = ("draft", "launched", "closed")  # campaign states that take new beneficiaries (the campaigns API)
SESSION_STATES = ("draft", "launched")  # blood-drive states that take new sessions and registrations


# ------------------------------------------------------------------ what a role is offered


def can_register(user: User, state: str) -> bool:
    """Register a beneficiary for a campaign in this state (the campaigns API: WRITE)."""
    return user.can("write") and state in JOINABLE


def can_verify(user: User) -> bool:
    """Verify a beneficiary, pair a sponsor with a humanitarian address (the campaigns API: MANAGE)."""
    return user.can("manage")


def can_schedule(user: User, campaign_type: str, state: str) -> bool:
    """Schedule a blood session: a blood drive not yet closed (the campaigns API: WRITE)."""
    return user.can("write") and campaign_type == "blood_drive" and state in SESSION_STATES


def can_reverse_distribution(user: User, reversed_: bool) -> bool:
    """Reverse a distribution not reversed yet (the donations API: MANAGE)."""
    return user.can("manage") and not reversed_


# ------------------------------------------------------------------ a distribution's reversal


def registration_errors(form: dict[str, str]) -> dict[str, str]:
    """A donor's registration says their blood group, or that it is not known yet (a choice made, not
    left out by mistake)."""
    group = form.get("blood_group", "").strip()
    if group not in (*BLOOD_GROUPS, "unknown"):
        return {"blood_group": _("Xin chọn nhóm máu, hoặc “Chưa biết”.")}
    return {}


def distribution_reversal(form: dict[str, str], value_vnd: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A distribution's reversal from its form: the body, and the errors of the reason and of the
    confirmation (the distribution's value typed again as people write amounts: rc_shared.labels.
    read_whole_number; with the currency sign as the page shows it, '500.000 ₫', too)."""
    errors: dict[str, str] = {}
    reason = form.get("reason", "").strip()
    if not 3 <= len(reason) <= 500:
        errors["reason"] = str(REASON_MESSAGE)
    typed = re.sub(r"\s*(?:₫|đ|đồng|vnd)$", "", form.get("confirm", "").strip(), flags=re.IGNORECASE)
    if read_whole_number(typed) != value_vnd:
        errors["confirm"] = str(CONFIRM_MESSAGE)
    body: dict[str, Any] = {"reason": reason}
    try:
        on = as_of_date(form.get("reversed_on", ""))
    except ValueError:
        errors["reversed_on"] = str(DATE_MESSAGE)
    else:
        if on is not None:  # (empty: today, the service's default)
            body["reversed_on"] = on.isoformat()
    return body, errors


# ------------------------------------------------------------------ the services' refusals

# A refusal of the campaigns or donations API (its detail, in English): (pattern, form field, message);
# field "": the form as a whole.
ERASED = lazy_gettext("Thông tin cá nhân của người này đã được xoá theo yêu cầu: hồ sơ không nhận thay đổi nữa.")
_REFUSALS: tuple[tuple[re.Pattern[str], str, LazyText], ...] = (
    (
        re.compile(r"consent\.given_on is in the future"),
        "consent_given_on",
        lazy_gettext("Ngày đồng ý không được sau hôm nay."),
    ),
    (
        re.compile(r"a person's household_size must be 1"),
        "household_size",
        lazy_gettext("Một cá nhân: số người là 1 hoặc để trống."),
    ),
    (
        re.compile(r"already registered elsewhere in the organisation"),
        "full_name",
        lazy_gettext(
            "Người hoặc hộ này (cùng số giấy tờ, hoặc cùng họ tên và địa chỉ) đã được đăng ký ở đơn vị khác, "
            "ngoài phạm vi của bạn; xin liên hệ văn phòng Hội cấp tỉnh."
        ),
    ),
    (
        re.compile(r"is already registered with"),
        "full_name",
        lazy_gettext("Người hoặc hộ này (cùng số giấy tờ, hoặc cùng họ tên và địa chỉ) đã được đăng ký."),
    ),
    (
        re.compile(r"no more beneficiaries can join it"),
        "",
        lazy_gettext("Cuộc vận động đã quyết toán hoặc đã huỷ: không đăng ký thêm người được hỗ trợ."),
    ),
    (
        re.compile(r"reversed_on .* is before the distribution it corrects"),
        "reversed_on",
        lazy_gettext("Ngày huỷ không được trước ngày phân phối."),
    ),
    (re.compile(r"reversed_on .* is in the future"), "reversed_on", lazy_gettext("Ngày huỷ không được sau hôm nay.")),
    (re.compile(r"was already verified on"), "", lazy_gettext("Người này đã được xác minh rồi.")),
    (re.compile(r"verified_on is in the future"), "verified_on", lazy_gettext("Ngày xác minh không được sau hôm nay.")),
    (
        re.compile(r"verified_on .* is before consent was given"),
        "verified_on",
        lazy_gettext("Ngày xác minh không được trước ngày đồng ý."),
    ),
    (
        re.compile(r"is not a humanitarian address"),
        "",
        lazy_gettext("Chỉ địa chỉ nhân đạo mới được nhận đỡ đầu."),
    ),
    (re.compile(r"is not verified yet"), "", lazy_gettext("Xin xác minh trước khi nhận đỡ đầu.")),
    (re.compile(r"personal data was erased at their request"), "", ERASED),
    (
        re.compile(r"was verified: its name, identity number and address are corrected by"),
        "full_name",
        lazy_gettext(
            "Người này đã được xác minh: họ tên, số giấy tờ và địa chỉ chỉ người có quyền xác minh mới sửa được."
        ),
    ),
    (
        re.compile(r"already sponsors beneficiary .* overlapping period"),
        "start_on",
        lazy_gettext("Nhà tài trợ này đã đỡ đầu địa chỉ này trong một khoảng thời gian trùng."),
    ),
    (
        re.compile(r"blood sessions belong to blood_drive campaigns"),
        "",
        lazy_gettext("Chỉ cuộc vận động hiến máu mới có buổi hiến máu."),
    ),
    (
        re.compile(r"no new sessions|registrations are closed"),
        "",
        lazy_gettext("Cuộc vận động đã kết thúc tiếp nhận: không thêm buổi hiến máu hay người đăng ký."),
    ),
    (
        re.compile(r"held_on .* is outside the campaign's period"),
        "held_on",
        lazy_gettext("Ngày hiến máu phải trong thời gian tiếp nhận của cuộc vận động."),
    ),
    (
        re.compile(r"is already registered for this session"),
        "donor_ref",
        lazy_gettext("Người hiến này đã đăng ký buổi này rồi."),
    ),
    (re.compile(r"the session is full"), "", lazy_gettext("Buổi hiến máu đã đủ chỗ.")),
    (re.compile(r"was already reversed on"), "", lazy_gettext("Lần phân phối này đã được huỷ.")),
)
# A service error path as the form's field name.
_FIELD_PATHS = {
    "consent.purpose": "consent_purpose",
    "consent.given_on": "consent_given_on",
    "consent": "consent_given_on",
}


def refusal(problem: Problem, fields: tuple[str, ...]) -> Problem:
    """A service's refusal of one of these forms: a rule it names, said next to the form's field it
    concerns (or for the form); else its field errors on the form's ``fields`` (others: the form's)."""
    for pattern, name, message in _REFUSALS:
        if pattern.search(problem.detail):
            if name in fields:
                return Problem(
                    problem.status, _("Không thực hiện được, xin xem lại."), {name: str(message)}, problem.detail
                )
            return Problem(problem.status, str(message), {}, problem.detail)
    kept: dict[str, str] = {}
    for path, said in problem.fields.items():
        name = _FIELD_PATHS.get(path, path)
        if name in fields:
            kept.setdefault(name, said)
    if problem.fields and not kept:  # only fields the form does not have: said for the form
        return Problem(problem.status, " ".join([problem.message, *problem.fields.values()]), {}, problem.detail)
    return Problem(problem.status, problem.message, kept, problem.detail)


# ------------------------------------------------------------------ the campaigns list's filters

PAGE_MESSAGE = lazy_gettext("Trang không hợp lệ.")
QUERY_MAX = 100


@dataclass
class CampaignQuery:
    """The campaigns list's filters as the URL holds them, the API's parameters they make, and the
    errors of those the console cannot send (each named by its field)."""

    values: dict[str, str]
    params: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    offset: int = 0


def campaign_query(raw: dict[str, str], units: set[str]) -> CampaignQuery:
    """Filters from the query string: ``state``, ``type``, ``unit_id`` (one of ``units``: the user's
    subtree as offered), ``q`` (a fragment of the code or name) and ``offset`` (the page)."""
    values = {k: raw.get(k, "").strip() for k in ("state", "type", "unit_id", "q", "offset")}
    out = CampaignQuery(values)
    if values["state"]:
        if values["state"] in STATE_LABELS and values["state"] != "unknown":
            out.params["state"] = values["state"]
        else:
            out.errors["state"] = _("Lựa chọn không hợp lệ.")
    if values["type"]:
        if values["type"] in TYPE_LABELS:
            out.params["type"] = values["type"]
        else:
            out.errors["type"] = _("Lựa chọn không hợp lệ.")
    if values["unit_id"]:
        if values["unit_id"] in units:
            out.params["unit_id"] = uuid.UUID(values["unit_id"])
        else:
            out.errors["unit_id"] = _("Xin chọn một đơn vị trong phạm vi của bạn.")
    if values["q"]:
        if len(values["q"]) > QUERY_MAX:
            out.errors["q"] = _("Tối đa %(count)s ký tự.") % {"count": QUERY_MAX}
        else:
            out.params["q"] = values["q"]
    if values["offset"]:
        if re.fullmatch(r"[0-9]{1,9}", values["offset"], flags=re.ASCII):
            out.offset = int(values["offset"])
        else:
            out.errors["offset"] = str(PAGE_MESSAGE)
    return out


def query_string(values: dict[str, str], **changes: str | int | None) -> str:
    """The list's URL query with ``changes`` (None or empty: left out), the filters kept."""
    merged: dict[str, Any] = {**values, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", 0)})


CORRECTABLE = ("full_name", "id_number", "address", "commune", "situation", "notes")
CLEARABLE = ("id_number", "situation", "notes")  # an empty field clears these; the others are required


def correction_body(form: dict[str, str], current: dict[str, str | None]) -> dict[str, Any]:
    """The campaigns API's correction (PATCH) of a beneficiary: only the fields the form changed (an
    unchanged identity is not sent, so a data-entry user may correct a verified person's circumstances);
    an emptied identity number, circumstances or notes is cleared (null)."""
    body: dict[str, Any] = {}
    for name in CORRECTABLE:
        typed = form.get(name, "").strip()
        if typed == (current.get(name) or "").strip():
            continue
        body[name] = None if not typed and name in CLEARABLE else typed
    # the consent to publish the name (a box: sent only when ticked), given or withdrawn when it changed
    publish = form.get("publish_name") == "yes"
    if publish != (current.get("publish_name") == "yes"):
        body["publish_name"] = publish
    return body
