"""The console's languages: which one a request gets, the formats of each, and pages rendered in English
(the explicit choice) or unchanged in Vietnamese (the default, or what the browser asks for): the login
page, the members side (a person's page and its refusals, the erasure, the register, the import form)
with the members API answered in the test, and the money side (a campaign's page and its refusals, a gift
form, a statement import's progress) with the campaigns, donations and reporting APIs answered in the test."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest

from rc_console import i18n
from rc_console.adapters.session import COOKIE
from rc_console.domain import money as money_rules
from rc_console.domain.model import (
    DATE_MESSAGE,
    FEE_LABELS,
    GENDER_LABELS,
    PERSON_ACTIONS,
    ROLE_LABELS,
    User,
    import_reason,
    offered_actions,
    problem_of,
    unit_change_label,
)
from rc_console.entrypoints import web
from rc_console.entrypoints.app import build_app
from rc_console.service_layer.money import ImportJob, ImportLine
from rc_console.settings import Settings
from rc_shared import clock
from rc_shared.auth import generate_keys
from rc_shared.labels import vnd


@pytest.mark.parametrize(
    ("cookie", "accept", "expected"),
    [
        (None, None, "vi"),  # nothing said: Vietnamese
        (None, "", "vi"),
        (None, "en", "en"),
        (None, "en-GB,en;q=0.9", "en"),
        (None, "vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", "vi"),
        (None, "fr-FR,fr;q=0.9,en;q=0.5,vi;q=0.4", "en"),  # the first language the console speaks
        (None, "vi;q=0.2,en;q=0.8", "en"),  # by weight, not by order
        (None, "en;q=0,vi;q=0.1", "vi"),  # q=0: not wanted
        (None, "de, ja", "vi"),  # none spoken: the default
        (None, "EN_us", "en"),
        (None, "en;q=abc", "vi"),  # a malformed weight counts as not wanted
        (None, ";;,,;q=1", "vi"),
        ("en", "vi-VN,vi", "en"),  # the explicit choice wins over the browser
        ("vi", "en-US,en", "vi"),
        ("fr", "en", "en"),  # an unknown cookie is no choice
        ("", None, "vi"),
    ],
)
def test_the_language_is_the_choice_then_the_browser_then_vietnamese(
    cookie: str | None, accept: str | None, expected: str
) -> None:
    assert i18n.negotiate(cookie, accept) == expected


def test_accept_language_is_read_by_weight() -> None:
    assert i18n.parse_accept_language("en-US,en;q=0.9,vi;q=0.95, *;q=0.1") == ["en", "vi", "en", "*"]
    assert i18n.parse_accept_language("") == []


def test_amounts_and_numbers_are_written_for_the_language() -> None:
    for amount in (0, 7, 1_500_000, 12_345_678_901):  # Vietnamese: as the public pages write them
        assert i18n.money(amount) == vnd(amount)
    assert i18n.money(1_500_000) == "1.500.000 ₫" and i18n.money(None) == "–"
    assert i18n.number(1234.5, "0.0") == "1234,5"
    with i18n.using("en"):
        assert i18n.money(1_500_000) == "₫1,500,000"
        assert i18n.number(1234.5, "0.0") == "1234.5"
    assert i18n.current() == "vi"  # the block's language ends with it


def test_module_constants_are_translated_when_shown() -> None:
    user = User(subject="u", role="unit_manager", unit_id=None, token="t")
    assert user.role_label == "Quản lý đơn vị" and str(DATE_MESSAGE).startswith("Ngày không hợp lệ")
    with i18n.using("en"):
        assert user.role_label == "Unit manager"
        assert str(ROLE_LABELS["admin"]) == "Administrator"
        assert str(DATE_MESSAGE) == "Not a valid date (year-month-day, from 1900 to 2100)."
        assert offered_actions(user, ["launch", "close"]) == [("launch", "Launch"), ("close", "Close receiving")]
        assert unit_change_label("created,renamed,odd") == "Created, Renamed, odd"
        p = problem_of(422, {"errors": [{"field": "name", "type": "missing"}]})
        assert p.message == "Some fields are not right; please check them." and p.fields == {"name": "Required."}
        assert problem_of(400, {"field": "x", "detail": "bad"}).fields == {"x": "Not a valid value: bad"}
    assert user.role_label == "Quản lý đơn vị"


def client(settings: Settings, **headers: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=build_app(settings)), base_url="http://console", headers=headers
    )


def html_lang(page: str) -> str:
    m = re.search(r'<html lang="([^"]+)">', page)
    assert m is not None, page[:300]
    return m.group(1)


async def test_the_login_page_in_english_by_choice_and_unchanged_in_vietnamese() -> None:
    settings = Settings(session_secret="s" * 32)  # no development login: the page needs no service
    async with client(settings, **{"Accept-Language": "vi"}) as c:
        vi = await c.get("/login")
        assert vi.status_code == 200 and html_lang(vi.text) == "vi" and vi.headers["content-language"] == "vi"
        for text in (
            "<title>Đăng nhập · Hội Chữ thập đỏ</title>",
            "<h1>Đăng nhập</h1>",
            "Bỏ qua, đến nội dung chính",
            "Chữ thập đỏ · Điều hành",
            "Đăng nhập qua nhà cung cấp định danh (OIDC) chưa được cấu hình cho bảng điều hành này.",
        ):
            assert text in vi.text
        assert "Sign in" not in vi.text
        # the switch: posted with the page to come back to
        chosen = await c.post("/language", data={"lang": "en", "next": "/login?x=1"})
        assert chosen.status_code == 303 and chosen.headers["location"] == "/login?x=1"
        cookie = chosen.headers["set-cookie"]
        assert cookie.startswith("rc_console_lang=en;") and "HttpOnly" in cookie and "SameSite=lax" in cookie
        en = await c.get("/login")  # the cookie, over the browser's Accept-Language: vi
        assert en.status_code == 200 and html_lang(en.text) == "en" and en.headers["content-language"] == "en"
        for text in ("<title>Sign in · Red Cross Society</title>", "<h1>Sign in</h1>", "Skip to the main content"):
            assert text in en.text
        assert "Sign-in through an identity provider (OIDC) is not configured for this console." in en.text
        assert "Đăng nhập" not in en.text
        # both languages are offered, each named in itself; the current one is pressed
        assert re.search(r'value="en" lang="en" aria-pressed="true">English<', en.text)
        assert re.search(r'value="vi" lang="vi" aria-pressed="false">Tiếng Việt<', en.text)
        # a refusal of the shared plumbing is in English too
        missing = await c.get("/nowhere")
        assert missing.status_code == 404 and "There is no such page." in missing.text
        assert html_lang(missing.text) == "en"
        back = await c.post("/language", data={"lang": "vi", "next": "//evil.example"})
        assert back.status_code == 303 and back.headers["location"] == "/"  # no open redirect
        again = await c.get("/login")
        assert again.text == vi.text.replace(_csrf_of(vi.text), _csrf_of(again.text))  # Vietnamese, unchanged


def _csrf_of(page: str) -> str:
    m = re.search(r'name="csrf" value="([^"]*)"', page)
    return m.group(1) if m else "\0"


async def test_the_browser_language_is_used_until_a_choice_is_made() -> None:
    async with client(Settings(session_secret="s" * 32), **{"Accept-Language": "en-US,en;q=0.9"}) as c:
        page = await c.get("/login")
        assert html_lang(page.text) == "en" and "<h1>Sign in</h1>" in page.text
    async with client(Settings(session_secret="s" * 32)) as c:  # no Accept-Language: Vietnamese
        page = await c.get("/login")
        assert html_lang(page.text) == "vi" and "<h1>Đăng nhập</h1>" in page.text


async def test_an_unknown_language_is_refused_and_said_so(tmp_path: Path) -> None:
    private, _ = generate_keys(tmp_path)
    settings = Settings(
        dev_login_enabled=True, dev_login_private_key_file=str(private), members_url="http://127.0.0.1:9"
    )
    async with client(settings) as c:
        for data in ({"lang": "fr"}, {}, {"lang": "en\x00"}, {"lang": "<script>"}):
            r = await c.post("/language", data=data)
            assert r.status_code == 422 and "Xin chọn một ngôn ngữ" in r.text, data
            assert "set-cookie" not in r.headers
        # in English, a form error of the login page is in English (the Python messages are translated)
        c.cookies.set(i18n.COOKIE, "en")
        page = await c.get("/login")
        assert page.status_code == 422 and "A service is not answering for the moment" in page.text
        m = re.search(r'action="/login"[^>]*>\s*<input type="hidden" name="csrf" value="([^"]+)"', page.text)
        assert m is not None
        r = await c.post("/login", data={"role": "viewer", "unit_id": "", "csrf": m.group(1)})
        assert r.status_code == 422 and "Please choose a unit (only an administrator" in r.text


# ------------------------------------------------------------------ the members side in English

PERSON, UNIT, BRANCH = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
_MEMBERSHIP = {"id": str(uuid.uuid4()), "unit_id": str(UNIT), "unit_code": "XA",
               "unit_name": "Xã A", "member_code": "7",
               "joined_on": "2024-02-01", "status": "active", "status_since": "2024-02-01"}  # fmt: skip
_ROLE = {
    "id": str(uuid.uuid4()),
    "role": "volunteer",
    "unit_id": str(UNIT),
    "unit_code": "XA",
    "unit_name": "Xã A",
    "start_on": "2024-01-01",
}
PERSON_DOC: dict[str, Any] = {
    "id": str(PERSON), "registered_unit_id": str(UNIT), "erased": False, "full_name": "Nguyễn Thị Hoà",
    "gender": "female", "birth_date": "1990-05-05", "phone": "0901234567", "deceased_on": None,
    "memberships": [_MEMBERSHIP | {"fees": {"2024": "paid", "2025": "unpaid"}, "history": [
        {"unit_id": str(UNIT), "unit_code": "XA", "unit_name": "Xã A", "status": "lapsed", "valid_from": "2020-01-01",
         "valid_to": "2024-02-01"},
        {"unit_id": str(UNIT), "unit_code": "XA", "unit_name": "Xã A", "status": "active", "valid_from": "2024-02-01",
         "valid_to": None}]}],
    "roles": [_ROLE | {"end_on": None}],
    "consents": [{"id": str(uuid.uuid4()), "purpose": "hồ sơ hội viên", "given_on": "2024-01-01",
                  "withdrawn_on": None}],
    "volunteer_hours_total": 2.5,
    "training": [{"id": str(uuid.uuid4()), "kind": "first_aid", "title": "Sơ cấp cứu ban đầu",
                  "completed_on": "2025-05-10", "hours": 16.0, "unit_id": str(UNIT), "unit_code": "XA",
                  "unit_name": "Xã A",
                  "provider": None, "certificate_no": "SCC-1"}],
    "courses": [{"course_id": str(uuid.uuid4()), "title": "Ứng phó thảm hoạ", "kind": "disaster_preparedness",
                 "unit_id": str(UNIT), "unit_code": "XA",
                 "unit_name": "Xã A", "starts_on": "2025-03-01", "ends_on": "2025-03-03",
                 "attended": True, "passed": False}],
}  # fmt: skip
# names, the training's titles and the switch: not wrapped
DATA = ("Nguyễn Thị Hoà", "hồ sơ hội viên", "Xã A", "Chi hội B", "Tiếng Việt", "Sơ cấp cứu ban đầu", "Ứng phó thảm hoạ")
VIETNAMESE = re.compile(r"[À-ỹĐđ]")  # a letter with a Vietnamese diacritic


PEOPLE_ASKED: list[dict[str, str]] = []  # the query of each GET /people the console sent


def members_api(request: httpx.Request) -> httpx.Response:
    """The members API's answers the person page and the register need (this test's one person)."""
    path, method = request.url.path, request.method
    if method == "GET" and path == f"/people/{PERSON}":
        return httpx.Response(200, json=PERSON_DOC)
    if method == "GET" and path == "/people":
        PEOPLE_ASKED.append(dict(request.url.params))
        summary = {k: PERSON_DOC[k] for k in ("id", "full_name", "gender", "birth_date", "deceased_on")}
        item = summary | {"registered_unit_id": str(UNIT), "membership": _MEMBERSHIP | {"fee_status": "paid"},
                          "roles": [_ROLE]}  # fmt: skip
        return httpx.Response(200, json={"as_of": "2026-03-01", "count": 1, "fee_year": 2026, "items": [item],
                                         "next_after": str(PERSON), "next_after_key": "nguyen thi hoa"})  # fmt: skip
    if method == "GET" and path == f"/units/{UNIT}":
        return httpx.Response(200, json={
            "id": str(UNIT), "code": "XA", "name": "Xã A", "level": "commune", "as_of": "2026-03-01", "path": [],
            "parent_id": None, "valid_from": "2020-01-01", "valid_to": None, "ended_on": None, "end_reason": None,
            "merged_into": None})  # fmt: skip
    if method == "GET" and path == f"/units/{UNIT}/history":
        version = {"change": "created,renamed", "level": "commune", "name": "Xã A", "parent_code": "H",
                   "parent_id": None, "valid_from": "2020-01-01", "valid_to": None}  # fmt: skip
        history = {"id": str(UNIT), "code": "XA", "end_reason": "merged", "ended_on": "2026-02-01",
                   "merged_into": None, "versions": [version]}  # fmt: skip
        return httpx.Response(200, json=history)
    if method == "GET" and path == "/stats":
        return httpx.Response(200, json={"as_of": "2026-03-01", "members": 5, "unit_id": str(UNIT), "units": 2,
                                         "volunteer": 3})  # fmt: skip
    if method == "GET" and path == f"/units/{UNIT}/children":
        branch = {"id": str(BRANCH), "code": "B", "level": "branch", "name": "Chi hội B", "parent_code": "XA",
                  "parent_id": str(UNIT), "valid_from": "2020-01-01", "valid_to": None}  # fmt: skip
        return httpx.Response(200, json={"as_of": "2026-03-01", "count": 1, "items": [branch]})
    if method == "GET" and path == "/units":  # the user's scope: Xã A and its branch
        items = [{"id": str(UNIT), "code": "XA", "level": "commune", "name": "Xã A", "parent_code": None,
                  "parent_id": None, "valid_from": "2020-01-01", "valid_to": None},
                 {"id": str(BRANCH), "code": "B", "level": "branch", "name": "Chi hội B", "parent_code": "XA",
                  "parent_id": str(UNIT), "valid_from": "2020-01-01", "valid_to": None}]  # fmt: skip
        return httpx.Response(200, json={"as_of": "2026-03-01", "count": 2, "items": items, "limit": 10000,
                                         "offset": 0})  # fmt: skip
    if method == "POST" and path == f"/people/{PERSON}/hours":
        raise httpx.ConnectError("the members API is down", request=request)
    if method == "PATCH" and path == f"/people/{PERSON}/membership":
        return httpx.Response(409, json={"error": "conflict", "detail": "membership is already active"})
    return httpx.Response(404, json={"error": "not_found", "detail": f"{method} {path}"})


def signed_in(role: str, api: Callable[[httpx.Request], httpx.Response] | None = None) -> tuple[httpx.AsyncClient, str]:
    """A console whose members API is :func:`members_api` (or ``api``), and a client signed in as ``role`` of Xã A."""
    app = build_app(Settings(session_secret="s" * 32))
    app.state.upstreams._transports["members"] = httpx.MockTransport(api or members_api)
    session = app.state.sessions.new(User(subject="hoa-test", role=role, unit_id=UNIT, token="t"))
    c = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console")
    c.cookies.set(COOKIE, app.state.sessions.dump(session))
    return c, session.csrf


def leftover_vietnamese(page: str, data: tuple[str, ...] = DATA) -> list[str]:
    """The lines of an English page that still hold Vietnamese, once its data is left out."""
    for text in data:
        page = page.replace(text, "")
    return [line.strip() for line in page.splitlines() if VIETNAMESE.search(line)]


async def test_the_registers_next_page_carries_where_the_page_ended() -> None:
    """The next page's link gives the members API back its next_after_key with next_after, so a person renamed
    or erased between two clicks skips nobody (members 1.5.0)."""
    c, _ = signed_in("unit_manager")
    async with c:
        first = await c.get("/members")
        assert first.status_code == 200
        link = re.search(r'href="(/members\?[^"]*after=[^"]*)"', first.text)
        assert link is not None and "after_key=nguyen+thi+hoa" in unescape(link.group(1)), first.text
        PEOPLE_ASKED.clear()
        assert (await c.get(unescape(link.group(1)))).status_code == 200
        assert PEOPLE_ASKED[-1]["after"] == str(PERSON) and PEOPLE_ASKED[-1]["after_key"] == "nguyen thi hoa"


async def test_a_person_page_in_english_by_choice_and_unchanged_in_vietnamese() -> None:
    c, csrf = signed_in("unit_manager")
    async with c:
        vi = await c.get(f"/people/{PERSON}?done=fee")
        assert vi.status_code == 200 and html_lang(vi.text) == "vi"
        for text in (
            '<p class="notice" role="status">Đã ghi nhận hội phí.</p>',
            '<h2 id="personal-h">Thông tin cá nhân</h2>',
            "<dt>Giới tính</dt><dd>Nữ</dd>",
            '<th scope="col">Vào hội</th>',
            "<li>Trước đó: Xã A, Gián đoạn, 01/01/2020 – 31/01/2024</li>",  # where they were before
            '<span data-fee-year="2025" data-fee="unpaid">2025: Chưa đóng</span>',
            '<h3 id="status-h">Đổi trạng thái hội viên</h3>',
            '<h3 id="transfer-h">Chuyển sinh hoạt sang đơn vị khác</h3>',
            '<label for="end-role-' + _ROLE["id"] + '-end_on">Ngày kết thúc vai trò tình nguyện viên</label>',
            '<p>Tổng cộng: <strong data-figure="hours">2,5</strong> giờ.</p>',
            '<td data-label="Nội dung">Sơ cấp cứu<br><span class="muted">Sơ cấp cứu ban đầu</span></td>',
            '<td data-label="Kết quả">Đã dự, chưa đạt</td>',
            '<h3 id="add-training-h">Ghi nhận khoá tập huấn</h3>',
            '<summary id="personal-edit-h">Sửa thông tin cá nhân</summary>',
            '<h2 id="erase-h">Xoá dữ liệu cá nhân</h2>',
        ):
            assert text in vi.text, text
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get(f"/people/{PERSON}?done=fee")
        assert en.status_code == 200 and html_lang(en.text) == "en"
        for text in (
            "<title>Nguyễn Thị Hoà · Red Cross Society</title>",
            '<p class="notice" role="status">The membership fee was recorded.</p>',
            '<h2 id="personal-h">Personal details</h2>',
            "<dt>Gender</dt><dd>Female</dd>",
            '<th scope="col">Joined</th>',
            "<li>Before: Xã A, Lapsed, 1 Jan 2020 – 31 Jan 2024</li>",
            '<span data-fee-year="2025" data-fee="unpaid">2025: Unpaid</span>',
            '<h3 id="status-h">Change the membership status</h3>',
            '<h3 id="transfer-h">Transfer to another unit</h3>',
            '<label for="end-role-' + _ROLE["id"] + '-end_on">End date of the volunteer role</label>',
            '<p>In all: <strong data-figure="hours">2.5</strong> hours.</p>',
            '<h2 id="roles-h">Roles</h2>',
            '<td data-label="Content">First aid<br><span class="muted">Sơ cấp cứu ban đầu</span></td>',
            '<td data-label="Result">Attended, not passed</td>',
            '<h3 id="add-training-h">Record a training course</h3>',
            '<summary id="personal-edit-h">Edit personal details</summary>',
            '<h2 id="erase-h">Erase personal data</h2>',
        ):
            assert text in en.text, text
        assert leftover_vietnamese(en.text) == []
        # a refusal of the members API, next to its field, in English
        r = await c.post(f"/people/{PERSON}/status", data={"status": "active", "effective_on": "", "csrf": csrf})
        assert r.status_code == 409 and html_lang(r.text) == "en"
        assert '<p class="alert" role="alert">This could not be done; please check.</p>' in r.text
        assert '<p class="error" id="status-status-error">The membership already has this status.</p>' in r.text
        assert leftover_vietnamese(r.text) == []
        # the members API not answering an edit: said in English
        hours = {"hours": "2", "worked_on": "2026-01-02", "csrf": csrf, "key": str(uuid.uuid4())}
        r = await c.post(f"/people/{PERSON}/hours", data=hours)
        assert r.status_code == 503 and "A service is not answering for the moment; please try again." in r.text
        assert leftover_vietnamese(r.text) == []
        # a form the page did not render (its key is not one): reload it, nothing sent
        r = await c.post(f"/people/{PERSON}/hours", data=hours | {"key": "a\x00b"})
        assert r.status_code == 422 and "The form is not valid; please reload the page and send it again." in r.text
        erase = await c.get(f"/people/{PERSON}/erase")
        assert "<h1>Erase the personal data of Nguyễn Thị Hoà?</h1>" in erase.text
        assert leftover_vietnamese(erase.text) == []
        c.cookies.set(i18n.COOKIE, "vi")
        again = await c.get(f"/people/{PERSON}?done=fee")
        assert _without_form_keys(again.text) == _without_form_keys(vi.text)  # Vietnamese, as before the choice


def _without_form_keys(page: str) -> str:
    """A page without its forms' Idempotency-Keys (a new one each time the page is rendered)."""
    return re.sub(r'name="key" value="[^"]*"', 'name="key"', page)


