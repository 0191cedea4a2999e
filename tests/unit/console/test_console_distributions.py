"""A campaign's distributions in the console: the support kinds of the deployment (RC_SUPPORT_KINDS, the
donations service's catalogue) offered and named, each distribution's recipient named however many households
the campaign has, and a back-dated distribution's refusal said once, as the donations service means it (the
services answered by an in-process mock)."""

from __future__ import annotations

import json
import re
import time
import uuid
from datetime import date
from html import unescape
from typing import Any, Literal

import httpx
import pytest
from pydantic import ValidationError

from rc_console import i18n
from rc_console.adapters.session import COOKIE
from rc_console.domain import money as rules
from rc_console.domain.model import User, problem_of
from rc_console.entrypoints.app import build_app
from rc_console.settings import Settings
from rc_donations.domain.ledger import check_covered_from
from rc_shared.errors import Conflict
from rc_shared.http import problem
from rc_shared.support import DEFAULT_SUPPORT_KINDS
from tests.unit.console.test_console_i18n import (
    BENEFICIARY,
    CAMPAIGN,
    CAMPAIGN_DOC,
    DISTRIBUTION,
    RECEIPT,
    UNIT,
    _beneficiary,
    members_api,
    money_api,
    signed_in_money,
)

# an operator's catalogue: a built-in kind, one of their own, a built-in code under a label of their own
CATALOGUE = {"gift_package": "Suất quà", "rice_bag": "Bao gạo Tết", "house_repaired": "Sửa nhà đón Tết"}


