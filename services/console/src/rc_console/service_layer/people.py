"""A person's page and the bodies of its edits, gathered from and sent to the members API (no HTML here)."""

from __future__ import annotations

import asyncio
import datetime
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from rc_clients.members.models import ConsentOut, CourseTakenOut, PeoplePageOut, PersonOut, RoleOut, TrainingOut
from rc_console.adapters.upstream import Api, ApiError
from rc_console.domain.model import (
    FEE_LABELS,
    MEMBER_ROLE_LABELS,
    MEMBERSHIP_LABELS,
    Problem,
    User,
    person_actions,
    person_refusal,
    year_of,
)
from rc_console.i18n import Text, lazy_gettext
from rc_console.i18n import gettext as _
from rc_console.service_layer.campaign_ops import scope_units

OPEN = ("active", "lapsed")  # the members API's open membership statuses
PERSONAL_FIELDS = ("full_name", "gender", "birth_date", "phone", "id_number", "address", "health_notes")
TRAINING_FIELDS = ("kind", "title", "completed_on", "hours", "unit_id", "provider", "certificate_no")


@dataclass(frozen=True)
class MembershipRow:
    id: uuid.UUID
    unit_id: uuid.UUID
    unit_code: str
    unit_name: str
    member_code: str | None
    joined_on: datetime.date
    status: str
    status_since: datetime.date
    fees: list[tuple[int, str]]  # (year, status), the latest year first
    # the periods before the current one (unit name, status, from, to), oldest first: where the member was
    # before a transfer or a change of status
    earlier: list[tuple[str, str, datetime.date, datetime.date | None]] = field(default_factory=list)


@dataclass
class PersonPage:
    """A person as the members API returns them to this user: personal fields (only those it returns),
    memberships with their fees, roles, consents, volunteer hours, training records and the courses
    attended; the edits the user's role may make."""

    id: uuid.UUID
    erased: bool
    deceased_on: datetime.date | None
    personal: dict[str, Any]
    memberships: list[MembershipRow]
    roles: list[RoleOut]
    consents: list[ConsentOut]
    hours: float
    training: list[TrainingOut]
    courses: list[CourseTakenOut]
    actions: frozenset[str]
    role_units: list[tuple[str, str]] = field(default_factory=list)  # (unit id, code) a role may be given in
    units: list[tuple[str, str]] = field(default_factory=list)  # (unit id, name) of the user's scope: join, move

    @property
    def name(self) -> str:
        return str(self.personal.get("full_name") or _("(đã xoá dữ liệu cá nhân)"))

    @property
    def current(self) -> MembershipRow | None:
        """The open membership (else the latest one)."""
        return self.memberships[0] if self.memberships else None

    @property
    def open(self) -> bool:
        """A membership is open (active or lapsed): its fee and status may change, it may be transferred."""
        return self.current is not None and self.current.status in OPEN

    @property
    def training_units(self) -> list[tuple[str, str]]:
        """The units a training may be recorded in: the person's own, then those of the user's scope."""
        out = dict(self.role_units)
        for unit_id, name in self.units:
            out.setdefault(unit_id, name)
        return list(out.items())

    @property
    def current_roles(self) -> list[RoleOut]:
        return [r for r in self.roles if not r.end_on]

    @property
    def active_consents(self) -> list[ConsentOut]:
        return [c for c in self.consents if not c.withdrawn_on]


def _last_day(valid_to: datetime.date | None) -> datetime.date | None:
    return None if valid_to is None else valid_to - datetime.timedelta(days=1)


def _value(v: Any) -> Any:
    return None if not v and v != 0 else v  # the client's Unset (falsy) and null alike