async def test_the_members_register_and_import_form_in_english() -> None:
    c, _csrf = signed_in("data_entry")
    async with c:
        c.cookies.set(i18n.COOKIE, "en")
        page = await c.get("/members?q=hoa")
        assert page.status_code == 200 and html_lang(page.text) == "en"
        for text in (
            "<h1>Members register</h1>",
            '<a class="button" href="/members/import">Import members from a file</a>',
            '<th scope="col">Full name</th><th scope="col">Birth date</th><th scope="col">Unit</th>'
            '<th scope="col">Status</th><th scope="col">Fee 2026</th><th scope="col">Roles</th>',
            '<td data-label="Status"><span data-status="active">Active</span></td>',
            '<td data-label="Fee 2026"><span data-fee="paid">Paid</span></td>',
            '<label for="fee_status">Fee</label>',
            '<option value="">All</option>',
            '<td data-label="Roles">Volunteer</td>',
            "Next page »</a>",
        ):
            assert text in page.text, text
        assert leftover_vietnamese(page.text) == []
        form = await c.get("/members/import")
        assert "<h1>Import members from a file</h1>" in form.text and "at most 5 MB and 20,000 rows" in form.text
        assert leftover_vietnamese(form.text) == []
        c.cookies.set(i18n.COOKIE, "vi")
        page = await c.get("/members?q=hoa")
        assert "<h1>Sổ hội viên</h1>" in page.text
        assert '<td data-label="Trạng thái"><span data-status="active">Đang sinh hoạt</span></td>' in page.text
        form = await c.get("/members/import")
        assert "tối đa 5 MB và 20.000 dòng" in form.text