def options(page: str, name: str) -> list[tuple[str, str]]:
    """The (value, text) of each option of the page's select ``name``."""
    found = re.search(rf'<select id="{name}"[^>]*>(.*?)</select>', page, flags=re.S)
    assert found, page
    return [(v, unescape(t).strip()) for v, t in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', found[1])]


def cell(page: str, row: str, marker: str) -> str:
    """The text of the cell marked ``marker`` (an attribute) in the table row ``row`` of the page."""
    start = page.index(f'data-distribution-id="{row}"')
    tr = page[start : page.index("</tr>", start)]
    found = re.search(rf"<td[^>]*{marker}[^>]*>(.*?)</td>", tr, flags=re.S)
    assert found, tr
    return unescape(re.sub(r"<[^>]+>", "", found[1])).strip()


def test_the_console_reads_the_deployments_support_kinds_as_donations_does(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().support_kinds == DEFAULT_SUPPORT_KINDS
    monkeypatch.setenv("RC_SUPPORT_KINDS", json.dumps(CATALOGUE))
    assert Settings().support_kinds == CATALOGUE
    for bad in ({}, {"Bao gạo": "Bao gạo"}, {"rice_bag": " "}):  # rc_shared.support.check_support_kinds's rules
        monkeypatch.setenv("RC_SUPPORT_KINDS", json.dumps(bad))
        with pytest.raises(ValidationError, match="support kind"):
            Settings()


async def test_the_distribution_form_offers_exactly_the_deployments_support_kinds() -> None:
    """A default kind keeps its translation; the operator's own kind, and a built-in code the operator named
    otherwise, show the operator's label (as the donations and reporting services have them)."""
    c, _ = signed_in_money("unit_manager", settings=Settings(session_secret="s" * 32, support_kinds=CATALOGUE))
    async with c:
        vi = await c.get(f"/campaigns/{CAMPAIGN}/distributions/new", follow_redirects=True)
        assert vi.status_code == 200, vi.text
        assert options(vi.text, "support_kind") == [
            ("", "— Không ghi —"), ("gift_package", "Suất quà"), ("rice_bag", "Bao gạo Tết"),
            ("house_repaired", "Sửa nhà đón Tết"),
        ]  # fmt: skip
        c.cookies.set(i18n.COOKIE, "en")
        en = await c.get(f"/campaigns/{CAMPAIGN}/distributions/new", follow_redirects=True)
        assert options(en.text, "support_kind") == [
            ("", "— Not given —"), ("gift_package", "Gift packages"), ("rice_bag", "Bao gạo Tết"),
            ("house_repaired", "Sửa nhà đón Tết"),
        ]  # fmt: skip
    c, _ = signed_in_money("unit_manager")  # no catalogue configured: the built-in one, as donations has it
    async with c:
        page = await c.get(f"/campaigns/{CAMPAIGN}/distributions/new", follow_redirects=True)
        assert [v for v, _t in options(page.text, "support_kind")] == ["", *DEFAULT_SUPPORT_KINDS]


async def test_a_distributions_support_kind_is_named_from_the_same_catalogue_and_an_old_code_by_itself() -> None:
    rice = DISTRIBUTION | {"id": str(uuid.uuid4()), "support_kind": "rice_bag", "quantity": 2}
    gone = DISTRIBUTION | {"id": str(uuid.uuid4()), "support_kind": "wheelchair", "quantity": 1}  # no longer offered

    def api(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == f"/campaigns/{CAMPAIGN}/distributions":
            return httpx.Response(200, json={"count": 2, "items": [rice, gone], "limit": 101, "offset": 0})
        for x in (rice, gone):
            if path == f"/distributions/{x['id']}":
                return httpx.Response(200, json=x)
        return money_api(request)

    c, _ = signed_in_money("unit_manager", api, Settings(session_secret="s" * 32, support_kinds=CATALOGUE))
    async with c:
        page = await c.get(f"/campaigns/{CAMPAIGN}")
        assert page.status_code == 200, page.text
        assert 'data-support-kind="rice_bag">Bao gạo Tết<' in page.text
        assert 'data-support-kind="wheelchair">wheelchair<' in page.text
        for x, label in ((rice, "Bao gạo Tết"), (gone, "wheelchair")):
            reversal = await c.get(f"/distributions/{x['id']}/reversal")
            assert reversal.status_code == 200, reversal.text
            assert f'<dt>Loại hỗ trợ</dt><dd data-support-kind="{x["support_kind"]}">{label}</dd>' in reversal.text


async def test_a_recipient_beyond_the_first_500_households_is_named_not_a_dash() -> None:
    """The page lists 500 of the campaign's beneficiaries; a distribution to the 551st is named all the same
    (read by its id, the campaigns API's one lookup by id), and only the recipients not listed are read so; one
    the user may not read (404) stays '–'."""
    households = [_beneficiary(f"Hộ {i:03d}") for i in range(600)]
    near, far, hidden = households[3], households[550], str(uuid.uuid4())
    handouts = [DISTRIBUTION | {"id": str(uuid.uuid4()), "beneficiary_id": b} for b in (near["id"], far["id"], hidden)]
    read_by_id: list[str] = []

    def api(request: httpx.Request) -> httpx.Response:
        path, params = request.url.path, request.url.params
        if path == "/beneficiaries" and params.get("campaign_id") == str(CAMPAIGN):
            limit, offset = int(params.get("limit", 100)), int(params.get("offset", 0))
            items = households[offset : offset + limit]
            return httpx.Response(200, json={"count": len(items), "items": items, "limit": limit, "offset": offset})
        if path.startswith("/beneficiaries/"):
            read_by_id.append(path.rsplit("/", 1)[1])
            for b in households:
                if path == f"/beneficiaries/{b['id']}":
                    full = {"sponsorships": [], "support_received": {"cash_vnd": 500_000, "goods_value_vnd": 0}}
                    return httpx.Response(200, json=b | full)
        if path == f"/campaigns/{CAMPAIGN}/distributions":
            return httpx.Response(200, json={"count": 3, "items": handouts, "limit": 101, "offset": 0})
        return money_api(request)

    c, _ = signed_in_money("unit_manager", api)
    async with c:
        page = await c.get(f"/campaigns/{CAMPAIGN}")
    assert page.status_code == 200, page.text
    assert "data-more-beneficiaries" in page.text  # (the page lists 500 of them)
    assert cell(page.text, handouts[0]["id"], "data-recipient") == "Hộ 003 · Xã A"
    assert cell(page.text, handouts[1]["id"], "data-recipient") == "Hộ 550 · Xã A"
    assert cell(page.text, handouts[2]["id"], "data-recipient") == "–"
    assert sorted(read_by_id) == sorted([far["id"], hidden])  # the listed one is not read again


def refusal(kind: Literal["cash", "goods"], requested: int, least: int, day: date) -> dict[str, Any]:
    """The donations service's 409 body for a distribution dated ``day`` it does not cover: its own rule
    (check_covered_from) rendered by the services' problem handler."""
    with pytest.raises(Conflict) as refused:
        check_covered_from(kind, requested, day, least)
    body: dict[str, Any] = json.loads(bytes(problem(409, refused.value.code, refused.value.message,
                                                    **refused.value.details).body))  # fmt: skip
    return body


ADVICE = "Hãy ghi nhận khoản đóng góp trước, hoặc ghi ngày phân phối vào hoặc sau ngày nhận khoản đó."


def test_a_distribution_dated_before_the_gifts_that_pay_for_it_is_refused_in_one_message() -> None:
    """Not 'only 0 ₫ undistributed' over a box saying 50,000,000 ₫ left, with the date field blaming the
    recipient's verification or the deadline: on that day the campaign held only so much."""
    body = refusal("cash", 5_000_000, -1_000_000, date(2026, 1, 10))
    assert body["field"] == "distributed_on" and body["available_vnd"] == 0  # (what the service says)
    said = problem_of(409, body)
    expected = (
        "Ngày 10/01/2026, cuộc vận động chỉ còn 0 ₫ tiền chưa phân phối (không tính tiền nhận sau ngày đó), không đủ"
        f" cho 5.000.000 ₫. {ADVICE}"
    )
    assert said.message == expected
    form = {"beneficiary_id": str(uuid.uuid4()), "distributed_on": "2026-01-10", "kind": "cash", "vnd": "5.000.000"}
    assert rules.distribution_fields(said.fields, form) == {"distributed_on": expected}
    goods = problem_of(409, refusal("goods", 2_000_000, 1_500_000, date(2026, 1, 12)))
    assert goods.message == (
        "Ngày 12/01/2026, cuộc vận động chỉ còn 1.500.000 ₫ hàng hoá chưa phân phối (theo giá trị, không tính hàng"
        f" nhận sau ngày đó), không đủ cho 2.000.000 ₫. {ADVICE}"
    )
    assert goods.fields == {"distributed_on": goods.message}
    with i18n.using("en"):
        assert problem_of(409, body).message == (
            "On 10 Jan 2026 the campaign held only ₫0 of undistributed money (not counting money received after"
            " that day): not enough for ₫5,000,000. Record the gift first, or date the distribution on or after"
            " the day it was received."
        )


async def test_the_distribution_form_says_a_back_dated_refusal_once_above_and_at_its_date() -> None:
    body = refusal("cash", 5_000_000, 0, date(2026, 1, 10))

    def api(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == f"/campaigns/{CAMPAIGN}/distributions":
            return httpx.Response(409, json=body)
        return money_api(request)

    c, csrf = signed_in_money("unit_manager", api)
    async with c:
        r = await c.post(f"/campaigns/{CAMPAIGN}/distributions/new", data={
            "csrf": csrf, "key": str(uuid.uuid4()), "beneficiary_id": str(uuid.uuid4()), "kind": "cash",
            "vnd": "5.000.000", "distributed_on": "2026-01-10"})  # fmt: skip
    assert r.status_code == 409, r.text
    alert = re.search(r'<p class="alert" role="alert">([^<]*)</p>', r.text)
    error = re.search(r'<p class="error" id="distributed_on-error">([^<]*)</p>', r.text)
    assert alert and error, r.text
    said = unescape(alert[1])
    assert said.startswith("Ngày 10/01/2026, cuộc vận động chỉ còn 0 ₫") and said.endswith(ADVICE)
    assert unescape(error[1]) == said
    assert "xác minh người nhận" not in r.text  # not the verification or the deadline: neither was the reason


@pytest.mark.parametrize("failure", ["timeout", 503, 504])
@pytest.mark.parametrize(
    ("form", "service_path", "data"),
    [
        ("/donations", "/donations", {"amount_vnd": "500.000", "received_on": "2026-01-10", "channel": "cash",
                                      "donor_type": "anonymous"}),
        ("/donations/new/in-kind", "/donations", {"received_on": "2026-01-10", "description": "Gạo tẻ 10 kg"}),
        ("/distributions/new", "/distributions", {"beneficiary_id": BENEFICIARY["id"], "kind": "cash",
                                                  "vnd": "500.000", "distributed_on": "2026-01-10"}),
    ],
)  # fmt: skip
async def test_a_keyed_write_left_unanswered_gives_the_form_back_as_sent_with_its_key(
    form: str, service_path: str, data: dict[str, str], failure: str | int
) -> None:
    """On a weak connection the service's answer did not come in time (the write may have been made): the form,
    not an error page, comes back with what was typed and the same key, so that sending it again records once."""
    sent: list[str] = []

    def api(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == f"/campaigns/{CAMPAIGN}{service_path}":
            sent.append(request.headers["idempotency-key"])
            if failure == "timeout":
                raise httpx.ReadTimeout("no answer in time", request=request)
            return httpx.Response(int(failure), json={"status": failure, "error": "overloaded", "message": "busy"})
        return money_api(request)

    key = str(uuid.uuid4())
    c, csrf = signed_in_money("unit_manager", api)
    async with c:
        r = await c.post(f"/campaigns/{CAMPAIGN}{form}", data={"csrf": csrf, "key": key, **data})
    assert sent == [key]
    assert r.status_code == (503 if failure == "timeout" else failure), r.text
    assert f'name="key" value="{key}"' in r.text  # the same key: sent again, the service answers the first
    page = unescape(r.text)
    assert "chưa biết khoản này đã được ghi hay chưa" in page and "bấm gửi lại là an toàn" in page
    for value in data.values():
        assert value in page, value  # what was typed, kept


@pytest.mark.parametrize("form", ["/donations/new", "/donations/new/in-kind", "/distributions/new?q=Ba"])
async def test_a_new_forms_key_is_in_its_url_so_the_back_button_brings_the_same_key(form: str) -> None:
    """The key was drawn at each render: a send whose answer never came, then the back button (the page fetched
    again, never from a cache), drew a new key, and the same gift sent again was recorded twice."""
    c, _csrf = signed_in_money("unit_manager")
    async with c:
        first = await c.get(f"/campaigns/{CAMPAIGN}{form}")
        assert first.status_code == 303, first.text
        where = httpx.URL(first.headers["location"])
        assert where.path == f"/campaigns/{CAMPAIGN}{form.split('?')[0]}" and where.host == ""  # on this site
        key = str(uuid.UUID(where.params["key"]))
        if "?q=" in form:
            assert where.params["q"] == "Ba"  # the search kept
        for _again in range(2):  # the page, and the same page fetched again from the history
            page = await c.get(str(where))
            assert page.status_code == 200, page.text
            assert f'name="key" value="{key}"' in page.text
        bad = await c.get(f"/campaigns/{CAMPAIGN}{form.split('?')[0]}", params={"key": "not-a-key"})
        assert bad.status_code == 303 and httpx.URL(bad.headers["location"]).params["key"] != "not-a-key"


async def test_a_form_given_back_to_correct_moves_the_sessions_idle_timeout_on() -> None:
    """Correcting a refused form is work: a 422 did not move the idle timeout on, so a long correction could
    outlast it and the corrected form was then lost to the login page."""
    app = build_app(Settings(session_secret="s" * 32, session_idle_s=600))
    for service in ("campaigns", "donations", "reporting"):
        app.state.upstreams._transports[service] = httpx.MockTransport(money_api)
    app.state.upstreams._transports["members"] = httpx.MockTransport(members_api)
    codec = app.state.sessions
    aged = codec.new(User(subject="hoa-test", role="unit_manager", unit_id=UNIT, token="t"), now=time.time() - 300)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console") as c:
        c.cookies.set(COOKIE, codec.dump(aged))
        r = await c.post(f"/campaigns/{CAMPAIGN}/distributions/new", data={"csrf": aged.csrf, "key": "not-a-key"})
        assert r.status_code == 422, r.text
        fresh = codec.load(r.cookies[COOKIE])
        assert fresh is not None and time.time() - fresh.seen < 60  # the 300 s of idleness forgotten


async def test_a_token_ended_under_a_sent_form_signs_in_again_back_to_the_forms_page() -> None:
    """A service's 401 for a form sent sent the user to sign in with the form's action as the next page: a
    POST-only address, a 404 once signed in."""

    def api(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith(f"/campaigns/{CAMPAIGN}/distributions"):
            return httpx.Response(401, json={  # the services' problem, as they give it
                "type": "/problems/unauthorized", "title": "Unauthorized", "status": 401, "error": "unauthorized",
                "detail": "token expired", "message": "token expired", "correlation_id": "c-1",
            })  # fmt: skip
        return money_api(request)

    key = str(uuid.uuid4())
    form = f"/campaigns/{CAMPAIGN}/distributions/new?key={key}"
    c, csrf = signed_in_money("unit_manager", api)
    async with c:
        r = await c.post(
            f"/campaigns/{CAMPAIGN}/distributions/new",
            data={"csrf": csrf, "key": key, "beneficiary_id": BENEFICIARY["id"], "kind": "cash", "vnd": "1.000"},
            headers={"referer": f"http://console{form}"},
        )
        assert r.status_code == 303, r.text
        where = httpx.URL(r.headers["location"])
        assert where.path == "/login" and where.params["next"] == form and where.params["expired"] == "1"
        r = await c.get(f"/campaigns/{CAMPAIGN}")  # a page read: back to that page
        assert r.status_code == 303 and httpx.URL(r.headers["location"]).params["next"] == f"/campaigns/{CAMPAIGN}"


async def test_the_blood_donors_identity_number_opens_the_number_keyboard_on_a_phone() -> None:
    c, _csrf = signed_in_money("data_entry")
    async with c:
        r = await c.get(f"/campaigns/{CAMPAIGN}/donations/new/blood", follow_redirects=True)
    assert r.status_code == 200, r.text
    (field,) = re.findall(r'<input id="donor_id_number"[^>]*>', r.text)
    assert 'inputmode="numeric"' in field and 'type="tel"' in re.findall(r'<input id="donor_phone"[^>]*>', r.text)[0]


async def test_a_recorded_distribution_gives_the_form_back_for_the_next_household_with_what_is_common() -> None:
    """At a handover, one household after another: after each, the form came back empty on the campaign's whole
    page (oldest first: the one just recorded out of sight past a hundred). It now says who was recorded and keeps
    the fields the next household shares, never who, under a new key."""
    posted: list[dict[str, Any]] = []

    def api(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == f"/campaigns/{CAMPAIGN}/distributions":
            posted.append(json.loads(request.content))
            return httpx.Response(201, json={"id": str(uuid.uuid4())})
        if request.url.path == f"/campaigns/{CAMPAIGN}/distributions":  # what was posted, as the service lists it
            who = request.url.params.get("beneficiary_id")
            items = [_handout(p["distributed_on"]) for p in posted if p["beneficiary_id"] == who]
            return httpx.Response(200, json={"count": len(items), "items": items, "limit": 1000, "offset": 0})
        return money_api(request)

    key = str(uuid.uuid4())
    common = {"kind": "cash", "vnd": "500.000", "distributed_on": "2026-01-20", "decision_no": "12/QĐ",
              "description": "Quà Tết", "support_level": "Mức 1", "support_kind": "gift_package",
              "quantity": "1"}  # fmt: skip
    c, csrf = signed_in_money("unit_manager", api)
    async with c:
        r = await c.post(f"/campaigns/{CAMPAIGN}/distributions/new",
                         data={"csrf": csrf, "key": key, "beneficiary_id": BENEFICIARY["id"], **common})  # fmt: skip
        assert r.status_code == 303 and len(posted) == 1, r.text
        where = httpx.URL(r.headers["location"])
        assert where.path == f"/campaigns/{CAMPAIGN}/distributions/new"
        assert where.params["done"] == BENEFICIARY["id"] and where.params["key"] != key  # a new key for the next
        assert "beneficiary_id" not in where.params and "Nguyễn" not in str(where)  # who: never carried
        page = await c.get(str(where))
    assert page.status_code == 200, page.text
    text = unescape(page.text)
    (notice,) = re.findall(r'<p class="notice" role="status" data-recorded="[^"]*">(.*?)</p>', text, flags=re.S)
    assert "Đã ghi nhận phân phối cho Nguyễn Văn Ba." in notice and "#distributions-h" in notice
    assert f'name="key" value="{where.params["key"]}"' in page.text
    for name in ("vnd", "decision_no", "support_level", "quantity"):
        assert re.search(rf'name="{name}"[^>]*value="{re.escape(common[name])}"', text), name
    assert "Quà Tết</textarea>" in text
    assert options(page.text, "beneficiary_id")[0] == ("", "— Chọn —")
    assert not re.search(r"<option [^>]*selected[^>]*>Nguyễn Văn Ba", text)  # the next household is chosen anew


async def test_pages_go_compressed_to_a_browser_that_asks() -> None:
    """A phone on 3G fetched the distribution form's 705 KB (its recipients) uncompressed: neither the console
    nor the documented ingress compressed pages."""
    c, _csrf = signed_in_money("unit_manager")
    async with c:
        plain = await c.get(f"/campaigns/{CAMPAIGN}", headers={"accept-encoding": "identity"})
        packed = await c.get(f"/campaigns/{CAMPAIGN}", headers={"accept-encoding": "gzip"})
    assert plain.status_code == packed.status_code == 200
    assert "content-encoding" not in plain.headers and packed.headers["content-encoding"] == "gzip"
    assert packed.text == plain.text  # the same page (httpx inflates it)
    assert int(packed.headers["content-length"]) < len(plain.content) / 3


async def test_a_form_sent_again_from_the_history_says_so_and_never_records_silently_nothing() -> None:
    """The key rides in the form's URL, so the back button brings it back: the same gift sent again was answered
    with the first receipt as if new (an identical next gift silently not recorded), and other values under the
    used key were refused for ever. Now the receipt says it was recorded before, and a used key gets a new one."""
    replies: list[int] = []

    def api(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.startswith(f"/campaigns/{CAMPAIGN}/"):
            status = replies.pop(0)
            if status == 422:
                return httpx.Response(422, json={  # the donations service's answer to a key used for another body
                    "type": "/problems/invalid", "title": "Invalid", "status": 422, "error": "invalid",
                    "field": "Idempotency-Key", "correlation_id": "c-1",
                    "message": "Idempotency-Key 'k' was already used for a different request; use a new key",
                    "detail": "Idempotency-Key 'k' was already used for a different request; use a new key",
                })  # fmt: skip
            return httpx.Response(status, json={"id": RECEIPT["donation_id"]})
        return money_api(request)

    key = str(uuid.uuid4())
    gift = {"amount_vnd": "50.000", "received_on": "2026-01-10", "channel": "cash", "donor_type": "anonymous"}
    c, csrf = signed_in_money("data_entry", api)
    async with c:
        replies.extend([201, 200])
        first = await c.post(f"/campaigns/{CAMPAIGN}/donations", data={"csrf": csrf, "key": key, **gift})
        assert first.status_code == 303 and "again" not in first.headers["location"]
        again = await c.post(f"/campaigns/{CAMPAIGN}/donations", data={"csrf": csrf, "key": key, **gift})
        assert again.status_code == 303 and again.headers["location"].endswith("?again=1")
        receipt = await c.get(again.headers["location"])
        assert receipt.status_code == 200 and "không có khoản nào được ghi thêm" in unescape(receipt.text)
        assert "data-again" not in (await c.get(first.headers["location"])).text
        replies.append(422)  # other values under the used key
        other = await c.post(f"/campaigns/{CAMPAIGN}/donations",
                             data={"csrf": csrf, "key": key, **gift, "amount_vnd": "70.000"})  # fmt: skip
        assert other.status_code == 409, other.text
        assert "Nó vừa được cấp mã mới" in unescape(other.text) and "70.000" in other.text
        (fresh,) = re.findall(r'name="key" value="([^"]+)"', other.text)
        assert fresh != key and uuid.UUID(fresh)
        replies.append(200)  # a distribution sent again: said so on the form that comes back
        r = await c.post(f"/campaigns/{CAMPAIGN}/distributions/new", data={
            "csrf": csrf, "key": key, "beneficiary_id": BENEFICIARY["id"], "kind": "cash", "vnd": "1.000"})  # fmt: skip
    assert r.status_code == 303 and httpx.URL(r.headers["location"]).params["again"] == "1"


async def test_a_recipient_search_keeps_the_fields_carried_for_the_next_household() -> None:
    c, _csrf = signed_in_money("unit_manager")
    async with c:
        page = await c.get(
            f"/campaigns/{CAMPAIGN}/distributions/new",
            params={"vnd": "500.000", "decision_no": "12/QĐ", "done": BENEFICIARY["id"], "key": str(uuid.uuid4())},
        )
    search = re.search(r'<form method="get"[^>]*role="search">(.*?)</form>', page.text, flags=re.S)
    assert search, page.text
    assert 'name="vnd" value="500.000"' in search[1] and 'name="decision_no" value="12/QĐ"' in search[1]


def _handout(on: str, reversed_: bool = False, **extra: Any) -> dict[str, Any]:
    """A distribution to BENEFICIARY as the donations API lists it."""
    return DISTRIBUTION | {"id": str(uuid.uuid4()), "beneficiary_id": BENEFICIARY["id"], "distributed_on": on,
                           "reversed": reversed_} | extra  # fmt: skip


def test_a_second_handout_is_one_not_reversed_or_in_a_monthly_campaign_one_of_the_same_month() -> None:
    class Row:
        def __init__(self, on: str, reversed_: bool = False) -> None:
            self.distributed_on, self.reversed_ = date.fromisoformat(on), reversed_

    jan, jan_void, feb = Row("2026-01-20"), Row("2026-01-05", reversed_=True), Row("2026-02-03")
    assert rules.earlier_handouts([jan, jan_void, feb], "tet_nhan_ai", "2026-03-01") == [jan, feb]
    assert rules.earlier_handouts([jan, jan_void, feb], "tet_nhan_ai", "not a day") == [jan, feb]
    assert rules.earlier_handouts([jan_void], "emergency_relief", "2026-01-20") == []  # a correction: none
    # a humanitarian address is supported each month: only the same month's counts, and never a reversed one
    assert rules.earlier_handouts([jan, jan_void, feb], "humanitarian_address", "2026-01-31") == [jan]
    assert rules.earlier_handouts([jan, jan_void, feb], "humanitarian_address", "2026-03-01") == []
    assert rules.earlier_handouts([jan, feb], "humanitarian_address", "2027-01-20") == []  # a year later
    assert rules.earlier_handouts([jan, feb], "humanitarian_address", "20/01/2026") == []  # refused by the service


@pytest.mark.parametrize(
    ("campaign_type", "earlier", "on", "asked"),
    [
        ("tet_nhan_ai", ["2026-01-20"], "2026-01-25", True),
        ("tet_nhan_ai", [], "2026-01-25", False),
        ("humanitarian_address", ["2026-01-20"], "2026-01-25", True),
        ("humanitarian_address", ["2026-01-20"], "2026-02-20", False),
    ],
)
async def test_a_household_given_before_in_the_campaign_is_said_and_recorded_again_only_once_confirmed(
    campaign_type: str, earlier: list[str], on: str, asked: bool
) -> None:
    """At a handover of hundreds of households nothing said that one had already been given its share in this
    campaign (the Tết officer's review): the form now lists what it was given and records a second handout only
    when the user confirms it for that household; a humanitarian address, supported month by month, is asked
    only for a second one in the same month."""
    posted: list[dict[str, Any]] = []
    asked_for: list[str | None] = []
    given = [_handout(day) for day in earlier] + [_handout("2026-01-02", reversed_=True)]  # a reversed one: none

    def api(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == f"/campaigns/{CAMPAIGN}":
            return httpx.Response(200, json=CAMPAIGN_DOC | {"campaign_type": campaign_type, "state": "launched"})
        if path == f"/campaigns/{CAMPAIGN}/distributions" and request.method == "GET":
            asked_for.append(request.url.params.get("beneficiary_id"))
            items = [d for d in given if request.url.params.get("beneficiary_id") == d["beneficiary_id"]]
            return httpx.Response(200, json={"count": len(items), "items": items, "limit": 1000, "offset": 0})
        if path == f"/campaigns/{CAMPAIGN}/distributions":
            posted.append(json.loads(request.content))
            return httpx.Response(201, json={"id": str(uuid.uuid4())})
        return money_api(request)

    form = {"key": str(uuid.uuid4()), "beneficiary_id": BENEFICIARY["id"], "kind": "cash", "vnd": "500.000",
            "distributed_on": on, "decision_no": "12/QĐ"}  # fmt: skip
    c, csrf = signed_in_money("unit_manager", api)
    async with c:
        r = await c.post(f"/campaigns/{CAMPAIGN}/distributions/new", data={"csrf": csrf, **form})
        assert asked_for == [BENEFICIARY["id"]]  # that household's distributions in this campaign
        if not asked:
            assert r.status_code == 303 and len(posted) == 1, r.text
            return
        assert r.status_code == 409 and posted == [], r.text
        text = unescape(r.text)
        (listed,) = re.findall(r"<div class=\"alert\" role=\"alert\" data-earlier>(.*?)</div>", text, flags=re.S)
        assert [d["id"] for d in given if not d["reversed"]] == re.findall(r'data-earlier-handout="([^"]+)"', listed)
        assert "20/01/2026 · Tiền · 500.000" in listed  # (its day, kind and amount as the campaign page says them)
        assert re.search(r'<option value="{}" selected>'.format(BENEFICIARY["id"]), text)  # the form as sent
        assert f'name="repeat_of" value="{BENEFICIARY["id"]}"' in text and "Vẫn ghi nhận thêm" in text
        # a confirmation for another household confirms nothing for this one
        r = await c.post(f"/campaigns/{CAMPAIGN}/distributions/new",
                         data={"csrf": csrf, **form, "repeat_of": str(uuid.uuid4())})  # fmt: skip
        assert r.status_code == 409 and posted == [], r.text
        r = await c.post(f"/campaigns/{CAMPAIGN}/distributions/new",
                         data={"csrf": csrf, **form, "repeat_of": BENEFICIARY["id"]})  # fmt: skip
    assert r.status_code == 303 and len(posted) == 1, r.text
    assert "repeat_of" not in posted[0] and posted[0]["beneficiary_id"] == BENEFICIARY["id"]
    assert "repeat_of" not in httpx.URL(r.headers["location"]).params  # the next household is asked anew


async def test_the_second_handout_check_never_stops_a_distribution_when_its_list_cannot_be_read() -> None:
    """The check is advice: the donations service's list refused (an older service without ``beneficiary_id``
    answers the whole campaign's, a 503 answers nothing) records the distribution as before, once."""
    posted: list[dict[str, Any]] = []

    def api(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/campaigns/{CAMPAIGN}/distributions" and request.method == "GET":
            return httpx.Response(503, headers={"Retry-After": "1"}, json={
                "type": "/problems/unavailable", "title": "Unavailable", "status": 503, "error": "unavailable",
                "detail": "busy", "message": "busy", "correlation_id": "c-1",
            })  # fmt: skip
        if request.url.path == f"/campaigns/{CAMPAIGN}/distributions":
            posted.append(json.loads(request.content))
            return httpx.Response(201, json={"id": str(uuid.uuid4())})
        return money_api(request)

    c, csrf = signed_in_money("unit_manager", api)
    async with c:
        r = await c.post(f"/campaigns/{CAMPAIGN}/distributions/new",
                         data={"csrf": csrf, "key": str(uuid.uuid4()), "beneficiary_id": BENEFICIARY["id"],
                               "kind": "cash", "vnd": "500.000", "distributed_on": "2026-01-20"})  # fmt: skip
    assert r.status_code == 303 and len(posted) == 1, r.text


@pytest.mark.parametrize("listed", ["none", "reversed", "unreadable"])
async def test_a_link_saying_done_names_no_one_who_was_not_given_anything(listed: str) -> None:
    """The form said "recorded for <name>" of whoever a link's ``?done=`` named: a link sent to a volunteer could
    have a household passed over as served. It now names only a recipient with a distribution of this campaign
    not reversed; when that list cannot be read it says a distribution was recorded, naming no one."""

    def api(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/campaigns/{CAMPAIGN}/distributions":
            if listed == "unreadable":
                return httpx.Response(503, headers={"Retry-After": "1"}, json={
                    "type": "/problems/unavailable", "title": "Unavailable", "status": 503, "error": "unavailable",
                    "detail": "busy", "message": "busy", "correlation_id": "c-1",
                })  # fmt: skip
            items = [_handout("2026-01-20", reversed_=True)] if listed == "reversed" else []
            return httpx.Response(200, json={"count": len(items), "items": items, "limit": 1000, "offset": 0})
        return money_api(request)

    c, _csrf = signed_in_money("unit_manager", api)
    async with c:
        page = await c.get(f"/campaigns/{CAMPAIGN}/distributions/new",
                           params={"done": BENEFICIARY["id"], "key": str(uuid.uuid4())})  # fmt: skip
    assert page.status_code == 200, page.text
    text = unescape(page.text)
    assert "Nguyễn Văn Ba." not in text and "Đã ghi nhận phân phối cho" not in text
    notices = re.findall(r'<p class="notice" role="status" data-recorded="[^"]*">(.*?)</p>', text, flags=re.S)
    assert [n.split(".")[0] for n in notices] == (["Đã ghi nhận phân phối"] if listed == "unreadable" else [])