def person_page(person: PersonOut, user: User) -> PersonPage:
    """The page of ``person`` (as the members API answered) for ``user``."""
    personal = {f: _value(getattr(person, f, None)) for f in PERSONAL_FIELDS}
    memberships = sorted(
        (
            MembershipRow(
                id=m.id,
                unit_id=m.unit_id,
                unit_code=m.unit_code,
                unit_name=m.unit_name,
                member_code=_value(m.member_code),
                joined_on=m.joined_on,
                status=str(m.status),
                status_since=m.status_since,
                fees=sorted(((int(y), str(s)) for y, s in m.fees.additional_properties.items()), reverse=True),
                earlier=[
                    # (the API's valid_to is the next period's first day: shown as this one's last)
                    (h.unit_name, str(h.status), h.valid_from, _last_day(_value(h.valid_to)))
                    for h in (m.history if isinstance(m.history, list) else [])
                ][:-1],
            )
            for m in person.memberships
        ),
        key=lambda m: (m.status in OPEN, m.joined_on),
        reverse=True,
    )
    units: dict[str, str] = {}
    for m in memberships:
        units.setdefault(str(m.unit_id), m.unit_name)
    for r in person.roles:
        units.setdefault(str(r.unit_id), r.unit_name)
    if person.registered_unit_id and str(person.registered_unit_id) not in units:
        units[str(person.registered_unit_id)] = _("Đơn vị đăng ký")
    actions = person_actions(user)
    if person.erased:
        actions = frozenset()  # nothing left to change or to erase
    return PersonPage(
        id=person.id,
        erased=person.erased,
        deceased_on=_value(person.deceased_on),
        personal={k: v for k, v in personal.items() if v is not None},
        memberships=memberships,
        roles=sorted(person.roles, key=lambda r: (r.end_on is None, r.start_on), reverse=True),
        consents=sorted(person.consents, key=lambda c: c.given_on, reverse=True),
        hours=person.volunteer_hours_total,
        training=list(person.training),  # the latest first, as the API orders them
        courses=list(person.courses),
        actions=actions,
        role_units=list(units.items()),
    )


async def person(api: Api, user: User, person_id: uuid.UUID) -> PersonPage:
    """The page; when it offers joining or transferring, every unit of the user's scope to choose from, in
    tree order (a member belongs to a branch: its grassroots unit and commune are above it)."""
    page = person_page(await api.person(person_id), user)
    if page.actions & {"join", "transfer", "training"}:
        page.units = await scope_units(api, user)
    return page


def decimal_number(text: str) -> float | str:
    """'2,5' or '2.5' → 2.5 (a Vietnamese decimal comma too); what is not a plain decimal number is passed
    on as typed (the API says why). ASCII digits only, no exponent (no infinity)."""
    t = text.strip()
    if re.fullmatch(r"-?[0-9]{1,6}(?:[.,][0-9]{1,4})?", t, flags=re.ASCII):
        return float(t.replace(",", "."))
    return t


@dataclass(frozen=True)
class Edit:
    """An edit of a person as the members API takes it: method, path under /people/{id}, body; the
    form's fields (where its errors are shown)."""

    method: str
    path: str
    body: dict[str, Any] | None
    fields: tuple[str, ...]
    key: str | None = None  # its Idempotency-Key (the hours form's: a form sent twice logs the hours once)


def is_form_key(key: str) -> bool:
    """A form's Idempotency-Key as the page rendered it: a UUID (anything else was not sent by the page)."""
    try:
        return str(uuid.UUID(key)) == key
    except ValueError:
        return False


def _text(form: dict[str, str], name: str) -> str:
    return form.get(name, "").strip()


def edit_of(action: str, form: dict[str, str], year: int | None, target: uuid.UUID | None) -> Edit | None:
    """The members API call of a person's edit ``action`` from its form's values as typed (``year``: the
    fee form's year; ``target``: the role or consent the form is about); None: no such action."""
    if action == "fee":
        fee = {"fee_status": _text(form, "fee_status")}
        return Edit("PUT", f"/membership/fees/{year}", fee, ("year", "fee_status"))
    if action == "hours":
        body: dict[str, Any] = {"hours": decimal_number(form.get("hours", "")), "worked_on": _text(form, "worked_on")}
        return Edit("POST", "/hours", body, ("hours", "worked_on"), form.get("key") or None)
    if action == "status":
        body = {"status": _text(form, "status"), "effective_on": _text(form, "effective_on")}
        return Edit("PATCH", "/membership", body, ("status", "effective_on"))
    if action == "role":
        body = {"role": _text(form, "role"), "unit_id": _text(form, "unit_id"), "start_on": _text(form, "start_on")}
        return Edit("POST", "/roles", body, ("role", "unit_id", "start_on"))
    if action == "join":
        body = {k: _text(form, k) for k in ("unit_id", "joined_on", "fee_status")}
        return Edit("POST", "/membership", body, ("unit_id", "joined_on", "fee_status"))
    if action == "transfer":
        body = {"to_unit_id": _text(form, "to_unit_id"), "effective_on": _text(form, "effective_on"),
                "move_roles": form.get("keep_roles") != "yes"}  # fmt: skip
        return Edit("POST", "/transfers", body, ("to_unit_id", "effective_on", "keep_roles"))
    if action == "end-role":
        return Edit("POST", f"/roles/{target}/end", {"end_on": _text(form, "end_on")}, ("end_on",))
    if action == "consent":
        body = {"purpose": _text(form, "purpose"), "given_on": _text(form, "given_on")}
        return Edit("POST", "/consents", body, ("purpose", "given_on"))
    if action == "withdraw":
        body = {"withdrawn_on": _text(form, "withdrawn_on")}
        return Edit("POST", f"/consents/{target}/withdraw", body, ("withdrawn_on",))
    if action == "training":
        body = {k: _text(form, k) for k in ("kind", "completed_on", "unit_id")}
        body["hours"] = decimal_number(form.get("hours", ""))
        body |= {k: _text(form, k) for k in ("title", "provider", "certificate_no") if _text(form, k)}  # optional
        return Edit("POST", "/training", body, TRAINING_FIELDS)
    if action == "death":  # a member's or a volunteer's: the membership, if open, and the roles end
        return Edit("POST", "/death", {"deceased_on": _text(form, "deceased_on")}, ("deceased_on",))
    if action == "personal":
        # the fields of the form as typed, an emptied one cleared (null) but the name (the API says it is
        # required); those the form does not have: unchanged
        body = {k: (_text(form, k) or (None if k != "full_name" else "")) for k in PERSONAL_FIELDS if k in form}
        return Edit("PATCH", "", body, PERSONAL_FIELDS)
    return None