def test_the_import_reasons_and_refusals_are_translated_when_said() -> None:
    with i18n.using("en"):
        assert import_reason("unit XA did not exist on 2020-01-01; duplicate of row 4") == (
            "Unit XA did not exist yet on 2020-01-01. Same as row 4."
        )
        assert str(FEE_LABELS["exempted"]) == "Exempted" and str(GENDER_LABELS["other"]) == "Other"
        assert str(PERSON_ACTIONS["join"][1]) == "Join the society"
    assert import_reason("unit XA did not exist on 2020-01-01; duplicate of row 4") == (
        "Đơn vị XA chưa có vào ngày 2020-01-01. Trùng với dòng 4."
    )
    # a unit merged away, or whose end is recorded ahead (members 1.5.0): said with its successor, or without
    merged = "unit D1 ended on 2025-07-01 (succeeded by D2): give the unit the member belongs to now"
    assert import_reason(merged) == (
        "Đơn vị D1 kết thúc ngày 2025-07-01, đơn vị kế tục là D2: xin ghi đơn vị hội viên đang sinh hoạt."
    )
    assert import_reason("unit D1 ends on 2027-07-01: give the unit the member belongs to now") == (
        "Đơn vị D1 kết thúc ngày 2027-07-01: xin ghi đơn vị hội viên đang sinh hoạt."
    )
    with i18n.using("en"):
        assert import_reason(merged).startswith("Unit D1 ends on 2025-07-01, succeeded by D2")
    # one identity number, one person; an erased person's row: said, and whose record is never shown
    assert import_reason("id_number is the same as row 3's: one person, two rows") == (
        "Trùng số giấy tờ với dòng 3: một người ghi hai dòng."
    )
    assert import_reason("id_number already belongs to another person's record") == (
        "Số giấy tờ này đã có trong hồ sơ của một người khác: một người chỉ có một hồ sơ."
    )
    assert (
        import_reason("fee_year 2022 is before the year joined (2023)") == "Năm hội phí 2022 trước năm vào hội (2023)."
    )
    assert import_reason("joined_on 1989-01-01 is before the birth date 1990-04-15") == "Ngày vào hội trước ngày sinh."
    erased = "the person's personal data was erased at their request on 02/12/2026: not imported again"
    assert import_reason(erased) == "Người này đã yêu cầu xoá dữ liệu cá nhân (ngày 02/12/2026): không nhập lại."
    twice = "column phone given twice with different values (as 'di_động' too)"
    # the column as the template's header names it (the file's own header, whichever language the page is in)
    assert import_reason(twice) == "Hai cột cùng là «Số điện thoại» nhưng khác nhau ở dòng này: xin giữ một."
    with i18n.using("en"):
        assert import_reason(twice) == (
            "Two columns both give «Số điện thoại», with different values on this row: keep one."
        )


