"""The console's languages: which one a request gets, the formats of each, and pages rendered in English
(the explicit choice) or unchanged in Vietnamese (the default, or what the browser asks for)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from rc_console import i18n
from rc_console.domain.model import DATE_MESSAGE, ROLE_LABELS, User, offered_actions, problem_of, unit_change_label
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