DONE_MESSAGES: dict[str, Text] = {  # said at the top of the page after an edit
    "fee": lazy_gettext("Đã ghi nhận hội phí."),
    "hours": lazy_gettext("Đã ghi giờ tình nguyện."),
    "status": lazy_gettext("Đã đổi trạng thái hội viên."),
    "role": lazy_gettext("Đã giao vai trò."),
    "end-role": lazy_gettext("Đã kết thúc vai trò."),
    "consent": lazy_gettext("Đã ghi nhận sự đồng ý."),
    "withdraw": lazy_gettext("Đã rút lại sự đồng ý."),
    "join": lazy_gettext("Đã ghi nhận vào hội."),
    "transfer": lazy_gettext("Đã chuyển sinh hoạt."),
    "training": lazy_gettext("Đã ghi nhận khoá tập huấn."),
    "personal": lazy_gettext("Đã lưu thông tin cá nhân."),
    "death": lazy_gettext("Đã ghi nhận người này đã mất; các vai trò đã kết thúc."),
    "register": lazy_gettext("Đã đăng ký người này. Tiếp theo: vào hội, giao vai trò… ở các mục dưới đây."),
    "erase": lazy_gettext("Đã xoá dữ liệu cá nhân."),
}


def form_keys(page: PersonPage) -> frozenset[str]:
    """The edit forms the person's page shows (a role's or a consent's with its id), as the page keys
    them: a refusal of another one (a form sent from an older page) is said at the top of the page."""
    keys: set[str] = {a for a in ("hours", "consent", "personal") if a in page.actions}
    if page.deceased_on is None and "death" in page.actions:
        keys.add("death")
    if page.training_units and "training" in page.actions:
        keys.add("training")
    if page.current is not None:
        keys |= {a for a in ("fee", "status") if a in page.actions}
    if page.units:
        keys |= {a for a in ("transfer",) if page.open and a in page.actions}
        keys |= {a for a in ("join",) if not page.open and a in page.actions}
    if page.role_units and "role" in page.actions:
        keys.add("role")
    if "end-role" in page.actions:
        keys |= {f"end-role-{r.id}" for r in page.current_roles}
    if "withdraw" in page.actions:
        keys |= {f"withdraw-{c.id}" for c in page.active_consents}
    return frozenset(keys)


# ------------------------------------------------------------------ the members register

REGISTER_FILTERS = ("q", "unit_id", "status", "role", "fee_status", "fee_year")


@dataclass
class Register:
    """A page of the members register: the filters as typed (kept in the form and the paging links),
    their errors, the page the members API answered, and the units the user may narrow it to."""

    typed: dict[str, str]
    errors: dict[str, str]
    page: PeoplePageOut | None = None
    units: list[tuple[str, str]] = field(default_factory=list)

    @property
    def filtered(self) -> bool:
        return any(self.typed.get(k) for k in REGISTER_FILTERS if k != "q")