def test_the_import_reasons_of_a_card_taken_a_cccd_and_a_role_in_english() -> None:
    with i18n.using("en"):
        said = import_reason(
            "unknown role 'hội trưởng'; roles are volunteer, youth, collaborator; "
            "member_code HV0012 already belongs to another member of unit BL-PL-01; "
            "id_number has 11 digits and starts with 0: a CCCD has 12 digits"
        )
    assert said == (
        "Role «hội trưởng» is not valid: only volunteer, youth member, collaborator are accepted. "
        "Card number HV0012 was issued to another member of unit BL-PL-01 (another name, birth date or CCCD "
        "number): this person is not imported with that card number. "
        "The CCCD number has 11 digits (starting with 0): a CCCD has 12 digits; please check it."
    )
    assert leftover_vietnamese(said, ("hội trưởng",)) == []


async def test_a_unit_page_in_english() -> None:
    c, _csrf = signed_in("viewer")
    async with c:
        vi = await c.get(f"/units/{UNIT}")
        assert vi.status_code == 200, vi.text
        for text in (
            '<h2 id="children-h">Đơn vị trực thuộc</h2>',
            "<dt>Cấp</dt><dd>Xã</dd>",
            "Đã sáp nhập từ 01/02/2026.",
        ):
            assert text in vi.text, text
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get(f"/units/{UNIT}")
        assert en.status_code == 200 and html_lang(en.text) == "en"
        for text in (
            '<h2 id="children-h">Units under it</h2>',
            "<dt>Level</dt><dd>Commune</dd>",
            '<span class="big" data-figure="units">2</span> units (this one included)',
            '<td data-label="Until">now</td>',
            "<p>Merged on 1 Feb 2026.</p>",
        ):
            assert text in en.text, text
        assert leftover_vietnamese(en.text) == []


# ------------------------------------------------------------------ the money side in English

CAMPAIGN = uuid.uuid4()
_TARGET = {"target": None, "percent": None, "target_reached_at": None}
CAMPAIGN_DOC: dict[str, Any] = {
    "id": str(CAMPAIGN), "code": "TNA-2026", "name": "Cứu trợ bão Yagi", "description": "Hỗ trợ các hộ bị bão.",
    "campaign_type": "blood_drive", "organising_unit_id": str(UNIT), "participating_unit_ids": [],
    "receiving_from": "2026-01-01", "receiving_until": "2026-12-31", "parent_campaign_id": None,
    "targets": {"cash_vnd": 10_000_000, "in_kind_value_vnd": None, "blood_units": None, "beneficiaries": 20},
    "state": "launched", "allowed_actions": ["close", "cancel"], "launched_on": "2026-01-02", "closed_on": None,
    "settled_on": None, "cancelled_on": None, "cancel_reason": "", "distribution_deadline": None, "overdue": None,
    "progress": {"cash_vnd": _TARGET | {"raised": 1_500_000, "target": 10_000_000, "percent": 15.0},
                 "in_kind_value_vnd": _TARGET | {"raised": 300_000}, "blood_units": _TARGET | {"raised": 2},
                 "beneficiaries": _TARGET | {"raised": 1, "target": 20, "percent": 5.0}},
}  # fmt: skip


def _gift(n: int, kind: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()), "campaign_id": str(CAMPAIGN), "kind": kind, "amount_vnd": 0, "value_vnd": 0,
        "blood_units": 0, "blood_kind": None, "items": None, "donor_id": None, "donor_type": "anonymous",
        "publicly_named": False, "unit_id": str(UNIT), "credited_unit_id": None, "credited_person_id": None,
        "pledge_id": None, "channel": "cash", "bank_reference": None, "description": None,
        "received_on": "2026-02-01", "receipt_no": n, "receipt_number": f"TNA-{n:06d}", "recorded_after_close": False,
        "reversed": False, "reversal": None, "created_at": "2026-02-01T08:00:00Z",
    } | fields  # fmt: skip


def _beneficiary(name: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()), "kind": "household", "unit_id": str(UNIT), "full_name": name, "id_number": None,
        "address": "Thôn 1", "commune": "Xã A", "household_size": 4, "situation": "", "notes": "",
        "humanitarian_address": False, "campaign_id": str(CAMPAIGN), "verified": True, "verified_by": None,
        "verified_on": "2026-02-03", "consent": {"purpose": "cứu trợ", "given_on": "2026-02-01", "publish_name": True},
    } | fields  # fmt: skip


GIFTS = [
    _gift(1, "cash", amount_vnd=1_500_000, donor_type="individual", channel="bank_transfer"),
    _gift(2, "blood", blood_units=2, blood_kind="whole_blood", channel="blood_drive", donor_type="individual",
          reversed=True),
    _gift(3, "in_kind", value_vnd=300_000, channel="in_person", donor_type="organisation"),
]  # fmt: skip
DISTRIBUTION = {
    "id": str(uuid.uuid4()), "campaign_id": str(CAMPAIGN), "beneficiary_id": str(uuid.uuid4()), "kind": "cash",
    "amount_vnd": 500_000, "value_vnd": 0, "unit_id": str(UNIT), "distributed_on": "2026-02-10",
    "description": "Hỗ trợ sửa nhà", "support_kind": None, "support_level": "Mức 1", "decision_no": "12/QĐ",
    "quantity": None, "people_reached": 4, "reversed": False, "reversal": None, "created_at": "2026-02-10T08:00:00Z",
}  # fmt: skip
SESSION = {"id": str(uuid.uuid4()), "campaign_id": str(CAMPAIGN), "unit_id": str(UNIT), "held_on": "2026-03-01",
           "place": "Nhà văn hoá xã", "capacity": 50, "registered": 12, "places_left": 38}  # fmt: skip
