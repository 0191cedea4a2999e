"""The console's languages: which one a request gets, the formats of each, and pages rendered in English
(the explicit choice) or unchanged in Vietnamese (the default, or what the browser asks for): the login
page, and the members side (a person's page and its refusals, the erasure, the register, the import form)
with the members API answered in the test."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from rc_console import i18n
from rc_console.adapters.session import COOKIE
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
from rc_console.entrypoints.app import build_app
from rc_console.settings import Settings
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
_MEMBERSHIP = {"id": str(uuid.uuid4()), "unit_id": str(UNIT), "unit_code": "XA", "member_code": "7",
               "joined_on": "2024-02-01", "status": "active", "status_since": "2024-02-01"}  # fmt: skip
_ROLE = {
    "id": str(uuid.uuid4()),
    "role": "volunteer",
    "unit_id": str(UNIT),
    "unit_code": "XA",
    "start_on": "2024-01-01",
}
PERSON_DOC: dict[str, Any] = {
    "id": str(PERSON), "registered_unit_id": str(UNIT), "erased": False, "full_name": "Nguyễn Thị Hoà",
    "gender": "female", "birth_date": "1990-05-05", "phone": "0901234567", "deceased_on": None,
    "memberships": [_MEMBERSHIP | {"fees": {"2024": "paid", "2025": "unpaid"}}],
    "roles": [_ROLE | {"end_on": None}],
    "consents": [{"id": str(uuid.uuid4()), "purpose": "hồ sơ hội viên", "given_on": "2024-01-01",
                  "withdrawn_on": None}],
    "volunteer_hours_total": 2.5,
}  # fmt: skip
DATA = ("Nguyễn Thị Hoà", "hồ sơ hội viên", "Xã A", "Chi hội B", "Tiếng Việt")  # names and the switch: not wrapped
VIETNAMESE = re.compile(r"[À-ỹĐđ]")  # a letter with a Vietnamese diacritic


def members_api(request: httpx.Request) -> httpx.Response:
    """The members API's answers the person page and the register need (this test's one person)."""
    path, method = request.url.path, request.method
    if method == "GET" and path == f"/people/{PERSON}":
        return httpx.Response(200, json=PERSON_DOC)
    if method == "GET" and path == "/people":
        summary = {k: PERSON_DOC[k] for k in ("id", "full_name", "gender", "birth_date", "deceased_on")}
        item = summary | {"registered_unit_id": str(UNIT), "membership": _MEMBERSHIP | {"fee_status": "paid"},
                          "roles": [_ROLE]}  # fmt: skip
        return httpx.Response(200, json={"as_of": "2026-03-01", "count": 1, "fee_year": 2026, "items": [item],
                                         "next_after": str(PERSON)})  # fmt: skip
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
    if method == "POST" and path == f"/people/{PERSON}/hours":
        raise httpx.ConnectError("the members API is down", request=request)
    if method == "PATCH" and path == f"/people/{PERSON}/membership":
        return httpx.Response(409, json={"error": "conflict", "detail": "membership is already active"})
    return httpx.Response(404, json={"error": "not_found", "detail": f"{method} {path}"})


def signed_in(role: str) -> tuple[httpx.AsyncClient, str]:
    """A console whose members API is :func:`members_api`, and a client signed in as ``role`` of Xã A."""
    app = build_app(Settings(session_secret="s" * 32))
    app.state.upstreams._transports["members"] = httpx.MockTransport(members_api)
    session = app.state.sessions.new(User(subject="hoa-test", role=role, unit_id=UNIT, token="t"))
    c = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console")
    c.cookies.set(COOKIE, app.state.sessions.dump(session))
    return c, session.csrf


def leftover_vietnamese(page: str) -> list[str]:
    """The lines of an English page that still hold Vietnamese, once its data is left out."""
    for text in DATA:
        page = page.replace(text, "")
    return [line.strip() for line in page.splitlines() if VIETNAMESE.search(line)]


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
            '<span data-fee-year="2025" data-fee="unpaid">2025: Chưa đóng</span>',
            '<h3 id="status-h">Đổi trạng thái hội viên</h3>',
            '<h3 id="transfer-h">Chuyển sinh hoạt sang đơn vị khác</h3>',
            '<label for="end-role-' + _ROLE["id"] + '-end_on">Ngày kết thúc vai trò tình nguyện viên</label>',
            '<p>Tổng cộng: <strong data-figure="hours">2.5</strong> giờ.</p>',
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
            '<span data-fee-year="2025" data-fee="unpaid">2025: Unpaid</span>',
            '<h3 id="status-h">Change the membership status</h3>',
            '<h3 id="transfer-h">Transfer to another unit</h3>',
            '<label for="end-role-' + _ROLE["id"] + '-end_on">End date of the volunteer role</label>',
            '<p>In all: <strong data-figure="hours">2.5</strong> hours.</p>',
            '<h2 id="roles-h">Roles</h2>',
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
        r = await c.post(f"/people/{PERSON}/hours", data={"hours": "2", "worked_on": "2026-01-02", "csrf": csrf})
        assert r.status_code == 503 and "A service is not answering for the moment; please try again." in r.text
        assert leftover_vietnamese(r.text) == []
        erase = await c.get(f"/people/{PERSON}/erase")
        assert "<h1>Erase the personal data of Nguyễn Thị Hoà?</h1>" in erase.text
        assert leftover_vietnamese(erase.text) == []
        c.cookies.set(i18n.COOKIE, "vi")
        again = await c.get(f"/people/{PERSON}?done=fee")
        assert again.text == vi.text  # Vietnamese, as before the choice


async def test_the_members_register_and_import_form_in_english() -> None:
    c, _csrf = signed_in("data_entry")
    async with c:
        c.cookies.set(i18n.COOKIE, "en")
        page = await c.get("/members?q=hoa")
        assert page.status_code == 200 and html_lang(page.text) == "en"
        for text in (
            "<h1>Members register</h1>",
            '<a class="button" href="/members/import">Import members from a file</a>',
            '<th scope="col">Full name</th><th scope="col">Birth date</th><th scope="col">Status</th>'
            '<th scope="col">Roles</th>',
            '<td data-label="Status">Active</td>',
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
        assert "<h1>Sổ hội viên</h1>" in page.text and '<td data-label="Trạng thái">Đang sinh hoạt</td>' in page.text
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


async def test_a_unit_page_in_english() -> None:
    c, _csrf = signed_in("viewer")
    async with c:
        vi = await c.get(f"/units/{UNIT}")
        assert vi.status_code == 200, vi.text
        for text in (
            '<h2 id="children-h">Đơn vị trực thuộc</h2>',
            "<dt>Cấp</dt><dd>Xã</dd>",
            "Đã sáp nhập từ 2026-02-01.",
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
            "<p>Merged on 2026-02-01.</p>",
        ):
            assert text in en.text, text
        assert leftover_vietnamese(en.text) == []