def register_filters(typed: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The members API's query (GET /people) of the register's filters as typed, and each one's error
    (a value the form does not offer): the search text goes as typed, the API says what is wrong with it."""
    query: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if q := typed.get("q", "").strip():
        query["q"] = q
    if raw := typed.get("unit_id", "").strip():
        try:
            query["unit_id"] = uuid.UUID(raw)
        except ValueError:
            errors["unit_id"] = _("Đơn vị không hợp lệ.")
    for name, choices in (("status", MEMBERSHIP_LABELS), ("role", MEMBER_ROLE_LABELS), ("fee_status", FEE_LABELS)):
        if raw := typed.get(name, "").strip():
            if raw in choices:
                query[name] = raw
            else:
                errors[name] = _("Lựa chọn không hợp lệ.")
    if raw := typed.get("fee_year", "").strip():
        year = year_of(raw)
        if year is None:
            errors["fee_year"] = _("Năm gồm 4 chữ số, từ 1900 đến 2100.")
        else:
            query["fee_year"] = year
    return query, errors


async def register_units(api: Api, user: User) -> list[tuple[str, str]]:
    """The units the register may be narrowed to: every unit of the user's scope, in tree order."""
    return await scope_units(api, user)


def search_refusal(detail: str) -> str | None:
    """The members service's rule on a search text, as the register says it (its English detail was shown
    as it was: "Giá trị không hợp lệ: q must contain at least one letter…"); None: not one of them."""
    if "at least one letter" in detail:
        return _("Nhập ít nhất một chữ của họ tên, hoặc trọn số điện thoại hay số CCCD (ví dụ 0912 345 678).")
    if "control characters" in detail:
        return _("Ô tìm kiếm có ký tự không đọc được; xin gõ lại.")
    return None


async def register(
    api: Api, user: User, typed: dict[str, str], after: str, limit: int, after_key: str = ""
) -> Register:
    """The register's page for the filters as typed and the paging cursor ``after`` (the previous page's
    last person) with ``after_key`` (where that page ended in name order: a rename or an erasure since skips
    nobody); the members API's refusal of a filter is said next to it. The units to choose from are asked
    for at the same time."""
    query, errors = register_filters(typed)
    cursor: uuid.UUID | None = None
    if after:
        try:
            cursor = uuid.UUID(after)
        except ValueError:
            errors["after"] = _("Trang không hợp lệ.")
    out = Register(typed={k: typed.get(k, "") for k in REGISTER_FILTERS}, errors=errors)
    units = asyncio.ensure_future(register_units(api, user))
    try:
        if not errors:
            out.page = await api.people(query.pop("q", None), cursor, limit, query, after_key or None)
    except ApiError as exc:
        if exc.problem.status in (401, 403) or exc.problem.status >= 500:
            units.cancel()
            raise
        named = {k: v for k, v in exc.problem.fields.items() if k in REGISTER_FILTERS or k == "after"}
        said = search_refusal(exc.problem.detail)  # the members service's rule on the search text, in Vietnamese
        if said is not None and ("q" in named or not named):
            named["q"] = said
        out.errors = named or {"q": _("Không tìm được với nội dung này; xin gõ lại.")}
    try:
        out.units = await units
    except ApiError:
        out.units = []  # the register without its unit filter's choices rather than no register
    return out


# ------------------------------------------------------------------ registering one person

REGISTER_FIELDS = ("unit_id", "full_name", "gender", "birth_date", "phone", "id_number", "address", "health_notes",
                   "consent_purpose", "consent_given_on")  # fmt: skip
_CONSENT_PATHS = {"consent.purpose": "consent_purpose", "consent.given_on": "consent_given_on",
                  "consent": "consent_given_on"}  # fmt: skip


def register_body(form: dict[str, str]) -> dict[str, Any]:
    """The members API's body for one new person (``POST /people``): the form's values as typed, those left
    empty not sent (the API says what is missing or wrong)."""
    body: dict[str, Any] = {
        "full_name": form.get("full_name", "").strip(),
        "consent": {"purpose": form.get("consent_purpose", "").strip(),
                    "given_on": form.get("consent_given_on", "").strip()},
    }  # fmt: skip
    for name in ("unit_id", "gender", "birth_date", "phone", "id_number", "address", "health_notes"):
        if value := form.get(name, "").strip():
            body[name] = value
    return body


def register_refusal(problem: Problem) -> Problem:
    """The members API's refusal of a registration, said next to the form's fields (the consent's own
    fields named as the form names them)."""
    renamed = {_CONSENT_PATHS.get(k, k): v for k, v in problem.fields.items()}
    return person_refusal(Problem(problem.status, problem.message, renamed, problem.detail), REGISTER_FIELDS)