BENEFICIARY = _beneficiary("Nguyễn Văn Ba")
ADDRESSES = [
    _beneficiary(
        "Trần Thị Tư", humanitarian_address=True, verified=False, verified_on=None, campaign_id=None, kind="person"
    )
]
RECEIPT = {
    "receipt_number": "TNA-000003", "receipt_no": 3, "campaign_id": str(CAMPAIGN), "campaign_code": "TNA-2026",
    "campaign_name": "Cứu trợ bão Yagi", "donation_id": GIFTS[2]["id"], "received_on": "2026-02-01",
    "kind": "in_kind", "amount_vnd": 0, "value_vnd": 300_000, "blood_units": 0, "channel": "in_person",
    "items": [{"item": "Gạo", "quantity": 10, "unit": "kg", "assessed_value_vnd": 300_000}],
    "bank_reference": None, "received_from": "Công ty Hoà Bình", "unit_id": str(UNIT), "issued_on": "2026-02-01",
    "void": False, "void_reason": None,
}  # fmt: skip
# the campaign's data (names, places, descriptions): not wrapped; a campaign type's English keeps "Tết"
MONEY_DATA = (*DATA, "Cứu trợ bão Yagi", "Hỗ trợ các hộ bị bão.", "Hỗ trợ sửa nhà", "Mức 1", "12/QĐ",
              "Nguyễn Văn Ba", "Trần Thị Tư", "Nhà văn hoá xã", "Gạo", "Công ty Hoà Bình",
              "Humanitarian Tết", "Thôn 1")  # fmt: skip


def money_api(request: httpx.Request) -> httpx.Response:
    """The campaigns, donations and reporting APIs' answers this test's campaign page needs."""
    path, params = request.url.path, request.url.params
    if path == f"/campaigns/{CAMPAIGN}":
        return httpx.Response(200, json=CAMPAIGN_DOC)
    if path == "/campaigns":
        return httpx.Response(200, json={"count": 1, "items": [CAMPAIGN_DOC], "limit": 100, "offset": 0})
    if path == f"/campaigns/{CAMPAIGN}/donations":
        return httpx.Response(200, json={"count": 3, "items": GIFTS, "limit": 100, "offset": 0, "next_after": None})
    if path == f"/campaigns/{CAMPAIGN}/distributions":  # (beneficiary_id=: only that recipient's, as the service)
        items = [d for d in [DISTRIBUTION] if params.get("beneficiary_id", d["beneficiary_id"]) == d["beneficiary_id"]]
        return httpx.Response(200, json={"count": len(items), "items": items, "limit": 100, "offset": 0})
    if path == "/beneficiaries":
        items = ADDRESSES if params.get("humanitarian_address") == "true" else [BENEFICIARY]
        return httpx.Response(200, json={"count": len(items), "items": items, "limit": 100, "offset": 0})
    if path == f"/campaigns/{CAMPAIGN}/blood-sessions":
        return httpx.Response(200, json={"count": 1, "items": [SESSION]})
    if path == f"/donations/{RECEIPT['donation_id']}/receipt":
        return httpx.Response(200, json=RECEIPT)
    if path == "/reports/campaigns":
        return httpx.Response(200, json={"as_of": None, "state": None, "campaign_type": None, "campaigns": []})
    return httpx.Response(404, json={  # the services' problem, as they give it
        "type": "/problems/not-found", "title": "Not found", "status": 404, "error": "not_found",
        "detail": f"{request.method} {path}", "message": f"{request.method} {path}", "correlation_id": "c-1",
    })  # fmt: skip


def signed_in_money(
    role: str, api: Callable[[httpx.Request], httpx.Response] | None = None, settings: Settings | None = None
) -> tuple[httpx.AsyncClient, str]:
    """A console (of ``settings``) whose campaigns, donations and reporting APIs are :func:`money_api` (or
    ``api``), signed in as ``role``."""
    app = build_app(settings or Settings(session_secret="s" * 32))
    for service in ("campaigns", "donations", "reporting"):
        app.state.upstreams._transports[service] = httpx.MockTransport(api or money_api)
    app.state.upstreams._transports["members"] = httpx.MockTransport(members_api)  # the list's units
    session = app.state.sessions.new(User(subject="hoa-test", role=role, unit_id=UNIT, token="t"))
    c = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console")
    c.cookies.set(COOKIE, app.state.sessions.dump(session))
    return c, session.csrf


async def test_a_campaign_page_in_english_by_choice_and_unchanged_in_vietnamese() -> None:
    c, csrf = signed_in_money("unit_manager")
    async with c:
        vi = await c.get(f"/campaigns/{CAMPAIGN}")
        assert vi.status_code == 200 and html_lang(vi.text) == "vi", vi.text
        for text in (
            '<p><a href="/campaigns">← Cuộc vận động</a></p>',
            "<dt>Loại</dt><dd>Hiến máu tình nguyện</dd>",
            '<h2 id="targets-h">Chỉ tiêu</h2>',
            'aria-label="Tiến độ Tiền"',  # cash and transfers: 'tiền mặt' is cash in hand only
            "2 đơn vị (không đặt chỉ tiêu)",
            '<h2 id="donations-h">Đóng góp</h2>',
            '<th scope="col">Biên nhận</th><th scope="col">Ngày nhận</th>',
            '<span class="state state-cancelled">Đã huỷ</span>',
            '<td data-label="Giá trị">2 đơn vị</td>',
            '<td data-label="Hình thức">Trao trực tiếp</td>',
            '<h2 id="distributions-h">Phân phối</h2>',
            '<td data-label="Xác minh">Đã xác minh 03/02/2026</td>',
            "Nhà văn hoá xã",
            "Không thể hoàn tác. Để xác nhận, nhập mã cuộc vận động: <strong>TNA-2026</strong>",
        ):
            assert text in vi.text, text
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get(f"/campaigns/{CAMPAIGN}")
        assert en.status_code == 200 and html_lang(en.text) == "en"
        for text in (
            "<title>Cứu trợ bão Yagi · Red Cross Society</title>",
            '<p><a href="/campaigns">← Campaigns</a></p>',
            "<dt>Type</dt><dd>Voluntary blood donation</dd>",
            "<dt>Status</dt>",
            '<h2 id="targets-h">Targets</h2>',
            'aria-label="Progress of Money"',
            "₫1,500,000 / ₫10,000,000 (15%)",
            "2 units (no target set)",
            '<h2 id="actions-h">Actions</h2>',
            "This cannot be undone. To confirm, type the campaign's code: <strong>TNA-2026</strong>",
            '<h2 id="donations-h">Gifts</h2>',
            ">Record a gift</a>",
            ">Import a bank statement</a>",
            '<th scope="col">Receipt</th><th scope="col">Received on</th><th scope="col">Type</th>',
            '<span class="state state-cancelled">Cancelled</span>',
            '<td data-label="Value">2 units</td>',
            '<td data-label="Channel">Handed over in person</td>',
            '<td data-label="Donor">Organisation</td>',
            '<h2 id="distributions-h">Distributions</h2>',
            '<td data-label="Type">Money</td>',
            '<h2 id="beneficiaries-h">People supported</h2>',
            '<td data-label="Type">Household</td>',
            '<td data-label="Verified">Verified 3 Feb 2026</td>',
            "Humanitarian addresses of the organising unit",
            "· not verified",
            '<h2 id="sessions-h">Blood drives</h2>',
            '<td data-label="Places left">38</td>',
        ):
            assert text in en.text, text
        assert leftover_vietnamese(en.text, MONEY_DATA) == []
        # a cancel refused by the console's own checks: the errors next to the fields, in English
        r = await c.post(f"/campaigns/{CAMPAIGN}/cancel", data={"reason": "x", "confirm": "TNA", "csrf": csrf})
        assert r.status_code == 422 and html_lang(r.text) == "en"
        assert "Please give a reason (3 to 500 characters)." in r.text
        assert "Type exactly what is asked, to confirm." in r.text
        assert leftover_vietnamese(r.text, MONEY_DATA) == []
        c.cookies.set(i18n.COOKIE, "vi")
        again = await c.get(f"/campaigns/{CAMPAIGN}")
        assert again.text == vi.text  # Vietnamese, as before the choice


