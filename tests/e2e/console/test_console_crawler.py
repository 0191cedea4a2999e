"""A crawler over the staff console: every form of every page, sent with bad values.

Signed in as a commune's unit manager (the role offered the most forms), the crawler follows every
link of the console from the dashboard (a few pages per route shape), and, signed out, reads the login
page. Every form it finds is sent as the browser would send it (its own fields, urlencoded, with the
session's cookies): once with every field set to each bad value (empty, 10,000 characters, wrong
types, impossible dates, negative and huge amounts, Unicode oddities, HTML and script), then one field
at a time with the others as the page rendered them. Hidden fields (the CSRF token, the login's
``next``) are bad values too.

For every answer: never a 5xx; a refusal (4xx) shows a message in Vietnamese on the page; a value is
never echoed unescaped; no Python object's repr is printed; a redirect stays on the site. A form sent
with every field bad is refused, and nothing the services hold changes (campaigns, units, members'
counts, read back through their APIs). A form that edits a record in place (``data-prefilled``: a
person's personal details, rendered with them) may take one changed field whose value is a valid one (a
name written "hai triệu"): the crawler then opens the form again and sends back the values first rendered
(with the page's hidden fields as it renders them now: a form that sends only what was changed from what it
showed carries what it shows), which must put the record back, so that nothing has changed at the end.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections import Counter
from collections.abc import Awaitable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from html import unescape
from typing import Any

import httpx
import pytest
from playwright.async_api import APIResponse, Browser, BrowserContext, Page

from tests.e2e.conftest import System, start_system
from tests.e2e.console.conftest import DESKTOP, PYTHON_REPR, TODAY, launch_with_ledger, login, new_campaign
from tests.e2e.harness import ServiceProcess, auth, stop_all
from tests.integration.shared.helpers import eventually

SCRIPT = "<script>alert('rc')</script>"
BAD_VALUES: dict[str, str] = {
    "empty": "",
    "blank": "   ",
    "too_long": "x" * 10_000,
    "too_long_unicode": "Ữ" * 10_000,
    "word_for_number": "hai triệu",
    "negative": "-5000",
    "huge_number": "9" * 40,
    "float_exponent": "1e309",
    "superscript_digits": "²³",
    "fullwidth_digits": "１２３",
    "bad_date": "2026-02-30",
    "date_other_order": "31/12/2026",
    "not_a_uuid": "1234-not-a-uuid",
    "nul_byte": "a\x00b",
    "control_chars": "\x01\x1b[31m\x7f",
    "rtl_override_zero_width": "\u202etxt.exe\u200b\ufeff",
    "combining_marks": "e" + "\u0301" * 500,
    "emoji": "🩸🧧✚",
    "json": '{"$where": [1, null]}',
    "html_script": SCRIPT,
    "html_attribute": '"><img src=x onerror=alert(1)>',
    "sql": "' OR 1=1; DROP TABLE campaigns; --",
}
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]", re.IGNORECASE)
# field by field (the others as rendered), the values most likely to slip through one field's checks
ONE_FIELD = ("empty", "too_long", "word_for_number", "negative", "superscript_digits", "bad_date", "nul_byte",
             "rtl_override_zero_width", "html_script")  # fmt: skip


def typed(name: str) -> bool:
    """A field whose values are not any text (a date, an amount, a number, a phone, a choice)."""
    return name.endswith(("_on", "_date", "_vnd", "_size", "_id")) or name in ("phone", "gender", "quantity", "units")


MESSAGE = re.compile(r'<(?:p|div)[^>]*(?:class="(?:error|alert)"|role="alert")[^>]*>(.*?)</(?:p|div)>', re.DOTALL)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PAGES_PER_ROUTE = 4  # the campaign pages: a draft, one under way, a closed one, a blood drive
# uvicorn's HTTP parser (h11) may refuse a request head over 16 KiB (h11_max_incomplete_event_size: when it
# arrives in pieces) with a bare 400, before the console runs: a GET form whose 10,000-character fields make
# a URL that long (a browser cannot send it: the fields' maxlength and types)
SERVER_URL_LIMIT = 16 * 1024
DOWNLOAD = re.compile(r"\.(csv|xlsx)(\?|$)")
# The fields a form marks required, by the service's schema of the request it sends (what a person must fill
# in, or the service refuses the form): the schemas' `required` (docs/openapi), by the form's field names (a
# nested consent's purpose and day). A field required only in some cases (a distribution's amount, for cash)
# is not marked.
REQUIRED = {
    "/campaigns": {"code", "name", "campaign_type", "organising_unit_id", "receiving_from", "receiving_until"},
    "/campaigns/{id}/edit": {"code", "name", "campaign_type", "organising_unit_id", "receiving_from",
                             "receiving_until"},
    "/campaigns/{id}/beneficiaries/new": {"kind", "unit_id", "full_name", "address", "commune", "consent_purpose",
                                          "consent_given_on"},
    "/campaigns/{id}/blood-sessions/new": {"held_on", "place", "capacity"},
    "/campaigns/{id}/distributions/new": {"beneficiary_id", "kind", "distributed_on"},
    "/members/new": {"full_name", "consent_purpose", "consent_given_on"},
    "/campaigns/{id}/donations": {"amount_vnd", "received_on", "channel"},
    "/campaigns/{id}/donations/new/in-kind": {"received_on"},
    "/campaigns/{id}/donations/new/blood": {"received_on", "units", "blood_kind"},
    "/members/import": {"file"},  # the file to import (the only field of these two forms)
    "/campaigns/{id}/statement": {"file"},
}  # fmt: skip
MAX_PAGES = 60
AT_ONCE = 4  # a form's requests in flight together (the console and the services answer them side by side)


@pytest.fixture(scope="module")
def system(
    infra: Any,
    tmp_path_factory: pytest.TempPathFactory,
    consoles: dict[tuple[tuple[str, str], ...], ServiceProcess],
) -> Iterator[System]:
    """The crawler's own four services, not the package's shared system: after every form the crawler
    reads back everything the services hold (:func:`fingerprint`), and on the shared system that is
    every other module's records too (the authorization tables' trees, the journeys' campaigns, people
    and beneficiaries: one to three seconds a reading, some forty readings). Here only this module
    writes, so each reading is short and still covers all the services hold (everyone, not the
    register's first 200 people). Its console stops with it."""
    own = start_system(infra, tmp_path_factory.mktemp("crawler-logs"))
    try:
        yield own
    finally:
        mine = [consoles.pop(k) for k in [k for k in consoles if ("system", own.namespace) in k]]
        stop_all([*mine, *own.services.values()])


@dataclass(frozen=True)
class Form:
    page: str  # the URL of the page the form is on
    method: str
    action: str
    fields: tuple[tuple[str, str, str], ...]  # (name, kind: hidden | visible, value as rendered)
    prefilled: bool = False  # it edits a record in place: its fields are rendered with the record's values
    required: frozenset[str] = frozenset()  # the fields it marks required (`required`, and a * in the label)


async def forms_of(page: Page) -> list[Form]:
    """Every form of the page as the DOM has it (its fields with their current values)."""
    found: list[dict[str, Any]] = await page.evaluate(
        """() => [...document.forms].map(f => ({
            method: (f.getAttribute('method') || 'get').toLowerCase(),
            // (its fragment dropped, as a browser sends it: #fee-h only scrolls the answer to the form)
            action: (u => (u.hash = '', u.href))(new URL(f.getAttribute('action') || location.href, location.href)),
            prefilled: f.hasAttribute('data-prefilled'),
            required: [...f.elements].filter(e => e.name && e.required).map(e => e.name),
            // (an unticked box is not sent by a browser: as rendered, its value is empty)
            fields: [...f.elements].filter(e => e.name && !e.disabled && e.type !== 'submit').map(e => [
                e.name, e.type === 'hidden' ? 'hidden' : 'visible',
                ['checkbox', 'radio'].includes(e.type) && !e.checked ? '' : e.value])
        }))"""
    )
    return [
        Form(
            page.url,
            f["method"],
            f["action"],
            tuple((n, k, v) for n, k, v in f["fields"]),
            f["prefilled"],
            frozenset(f["required"]),
        )
        for f in found
    ]


def route_of(url: str) -> str:
    return UUID.sub("{id}", url.split("?")[0])


async def crawl(page: Page, base: str) -> tuple[list[str], list[Form]]:
    """The console's pages reachable by links from the dashboard (a few per route shape), and the
    forms of those pages in the order they were found (read while the page is open: a page is
    loaded once)."""
    seen: set[str] = set()
    per_route: Counter[str] = Counter()
    queue = [f"{base}/"]
    pages: list[str] = []
    forms: list[Form] = []
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen or per_route[route_of(url)] >= PAGES_PER_ROUTE:
            continue
        seen.add(url)
        if DOWNLOAD.search(url):  # a file, not a page: it answers, and is not crawled
            download = await page.request.get(url)
            assert download.status < 500, f"GET {url}: {download.status}"
            per_route[route_of(url)] += 1
            continue
        answer = await page.goto(url)
        assert answer is not None and answer.status < 500, f"GET {url}: {answer and answer.status}"
        if not page.url.startswith(base) or page.url.startswith(f"{base}/login"):
            continue
        per_route[route_of(url)] += 1
        pages.append(url)
        forms += await forms_of(page)
        links: list[str] = await page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        for link in links:
            link = link.split("#")[0]
            if link.startswith(base) and "/static/" not in link and link not in seen:
                queue.append(link)
    return pages, forms


def fingerprint_of(
    campaigns: dict[str, Any],
    units: dict[str, Any],
    stats: dict[str, Any],
    gifts: dict[str, int] | None = None,
    people: list[dict[str, Any]] | None = None,
    operations: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "people": sorted(people or [], key=lambda p: str(p["id"])),
        "gifts": gifts or {},
        "operations": operations or {},
        "campaigns": sorted((c["id"], c["code"], c["name"], c["state"], c["description"]) for c in campaigns["items"]),
        "units": units["count"],
        "stats": stats,
    }


async def fingerprint(system: System) -> dict[str, Any]:
    """What the services hold that a console form could change, read through their APIs as an admin
    (the reads of one record each sent together: the four services answer them side by side)."""
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:
        campaigns = (await client.get(f"{system.url('campaigns')}/campaigns", params={"limit": 10_000})).json()
        units = (await client.get(f"{system.url('members')}/units", params={"limit": 1})).json()
        stats = (await client.get(f"{system.url('members')}/stats")).json()
        answers = await gather(
            client.get(f"{system.url('donations')}/campaigns/{c['id']}/donations", params={"limit": 10_000})
            for c in campaigns["items"]
        )
        gifts = {
            c["id"]: r.json()["count"] if r.status_code == 200 else -r.status_code
            for c, r in zip(campaigns["items"], answers, strict=True)
        }
        # everyone the register lists (the crawl's person pages): their personal data, memberships,
        # fees, roles, consents and hours, as the members API returns them
        listed = (await client.get(f"{system.url('members')}/people", params={"limit": 200})).json()
        answers = await gather(client.get(f"{system.url('members')}/people/{p['id']}") for p in listed["items"])
        people = [r.json() for r in answers]
        operations = await operations_of(client, system, campaigns["items"])
    return fingerprint_of(campaigns, units, stats, gifts, people, operations)


async def gather(requests: Iterable[Awaitable[httpx.Response]], at_once: int = 8) -> list[httpx.Response]:
    """The answers to ``requests`` in their order, at most ``at_once`` of them in flight."""
    slots = asyncio.Semaphore(at_once)

    async def one(request: Awaitable[httpx.Response]) -> httpx.Response:
        async with slots:
            return await request

    return list(await asyncio.gather(*(one(r) for r in requests)))


async def operations_of(client: httpx.AsyncClient, system: System, campaigns: list[dict[str, Any]]) -> dict[str, Any]:
    """The beneficiaries (with their verification and sponsorships), blood sessions (with their
    registrations) and distributions (with their reversals) of the campaign operations' forms."""
    listed = (await client.get(f"{system.url('campaigns')}/beneficiaries", params={"limit": 10_000})).json()
    beneficiaries = [
        r.json()
        for r in await gather(client.get(f"{system.url('campaigns')}/beneficiaries/{b['id']}") for b in listed["items"])
    ]
    blood = await gather(client.get(f"{system.url('campaigns')}/campaigns/{c['id']}/blood-sessions") for c in campaigns)
    given = await gather(
        client.get(f"{system.url('donations')}/campaigns/{c['id']}/distributions", params={"limit": 10_000})
        for c in campaigns
    )
    sessions, distributions = {}, {}
    for c, r, d in zip(campaigns, blood, given, strict=True):
        sessions[c["id"]] = sorted((s["id"], s["held_on"], s["registered"]) for s in r.json().get("items", []))
        distributions[c["id"]] = (
            sorted((x["id"], x["reversed"]) for x in d.json()["items"]) if d.status_code == 200 else d.status_code
        )
    return {
        "beneficiaries": sorted(beneficiaries, key=lambda b: str(b["id"])),
        "sessions": sessions,
        "distributions": distributions,
    }


def message_on(html: str) -> str:
    """The error messages the page shows (text of .error, .alert and role=alert elements)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", m)).strip() for m in MESSAGE.findall(html))


async def send(context: BrowserContext, form: Form, fields: dict[str, str]) -> APIResponse:
    values: dict[str, str | float | bool] = dict(fields)
    if form.method == "get":
        return await context.request.get(form.action, params=values, max_redirects=0)
    return await context.request.post(form.action, form=values, max_redirects=0)


async def check(context: BrowserContext, form: Form, values: dict[str, str], base: str, label: str) -> int:
    """Send ``values``; the answer is never a 5xx, a refusal says why in Vietnamese, nothing leaks."""
    answer = await send(context, form, values)
    where = f"{form.method.upper()} {form.action} [{label}]"
    body = await answer.text()
    assert answer.status < 500, f"{where}: {answer.status}\n{body[:2000]}"
    assert SCRIPT not in body and "<img src=x" not in body, f"{where}: a value is echoed unescaped"
    assert not PYTHON_REPR.search(unescape(body)), (
        f"{where}: a Python repr on the page: {PYTHON_REPR.search(unescape(body))}"
    )
    if 300 <= answer.status < 400:
        location = answer.headers.get("location", "")
        assert (location.startswith("/") and not location.startswith("//")) or location.startswith(base), (
            f"{where}: redirects off the site to {location!r}"
        )
    if answer.status == 400 and len(answer.url) > SERVER_URL_LIMIT and "<html" not in body:
        return answer.status  # refused by the HTTP server itself (its header limit), before the console runs
    if 400 <= answer.status < 500:
        # a refusal signs no one in; a signed-in user's form given back to correct (409, 422) moves their own
        # session's idle timeout on, as a page read does
        signed_in = any(c["name"] == "rc_console_session" for c in await context.cookies())
        if not (signed_in and answer.status in (409, 422)):
            assert "rc_console_session=" not in answer.headers.get("set-cookie", ""), f"{where}: refused, yet signed in"
        shown = message_on(body)
        assert VIETNAMESE.search(shown), f"{where}: {answer.status} without a Vietnamese message: {shown!r}"
    return answer.status


async def attack(
    context: BrowserContext, fresh: Page, form: Form, base: str, system: System, before: dict[str, Any]
) -> int:
    """Every bad value in every field at once (refused, nothing changes: what the services hold is still
    ``before``, their fingerprint before the crawler sent its first form), then field by field; how many
    times a record an in-place edit form saved was put back.

    A form's requests go ``AT_ONCE`` at a time (each answer checked as it comes): they are all refused
    or change nothing, which the fingerprint after the form shows. One at a time, in order: an in-place
    edit form's (a valid value is saved, then put back before the next request), the login form's (each
    request needs the page viewed again) and the logout form's (a request that signs out ends the session)."""
    restored = 0
    one_by_one = form.prefilled or "/login" in form.action or form.action.endswith("/logout")
    slots = asyncio.Semaphore(1 if one_by_one else AT_ONCE)

    async def current() -> Form:
        """The form as the page renders it now (the login page's CSRF cookie is renewed on each view)."""
        if "/login" in form.action:
            await fresh.goto(form.page)
            return next(f for f in await forms_of(fresh) if f.action == form.action)
        return form

    async def put_back(f: Form) -> APIResponse:
        """The record put back as a person would: the form opened again, the values first rendered typed."""
        await fresh.goto(f.page)
        now = next(x for x in await forms_of(fresh) if x.action == f.action)
        hidden = {n: v for n, k, v in now.fields if k == "hidden"}
        return await send(context, f, {n: v for n, k, v in f.fields if k == "visible"} | hidden)

    async def every_field(label: str, bad: str) -> int:
        async with slots:
            f = await current()
            values = {name: (value if kind == "hidden" else bad) for name, kind, value in f.fields}
            status = await check(context, f, values, base, f"every field {label}")
            if f.prefilled and f.method == "post" and 300 <= status < 400:
                # an in-place edit of free text only (a beneficiary's details) takes any text: saved, then
                # the record is put back as rendered; a form with any typed field (a date, a number) refuses
                assert not any(typed(n) for n, _, _ in f.fields), f"{f.action}: every field {label}"
                back = await put_back(f)
                assert back.status == 303, f"{f.action} as rendered, after every field {label}: {back.status}"
                return 1
        if f.method == "post":
            assert 400 <= status < 500, f"POST {f.action} with every field {label}: answered {status}"
        return 0

    async def one_field(name: str, kind: str, label: str) -> int:
        async with slots:
            bad = BAD_VALUES[label]
            f = await current()
            values = {n: (bad if n == name else v) for n, _, v in f.fields}
            status = await check(context, f, values, base, f"{name} {label}")
            if kind == "visible" and label == "too_long" and f.method == "post":  # no field takes 10,000 chars
                assert 400 <= status < 500, f"POST {f.action} with {name} {label}: answered {status}"
            if kind == "hidden" and name == "csrf":  # refused: the token is wrong (or the form too large)
                assert status in (403, 413), f"{f.action} with csrf {label}: answered {status}"
            if f.prefilled and 300 <= status < 400:  # a valid value of one field, saved: the record put back
                back = await put_back(f)
                assert back.status == 303, f"{f.action} as rendered, after {name} {label}: {back.status}"
                return 1
            return 0

    # (a form of hidden fields only, such as launch or log out, is sent only with a bad hidden field)
    if any(kind == "visible" for _, kind, _ in form.fields):
        restored += sum(await asyncio.gather(*(every_field(label, bad) for label, bad in BAD_VALUES.items())))
    puts_back = await asyncio.gather(*(one_field(n, k, label) for n, k, _ in form.fields for label in ONE_FIELD))
    restored += sum(puts_back)
    assert await fingerprint(system) == before, f"{form.action}: bad input changed what the services hold"
    return restored


async def test_every_form_of_every_page_refuses_bad_input_without_a_500(
    console: ServiceProcess, browser: Browser, world: dict[str, Any], system: System
) -> None:
    base = console.url
    await new_campaign(system, world["a"], f"Nháp {world['tag']}")  # a draft: its page offers launch
    await launch_with_ledger(system, world["campaign_a"])  # its page offers the donation form
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:  # and lists a receipt
        r = await client.post(
            f"{system.url('donations')}/campaigns/{world['campaign_a']}/donations",
            json={"kind": "cash", "amount_vnd": 100_000, "channel": "cash", "received_on": TODAY.isoformat()},
        )
        assert r.status_code == 201, r.text
        # and a transfer from the bank statement: its receipt offers the payer's erasure
        row = {"bank_reference": f"FT{uuid.uuid4().hex[:10]}".upper(), "received_on": TODAY.isoformat(),
               "amount_vnd": 250_000, "payer_name": "NGUYEN VAN CRAWL", "description": "ung ho"}  # fmt: skip
        r = await client.post(f"{system.url('donations')}/campaigns/{world['campaign_a']}/bank-statement",
                              json={"rows": [row]})  # fmt: skip
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "created", r.text
    closed = await new_campaign(system, world["a"], f"Đã kết thúc {world['tag']}")  # its page offers settle
    await launch_with_ledger(system, closed)
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:
        r = await client.post(f"{system.url('campaigns')}/campaigns/{closed}/close", json={})
        assert r.status_code == 200, r.text
    await campaign_operations(system, world)
    page = await login(browser, console, "unit_manager", world["a"], DESKTOP)
    pages, found = await crawl(page, base)
    routes = {route_of(u).removeprefix(base) for u in pages}
    # the crawl found the console's pages (the campaign pages by the links of the list)
    assert {
        "/", "/campaigns", "/campaigns/new", "/campaigns/{id}", "/members", "/units/{id}",
        "/campaigns/{id}/donations/new", "/donations/{id}/receipt", "/reports", "/reports/campaigns",
        "/people/{id}", "/people/{id}/erase", "/members/import",
        "/campaigns/{id}/donations/new/in-kind", "/campaigns/{id}/donations/new/blood",
        "/campaigns/{id}/distributions/new", "/campaigns/{id}/statement", "/donations/{id}/reversal",
        "/campaigns/{id}/beneficiaries/new", "/beneficiaries/{id}", "/campaigns/{id}/blood-sessions/new",
        "/blood-sessions/{id}", "/distributions/{id}/reversal",
    } <= routes, routes  # fmt: skip
    forms: dict[tuple[str, str], Form] = {}
    for f in found:
        forms.setdefault((f.method, route_of(f.action)), f)
    # the login form, signed out (its own browser context)
    anonymous = await browser.new_context(locale="vi-VN")
    signed_out = await anonymous.new_page()
    await signed_out.goto(f"{base}/login?unit={world['a']}&role=viewer")
    login_form = next(f for f in await forms_of(signed_out) if f.action.endswith("/login"))
    # the form that logs out is sent last (with a good token it ends the session the crawler uses)
    kinds = sorted(forms, key=lambda k: k[1].endswith("/logout"))
    assert ("post", f"{base}/campaigns") in forms and ("get", f"{base}/members") in forms, sorted(forms)
    assert ("post", f"{base}/campaigns/{{id}}/launch") in forms, sorted(forms)
    assert ("post", f"{base}/campaigns/{{id}}/close") in forms, sorted(forms)
    assert ("get", f"{base}/units/{{id}}") in forms, sorted(forms)  # the "as of" date picker
    assert ("post", f"{base}/campaigns/{{id}}/donations") in forms, sorted(forms)
    assert ("get", f"{base}/reports") in forms, sorted(forms)
    assert ("get", f"{base}/reports/campaigns") in forms, sorted(forms)
    # a person's edits (a unit manager is offered them all), the erasure's confirmation, the import's upload
    for edit in ("fee", "status", "transfer", "role", "end-role", "hours", "consent", "withdraw", "erase", "training",
                 "personal"):  # fmt: skip
        assert ("post", f"{base}/people/{{id}}/{edit}") in forms, (edit, sorted(forms))
    assert ("post", f"{base}/members/import") in forms, sorted(forms)
    for action in (
        "settle",
        "cancel",
        "donations/new/in-kind",
        "donations/new/blood",
        "distributions/new",
        "statement",
    ):
        assert ("post", f"{base}/campaigns/{{id}}/{action}") in forms, (action, sorted(forms))
    assert ("post", f"{base}/donations/{{id}}/reversal") in forms, sorted(forms)
    assert ("post", f"{base}/donations/{{id}}/payer/erase") in forms, sorted(forms)
    # the campaign operations: the list's filters, beneficiaries, sponsorships, blood sessions, reversals
    assert ("get", f"{base}/campaigns") in forms, sorted(forms)
    for action in ("beneficiaries/new", "blood-sessions/new"):
        assert ("post", f"{base}/campaigns/{{id}}/{action}") in forms, (action, sorted(forms))
    for action in ("/beneficiaries/{id}/verify", "/beneficiaries/{id}/sponsorships",
                   "/blood-sessions/{id}/registrations", "/distributions/{id}/reversal"):  # fmt: skip
        assert ("post", f"{base}{action}") in forms, (action, sorted(forms))
    # the fields each form marks required are those its service requires, no more, no fewer (every form in
    # the table found; the others mark none)
    marked = {route.removeprefix(base): f.required for (method, route), f in forms.items() if method == "post"}
    assert set(REQUIRED) <= set(marked), sorted(set(REQUIRED) - set(marked))
    assert {r: m for r, m in marked.items() if m} == REQUIRED
    restored = 0
    # what the services hold, before any form: after each form, it is still that (each form is checked
    # against it, so nothing changes from one form to the next either)
    before = await fingerprint(system)
    for key in kinds:
        restored += await attack(page.context, page, forms[key], base, system, before)
    # the personal details' form took a name written "hai triệu" (valid): put back, as the fingerprint says
    assert restored > 0 and forms["post", f"{base}/people/{{id}}/personal"].prefilled
    await attack(anonymous, signed_out, login_form, base, system, before)
    await anonymous.close()
    await page.context.close()


async def campaign_operations(system: System, world: dict[str, Any]) -> None:
    """What the campaign operations' forms need in commune A: a blood drive with a session (its donor
    registration form), an unverified humanitarian address (verification) and a verified one (sponsorship),
    a distribution on the launched campaign (its reversal)."""
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:
        campaigns, donations = system.url("campaigns"), system.url("donations")
        drive = {
            "code": f"HM-{uuid.uuid4().hex[:6]}", "name": f"Hiến máu {world['tag']}", "campaign_type": "blood_drive",
            "organising_unit_id": world["a"], "receiving_from": TODAY.isoformat(),
            "receiving_until": (TODAY + timedelta(days=10)).isoformat(), "targets": {},
        }  # fmt: skip
        r = await client.post(f"{campaigns}/campaigns", json=drive)
        assert r.status_code == 201, r.text
        r = await client.post(f"{campaigns}/campaigns/{r.json()['id']}/blood-sessions", json={
            "held_on": TODAY.isoformat(), "place": "Trạm y tế xã", "capacity": 30})  # fmt: skip
        assert r.status_code == 201, r.text
        ids = []
        for name in ("Hộ chưa xác minh", "Hộ đã xác minh"):
            r = await client.post(f"{campaigns}/beneficiaries", json={
                "kind": "household", "unit_id": world["a"], "full_name": f"{name} {world['tag']}",
                "address": f"Ấp 1, {name}", "commune": "Vĩnh Trạch", "humanitarian_address": True,
                "consent": {"purpose": "hỗ trợ nhân đạo", "given_on": TODAY.isoformat()}})  # fmt: skip
            assert r.status_code == 201, r.text
            ids.append(r.json()["id"])
        r = await client.post(f"{campaigns}/beneficiaries/{ids[1]}/verify", json={
            "verified_by": "cán bộ xã", "verified_on": TODAY.isoformat()})  # fmt: skip
        assert r.status_code == 200, r.text
        body = {"beneficiary_id": ids[1], "kind": "cash", "amount_vnd": 50_000, "distributed_on": TODAY.isoformat()}
        key = str(uuid.uuid4())

        async def distributed() -> bool:  # the donations service learns of the verification through Kafka
            r = await client.post(f"{donations}/campaigns/{world['campaign_a']}/distributions", json=body,
                                  headers={"Idempotency-Key": key})  # fmt: skip
            return r.status_code in (200, 201)

        await eventually(distributed, timeout=60, what="a distribution to the verified address")


def test_fingerprint_sees_a_changed_campaign() -> None:
    """The 'nothing changed' check would notice a renamed or relaunched campaign, a new unit or gift."""
    c = {"id": str(uuid.uuid4()), "code": "C", "name": "n", "state": "draft", "description": ""}
    base = fingerprint_of({"items": [c]}, {"count": 3}, {"members": 1})
    assert fingerprint_of({"items": [c | {"state": "launched"}]}, {"count": 3}, {"members": 1}) != base
    assert fingerprint_of({"items": [c | {"name": "m"}]}, {"count": 3}, {"members": 1}) != base
    assert fingerprint_of({"items": [c]}, {"count": 4}, {"members": 1}) != base
    assert fingerprint_of({"items": [c]}, {"count": 3}, {"members": 1}, {c["id"]: 1}) != base  # a gift
    person = {"id": str(uuid.uuid4()), "memberships": [{"fees": {"2024": "paid"}}], "volunteer_hours_total": 0.0}
    with_person = fingerprint_of({"items": [c]}, {"count": 3}, {"members": 1}, None, [person])
    assert with_person != base  # a person
    changed = person | {"volunteer_hours_total": 2.5}
    assert fingerprint_of({"items": [c]}, {"count": 3}, {"members": 1}, None, [changed]) != with_person  # an edit
    assert fingerprint_of({"items": [c]}, {"count": 3}, {"members": 1}) == base
    verified = {"beneficiaries": [{"id": "b", "verified": True, "sponsorships": []}]}  # an operation's effect
    with_operations = fingerprint_of({"items": [c]}, {"count": 3}, {"members": 1}, None, None, verified)
    assert with_operations != base
    reversed_ = {"distributions": {c["id"]: [("d", True)]}}
    assert fingerprint_of({"items": [c]}, {"count": 3}, {"members": 1}, None, None, reversed_) != with_operations