async def test_a_gift_form_and_the_campaigns_list_in_english() -> None:
    c, _csrf = signed_in_money("data_entry")
    async with c:
        vi = await c.get(f"/campaigns/{CAMPAIGN}/donations/new/in-kind", follow_redirects=True)
        assert vi.status_code == 200, vi.text
        assert (
            "<h1>Ghi nhận đóng góp hiện vật</h1>" in vi.text
            and '<label for="item_0_item">Tên hiện vật 1</label>' in vi.text
        )
        c.cookies.set(i18n.COOKIE, "en")
        form = await c.get(f"/campaigns/{CAMPAIGN}/donations/new/in-kind", follow_redirects=True)
        assert form.status_code == 200 and html_lang(form.text) == "en"
        for text in (
            "<h1>Record a gift in kind</h1>",
            '<label for="channel">How it was received</label>',
            '<option value="in_person" >Handed over in person</option>',
            '<div class="item-row" role="group" aria-label="Item 2">',
            '<label for="item_0_unit">Unit of measure 1</label>',
            "<legend>Donor</legend>",
            "Agrees to be named publicly</label>",
            '<button type="submit">Record and print the receipt</button>',
        ):
            assert text in form.text, text
        assert leftover_vietnamese(form.text, MONEY_DATA) == []
        for path in (f"/campaigns/{CAMPAIGN}/donations/new", f"/campaigns/{CAMPAIGN}/donations/new/blood"):
            page = await c.get(path, follow_redirects=True)
            assert page.status_code == 200 and leftover_vietnamese(page.text, MONEY_DATA) == [], path
        listing = await c.get("/campaigns")
        assert listing.status_code == 200 and "<h1>Campaigns</h1>" in listing.text
        assert '<th scope="col">Receiving</th><th scope="col">Progress</th>' in listing.text
        assert '<td data-label="Status"><span class="state state-launched">Under way</span></td>' in listing.text
        assert leftover_vietnamese(listing.text, MONEY_DATA) == []


async def test_the_in_kind_form_says_its_items_are_published_so_no_names_or_phones_go_there() -> None:
    """The items' names and units are published with the gift, an anonymous donor's too (the donations
    service masks phone numbers, not names): the form says so, as the other published fields do, and each
    item's name and unit field points to that hint (read out with it)."""
    c, _csrf = signed_in_money("data_entry")
    hint = (
        "Tên hiện vật và đơn vị tính được công khai, kể cả khi người đóng góp ẩn danh: không ghi tên người hay số"
        " điện thoại."
    )
    async with c:
        vi = await c.get(f"/campaigns/{CAMPAIGN}/donations/new/in-kind", follow_redirects=True)
        assert vi.status_code == 200, vi.text
        assert f'<p class="muted" id="items-hint" data-published-hint>{hint}</p>' in vi.text
        for row in range(money_rules.ITEM_ROWS):
            for name, described in (("item", True), ("unit", True), ("quantity", False)):
                field = re.search(rf'<input id="item_{row}_{name}"[^>]*>', vi.text)
                assert field is not None and ('aria-describedby="items-hint"' in field[0]) is described, (row, name)
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get(f"/campaigns/{CAMPAIGN}/donations/new/in-kind", follow_redirects=True)
        assert "even for an anonymous donor: write no person's name or phone number here." in unescape(en.text)
        assert leftover_vietnamese(en.text, MONEY_DATA) == []


def test_a_statement_imports_progress_and_reasons_in_english() -> None:
    job = ImportJob(uuid.uuid4(), "u", CAMPAIGN, "Cứu trợ bão Yagi", total=2, done=2, created=1, rejected=1,
                    created_amount_vnd=1_500_000, finished=True)  # fmt: skip
    page = web.templates.get_template("statement_progress.html")
    with i18n.using("en"):
        reason = money_rules.statement_reason("received_on 2030-01-01 is in the future")
        assert reason == "The transaction date is in the future."
        assert money_rules.statement_reason("odd") == "Not a valid row (odd)."
        job.lines = [ImportLine(3, "FT1", "2000000", "rejected", reason)]
        html = str(page.render(job=job, user=None, csrf="", STATUS_LABELS=money_rules.STATUS_LABELS))
        for text in ("<strong>Done.</strong>", "2 / 2 rows", "Recorded: <strong",
                     "<caption>Result of each row</caption>", '<td data-label="Result">Rejected</td>',
                     "₫1,500,000"):  # fmt: skip
            assert text in html, text
        assert leftover_vietnamese(html, MONEY_DATA) == []
        with pytest.raises(ValueError, match="header row lacks the columns: amount"):
            money_rules.statement_of(b"bank_reference,received_on\nFT1,2026-01-01\n")
    assert money_rules.statement_reason("odd") == "Dòng không hợp lệ (odd)."
    # a transfer recorded and voided (donations 1.7.0): the voided receipt named, in either language
    voided = "bank_reference FT26002 was recorded as receipt CT-000004 and voided: a statement does not record it"
    assert money_rules.statement_reason(voided).startswith(
        "Giao dịch đã được ghi nhận ở biên nhận CT-000004 rồi bị hủy"
    )
    with i18n.using("en"):
        assert money_rules.statement_reason(voided).startswith("This transfer was recorded as receipt CT-000004")


async def test_a_receipt_its_reversal_and_the_distribution_and_statement_forms_in_english() -> None:
    c, csrf = signed_in_money("unit_manager")
    gift = RECEIPT["donation_id"]
    async with c:
        vi = await c.get(f"/donations/{gift}/receipt")
        assert vi.status_code == 200 and '<h1 id="receipt-h">Biên nhận đóng góp</h1>' in vi.text
        assert "<dt>Giá trị</dt><dd data-amount>300.000 ₫</dd>" in vi.text
        # what a Vietnamese receipt carries: the receiving unit, the amount in words, what the gift is for,
        # the date written out and the two signatures
        for text in (
            "<p class=\"muted\" data-issuer>Hội Chữ thập đỏ · Xã A · Cứu trợ bão Yagi (TNA-2026)</p>",
            "<dt>Bằng chữ</dt><dd data-amount-in-words>Ba trăm nghìn đồng</dd>",
            "<dt>Nội dung</dt><dd>Ủng hộ Cứu trợ bão Yagi</dd>",
            '<p class="receipt-date">Ngày 01 tháng 02 năm 2026</p>',
            "<strong>Người nộp</strong>", "<strong>Người nhận</strong>",
        ):  # fmt: skip
            assert text in vi.text, text
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get(f"/donations/{gift}/receipt")
        assert en.status_code == 200 and html_lang(en.text) == "en"
        for text in (
            "<title>Receipt TNA-000003 · Red Cross Society</title>",
            '<h1 id="receipt-h">Receipt for a gift</h1>',
            "<dt>Received from</dt><dd data-received-from>Công ty Hoà Bình</dd>",
            "<dt>Value</dt><dd data-amount>₫300,000</dd>",
            "<dt>In words</dt><dd data-amount-in-words>Three hundred thousand dong</dd>",
            '<p class="receipt-date">Date: 01/02/2026</p>',
            "<strong>Given by</strong>",
            "<dt>Purpose</dt><dd>Gift to Cứu trợ bão Yagi</dd>",
            "<dt>Channel</dt><dd>Handed over in person</dd>",
            '<td data-label="Quantity">10 kg</td>',
            '<button type="button" data-print>Print the receipt</button>',
            ">Reverse the gift…</a>",
        ):
            assert text in en.text, text
        assert leftover_vietnamese(en.text, MONEY_DATA) == []
        r = await c.post(f"/donations/{gift}/reversal", data={"reason": "", "confirm": "", "csrf": csrf})
        assert r.status_code == 422 and "<h1>Reverse the gift</h1>" in r.text
        assert "Please give a reason (3 to 500 characters)." in r.text
        assert 'To confirm, type the receipt number: <strong class="nowrap">TNA-000003</strong>' in r.text
        assert leftover_vietnamese(r.text, MONEY_DATA) == []
        form = await c.get(f"/campaigns/{CAMPAIGN}/distributions/new", follow_redirects=True)
        assert form.status_code == 200 and "<h1>Record a distribution</h1>" in form.text
        assert '<option value="">— Not given —</option>' in form.text
        assert leftover_vietnamese(form.text, MONEY_DATA) == []
        statement = await c.get(f"/campaigns/{CAMPAIGN}/statement")
        assert statement.status_code == 200 and "<h1>Import a bank statement</h1>" in statement.text
        assert "At most 20,000 rows, 2 MB." in statement.text
        assert leftover_vietnamese(statement.text, MONEY_DATA) == []


async def test_a_campaign_just_launched_says_its_ledger_is_opening_until_donations_has_it() -> None:
    """Donations opens a campaign's ledger when the launch event reaches it, moments after the launch the
    user is redirected from: until then the page says so (in the user's language) with a reload link,
    rather than showing no donations section at all. A draft has no ledger and says nothing."""
    ledger = {"open": False, "state": "launched"}

    def api(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == f"/campaigns/{CAMPAIGN}":
            return httpx.Response(200, json=CAMPAIGN_DOC | {"state": ledger["state"]})
        if not ledger["open"] and path.startswith(f"/campaigns/{CAMPAIGN}/d"):  # donations, distributions
            return httpx.Response(404, json={  # the donations service's answer, as it gives it
                "type": "/problems/not-found", "title": "Not found", "status": 404, "error": "not_found",
                "detail": "no ledger for this campaign", "message": "no ledger for this campaign",
                "correlation_id": str(uuid.uuid4()),
            })  # fmt: skip
        return money_api(request)

    c, _ = signed_in_money("unit_manager")
    app = c._transport.app  # type: ignore[attr-defined]
    for service in ("campaigns", "donations", "reporting"):
        app.state.upstreams._transports[service] = httpx.MockTransport(api)
    notice = "Sổ đóng góp của cuộc vận động đang được mở: trong giây lát có thể ghi nhận đóng góp và phân phối."
    async with c:
        page = await c.get(f"/campaigns/{CAMPAIGN}")
        assert page.status_code == 200
        assert notice in page.text and f'<a href="/campaigns/{CAMPAIGN}">Tải lại trang</a>' in page.text
        assert 'id="donations-h"' not in page.text and 'id="distributions-h"' not in page.text
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get(f"/campaigns/{CAMPAIGN}")
        assert "The campaign's ledger is being opened" in en.text and ">Reload the page</a>" in en.text
        c.cookies.set(i18n.COOKIE, "vi")
        ledger["open"] = True
        page = await c.get(f"/campaigns/{CAMPAIGN}")
        assert notice not in page.text and '<h2 id="donations-h">Đóng góp</h2>' in page.text
        ledger.update(open=False, state="draft")
        page = await c.get(f"/campaigns/{CAMPAIGN}")
        assert page.status_code == 200 and notice not in page.text and 'id="donations-h"' not in page.text


def test_a_date_is_written_as_the_language_writes_it_and_anything_else_as_it_is() -> None:
    from datetime import date

    assert i18n.day("2026-02-03") == i18n.day(date(2026, 2, 3)) == "03/02/2026"
    assert i18n.day("2026-02-03T08:00:00Z") == "03/02/2026"  # a time's date
    with i18n.using("en"):
        assert i18n.day("2026-02-03") == "3 Feb 2026"
    # a template's missing value, nothing, or a text that is not a date: as it is, never an error page
    assert (i18n.day(None), i18n.day(""), i18n.day("không rõ")) == ("", "", "không rõ")
    env = web.templates
    assert env.from_string("[{{ x.missing|day }}]").render(x={}) == "[]"


@pytest.mark.parametrize(
    ("amount", "vi", "en"),
    [
        (300_000, "Ba trăm nghìn đồng", "Three hundred thousand dong"),
        (1_500_000, "Một triệu năm trăm nghìn đồng", "One million, five hundred thousand dong"),
        (2_005_000, "Hai triệu không trăm linh năm nghìn đồng", "Two million, five thousand dong"),
        (21_000, "Hai mươi mốt nghìn đồng", "Twenty-one thousand dong"),
        (1_000_000_000, "Một tỷ đồng", "One billion dong"),
    ],
)
def test_a_receipts_amount_in_words(amount: int, vi: str, en: str) -> None:
    assert i18n.amount_in_words(amount) == vi
    with i18n.using("en"):
        assert i18n.amount_in_words(amount) == en


async def test_a_blood_gifts_reversal_asks_whether_the_blood_was_drawn_and_sends_the_answer() -> None:
    """The reversal page of a blood gift offers the choice (drawn: a unit discarded after testing, still counted
    in the donor's interval; or recorded in error), in Vietnamese and English; the choice is what the API gets,
    and a form sent without it is refused on the page, nothing sent. A gift in kind's page does not ask."""
    blood_receipt = RECEIPT | {"donation_id": str(uuid.uuid4()), "kind": "blood", "value_vnd": 0, "blood_units": 1,
                               "items": None, "receipt_number": "TNA-000004", "receipt_no": 4}  # fmt: skip
    sent: list[dict[str, object]] = []

    def api(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/donations/{blood_receipt['donation_id']}/receipt":
            return httpx.Response(200, json=blood_receipt)
        if request.method == "POST" and request.url.path.endswith("/reversal"):
            sent.append(json.loads(request.content))
            return httpx.Response(201, json={})
        return money_api(request)

    c, csrf = signed_in_money("unit_manager", api)
    path = f"/donations/{blood_receipt['donation_id']}/reversal"
    async with c:
        page = await c.get(path)
        assert page.status_code == 200
        for text in (
            '<label for="blood_drawn">Máu đã được lấy từ người hiến?</label>',
            '<option value="">— Chọn —</option>',  # nothing chosen for the user: either answer wrongs someone
            '<option value="yes" >Đã lấy máu nhưng đơn vị bị loại (sau xét nghiệm, bị hỏng): vẫn tính khoảng cách',
            '<option value="no" >Ghi sai (nhầm người, số đơn vị, hình thức hay ngày; ghi trùng): không tính, ghi lại',
            "cho đúng nếu cần</option>",
        ):
            assert text in page.text, text
        assert "blood_drawn" not in (await c.get(f"/donations/{RECEIPT['donation_id']}/reversal")).text
        form = {"reason": "Đơn vị bị loại sau xét nghiệm", "confirm": "TNA-000004", "csrf": csrf}
        refused = await c.post(path, data=form)
        assert refused.status_code == 422 and sent == []
        assert '<p class="error" id="blood_drawn-error">Xin chọn máu đã được lấy' in refused.text
        for choice, drawn in (("yes", True), ("no", False)):
            done = await c.post(path, data=form | {"blood_drawn": choice})
            assert done.status_code == 303, done.text
            assert sent.pop() == {"reason": form["reason"], "blood_drawn": drawn}
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get(path)
        assert "Was the blood drawn from the donor?" in en.text and leftover_vietnamese(en.text, MONEY_DATA) == []


async def test_a_payers_name_is_erased_from_a_transfers_receipt_once_its_number_is_typed() -> None:
    """A bank transfer's receipt offers a manager the payer's erasure (Law 91/2025): a page saying what goes and
    what stays, the receipt number typed again (else nothing sent), then DELETE /donations/{id}/payer; a gift
    whose donor is on record is said to be erased with its donor. Vietnamese and English."""
    transfer = RECEIPT | {"donation_id": str(uuid.uuid4()), "kind": "cash", "amount_vnd": 750_000, "value_vnd": 0,
                          "items": None, "channel": "bank_transfer", "bank_reference": "FT26001",
                          "received_from": "TRAN THI MAI", "receipt_number": "TNA-000005", "receipt_no": 5}  # fmt: skip
    deleted: list[str] = []
    has_donor = False

    def api(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/donations/{transfer['donation_id']}/receipt":
            return httpx.Response(200, json=transfer)
        if request.method == "DELETE" and request.url.path == f"/donations/{transfer['donation_id']}/payer":
            deleted.append(request.url.path)
            if has_donor:
                problem = {"error": "conflict", "status": 409, "field": "donor_id",
                           "detail": "donation … has a donor on record: erase the donor"}  # fmt: skip
                return httpx.Response(409, json=problem)
            return httpx.Response(200, json={"donation_id": transfer["donation_id"], "erased": True,
                                             "already_erased": False})  # fmt: skip
        return money_api(request)

    path = f"/donations/{transfer['donation_id']}/payer/erase"
    c, csrf = signed_in_money("unit_manager", api)
    async with c:
        receipt = await c.get(f"/donations/{transfer['donation_id']}/receipt")
        assert f'href="{path}">Xoá tên người chuyển khoản…</a>' in receipt.text
        in_kind = await c.get(f"/donations/{RECEIPT['donation_id']}/receipt")  # no transfer: nothing to erase
        assert "/payer/erase" not in in_kind.text
        page = await c.get(path)
        assert page.status_code == 200 and "<h1>Xoá tên người chuyển khoản</h1>" in page.text
        assert "<dd data-received-from>TRAN THI MAI</dd>" in page.text
        wrong = await c.post(path, data={"confirm": "TNA-000004", "csrf": csrf})
        assert wrong.status_code == 422 and deleted == []
        assert '<p class="error" id="confirm-error">Nhập đúng như yêu cầu để xác nhận.</p>' in wrong.text
        done = await c.post(path, data={"confirm": "TNA-000005", "csrf": csrf})
        assert done.status_code == 303 and done.headers["location"] == f"/donations/{transfer['donation_id']}/receipt"
        assert deleted == [f"/donations/{transfer['donation_id']}/payer"]
        has_donor = True
        refused = await c.post(path, data={"confirm": "TNA-000005", "csrf": csrf})
        assert refused.status_code == 409
        assert "Đóng góp này có hồ sơ người hiến: hãy xoá dữ liệu cá nhân của người hiến" in refused.text
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get(path)
        assert "<h1>Erase the payer&#39;s name</h1>" in en.text or "<h1>Erase the payer's name</h1>" in en.text
        assert leftover_vietnamese(en.text, (*MONEY_DATA, "TRAN THI MAI")) == []
    viewer, _csrf = signed_in_money("viewer", api)
    async with viewer:
        assert "/payer/erase" not in (await viewer.get(f"/donations/{transfer['donation_id']}/receipt")).text
        assert (await viewer.get(path)).status_code == 403


async def test_a_refused_hours_form_comes_back_with_a_new_key_and_one_sent_before_is_said_logged() -> None:
    """A refusal logged nothing: the form comes back with a new Idempotency-Key (the old one would refuse the
    corrected form). The key of a form logged before (its answer lost: an error page, then Back) is said so."""
    used = str(uuid.uuid4())

    def api(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == f"/people/{PERSON}/hours":
            if request.headers.get("Idempotency-Key") == used:
                return httpx.Response(422, json={"error": "invalid", "field": "Idempotency-Key",
                                                 "detail": "Idempotency-Key 'x' logged other hours"})  # fmt: skip
            return httpx.Response(409, json={"error": "conflict", "detail": "the person was not a volunteer on 2026"})
        return members_api(request)

    c, csrf = signed_in("data_entry", api)
    async with c:
        for key, said in (
            (str(uuid.uuid4()), "Không thực hiện được"),
            (used, "Biểu mẫu này đã được gửi và ghi trước đó"),
        ):
            r = await c.post(f"/people/{PERSON}/hours", data={"hours": "2", "worked_on": "2026-01-02", "csrf": csrf,
                                                             "key": key})  # fmt: skip
            assert r.status_code in (409, 422) and said in r.text, r.text[-3000:]
            shown = re.search(r'name="key" value="([^"]*)"', r.text)
            assert shown is not None and shown.group(1) != key and uuid.UUID(shown.group(1))


async def test_an_overdue_campaign_says_its_deadline_and_its_forms_start_on_its_last_day() -> None:
    """Relief officer's review: a campaign past its receiving period still looked "under way" and its gift form
    started on today, which every save refused; one past its distribution deadline, likewise for distributions."""
    late = {"reason": "receiving_period_ended", "due_on": "2026-01-31", "action": "close"}
    ended = CAMPAIGN_DOC | {"campaign_type": "emergency_relief", "receiving_until": "2026-01-31", "overdue": late}
    settle = CAMPAIGN_DOC | {"campaign_type": "emergency_relief", "state": "closed", "closed_on": "2026-01-31",
                             "allowed_actions": ["settle"], "distribution_deadline": "2026-02-20",
                             "overdue": {"reason": "distribution_deadline_passed", "due_on": "2026-02-20",
                                         "action": "settle"}}  # fmt: skip
    for doc, says, form, field, day in (
        (ended, "Thời gian tiếp nhận đã hết ngày 31/01/2026", "donations/new", "received_on", "2026-01-31"),
        (settle, "Hạn phân phối đã hết ngày 20/02/2026", "distributions/new", "distributed_on", "2026-02-20"),
    ):

        def api(request: httpx.Request, doc: dict[str, Any] = doc) -> httpx.Response:
            if request.url.path == f"/campaigns/{CAMPAIGN}":
                return httpx.Response(200, json=doc)
            return money_api(request)

        c, _ = signed_in_money("unit_manager", api)
        async with c:
            page = await c.get(f"/campaigns/{CAMPAIGN}")
            assert page.status_code == 200, page.text
            assert f'<p class="warn" data-overdue="{doc["overdue"]["action"]}">{says}' in page.text
            r = await c.get(f"/campaigns/{CAMPAIGN}/{form}", follow_redirects=True)
            assert r.status_code == 200, r.text
            assert re.search(rf'id="{field}" name="{field}" type="date" value="{day}"', r.text), r.text
    c, _ = signed_in_money("unit_manager")
    async with c:
        assert "data-overdue" not in (await c.get(f"/campaigns/{CAMPAIGN}")).text  # not overdue: no warning


async def test_the_distribution_form_searches_its_recipients_in_the_users_whole_scope() -> None:
    """Relief officer's review: only the first 2,000 verified households could be chosen, and only the
    humanitarian addresses registered by the organising unit itself (not by the communes under it)."""
    asked: list[dict[str, str]] = []

    def api(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/beneficiaries":
            asked.append(dict(request.url.params))
        return money_api(request)

    c, _ = signed_in_money("unit_manager", api)
    async with c:
        r = await c.get(
            f"/campaigns/{CAMPAIGN}/distributions/new", params={"q": "  nguyen   van ba "}, follow_redirects=True
        )
        assert r.status_code == 200, r.text
        assert "Danh sách dưới đây chỉ gồm người nhận có “nguyen van ba”." in r.text
        assert 'name="q" value="  nguyen   van ba "' in r.text
        own, addresses = sorted(asked, key=lambda p: "campaign_id" in p, reverse=True)
        page = {"limit": "2001", "offset": "0", "verified": "true", "q": "nguyen van ba"}
        assert own == page | {"campaign_id": str(CAMPAIGN)}
        assert addresses == page | {"humanitarian_address": "true"}  # no unit: every one in the user's scope
        asked.clear()
        r = await c.get(
            f"/campaigns/{CAMPAIGN}/distributions/new", params={"q": " – "}, follow_redirects=True
        )  # nothing to search for
        assert r.status_code == 200 and "data-searched" not in r.text
        assert all("q" not in p for p in asked) and len(asked) == 2


def test_a_gift_form_starts_on_a_day_the_ledger_takes() -> None:
    """Today, within the receiving period: its last day once past it, an early close's day once closed, and its
    first day for a call made before it starts (review of this change: the form started on refused days)."""
    from rc_clients.campaigns.models import CampaignOut
    from rc_console.service_layer.screens import gift_day

    today = clock.today()
    c = lambda **kw: CampaignOut.from_dict(CAMPAIGN_DOC | kw)  # noqa: E731
    assert gift_day(c(receiving_from="2020-01-01", receiving_until="2099-12-31")) == today.isoformat()
    assert gift_day(c(receiving_from="2020-01-01", receiving_until="2020-03-31")) == "2020-03-31"
    closed = c(receiving_from="2020-01-01", receiving_until="2099-12-31", state="closed", closed_on="2020-02-10")
    assert gift_day(closed) == "2020-02-10"
    assert gift_day(c(receiving_from="2099-01-01", receiving_until="2099-03-31")) == "2099-01-01"
