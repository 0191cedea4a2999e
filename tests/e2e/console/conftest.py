"""Fixtures of the console's browser tests: the console process on the e2e system, a small world
(communes A and B, a campaign in each, three members of A), screenshots, signing in."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Locator, Page, ViewportSize

from rc_shared import clock
from tests.e2e.conftest import System
from tests.e2e.harness import ServiceProcess, auth, auth_keys, post_once_units_known, service_env, stop_all
from tests.integration.shared.helpers import eventually

ROOT = Path(__file__).resolve().parents[3]
SCREENS = ROOT / "docs" / "console"
TODAY = clock.today()
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


@pytest.fixture(scope="package")
def consoles() -> Iterator[dict[tuple[tuple[str, str], ...], ServiceProcess]]:
    """The console processes of this package's modules, one per system and set of settings (a module's
    ``CONSOLE_ENV``), started on first use and stopped after the package: a console holds no data
    (every figure is the services', sessions are the browser contexts' cookies), so modules with the
    same system and settings share one process instead of starting their own."""
    started: dict[tuple[tuple[str, str], ...], ServiceProcess] = {}
    try:
        yield started
    finally:
        stop_all(started.values())


@pytest.fixture(scope="module")
def console(
    consoles: dict[tuple[tuple[str, str], ...], ServiceProcess],
    system: System,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> ServiceProcess:
    """The console process, pointed at the system's services, with the development login (and the
    settings of the test module's ``CONSOLE_ENV``, if it has one)."""
    extra: dict[str, str] = getattr(request.module, "CONSOLE_ENV", {})
    key = (("system", system.namespace), *sorted(extra.items()))
    if key not in consoles:
        env = service_env("console", "", system.kafka, system.namespace)
        env |= {f"RC_{n.upper()}_URL": system.url(n) for n in ("members", "campaigns", "donations", "reporting")}
        env |= {
            "RC_DEV_LOGIN_ENABLED": "true",
            "RC_DEV_LOGIN_PRIVATE_KEY_FILE": str(auth_keys()[0]),
            "RC_PEOPLE_PAGE_SIZE": "2",
            "RC_GIFTS_PAGE_SIZE": "3",
        }
        proc = ServiceProcess("console", env | extra, [], tmp_path_factory.mktemp("console-logs") / "console.log")
        proc.start()
        consoles[key] = proc
    return consoles[key]


async def ok(r: httpx.Response, *codes: int) -> Any:
    assert r.status_code in (codes or (200, 201)), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()


@pytest.fixture(scope="module")
async def world(system: System) -> dict[str, Any]:
    """A province with communes A and B; a campaign in each (so the services know both units);
    three members of A whose names differ only by diacritics from what is searched, one a volunteer."""
    tag = uuid.uuid4().hex[:6].upper()
    async with (
        httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members,
        httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as campaigns,
    ):
        province = (
            await ok(
                await members.post(
                    "/units",
                    json={
                        "code": f"P-{tag}",
                        "name": f"Tỉnh Thử {tag}",
                        "level": "province",
                        "valid_from": "2020-01-01",
                    },
                )
            )
        )["id"]
        a, b = [
            (await ok(await members.post("/units", json={
                "code": f"{x}-{tag}", "name": f"Xã {name} {tag}", "level": "commune", "parent_id": province,
                "valid_from": "2020-01-01"})))["id"]
            for x, name in (("A", "Vĩnh Trạch"), ("B", "Hiệp Thành"))
        ]  # fmt: skip
        made = {}
        for unit in (a, b):
            c = await ok(
                await post_once_units_known(
                    campaigns,
                    "/campaigns",
                    {
                        "code": f"C-{uuid.uuid4().hex[:8]}",
                        "name": f"Tết Nhân ái {tag} {unit[:4]}",
                        "campaign_type": "tet_nhan_ai",
                        "organising_unit_id": unit,
                        "receiving_from": (TODAY - timedelta(days=5)).isoformat(),
                        "receiving_until": (TODAY + timedelta(days=25)).isoformat(),
                        "targets": {"cash_vnd": 10_000_000},
                    },
                )
            )
            made[unit] = c["id"]
        for i, name in enumerate(("Nguyễn Thị Hoà", "Nguyễn Thị Hoa", "Nguyễn Thị Hòa")):
            person = await ok(await members.post("/people", json={
                "full_name": f"{name} {tag}", "birth_date": f"199{i}-05-05", "unit_id": a,
                "consent": {"purpose": "hồ sơ hội viên", "given_on": "2024-01-02"}}))  # fmt: skip
            await ok(await members.post(f"/people/{person['id']}/membership", json={
                "unit_id": a, "joined_on": "2024-02-01", "fee_status": "paid"}))  # fmt: skip
            if i == 0:
                await ok(await members.post(f"/people/{person['id']}/roles", json={
                    "role": "volunteer", "unit_id": a, "start_on": "2024-02-01"}))  # fmt: skip
    return {"tag": tag, "province": province, "a": a, "b": b, "campaign_a": made[a], "campaign_b": made[b],
            "campaigns_url": system.url("campaigns")}  # fmt: skip


# a Python object's repr on a page (a template that printed a method or an object instead of its value)
PYTHON_REPR = re.compile(r"<(?:built-in method|bound method|function) [^>]*>|object at 0x[0-9a-f]{6,}")
# the shown captions (not .visually-hidden) narrower than nine tenths of their table
SQUEEZED_CAPTIONS = """() => [...document.querySelectorAll('caption:not(.visually-hidden)')]
    .filter(c => c.getBoundingClientRect().width < 0.9 * c.closest('table').getBoundingClientRect().width)
    .map(c => c.textContent.trim())"""
# the rows of fields whose controls, side by side, do not line up (a label on two lines pushed its input
# below its neighbours'), and the fields whose parts overlap (label, control, error one over another)
MISALIGNED_FIELDS = """() => [...document.querySelectorAll('.row')].filter(r => r.offsetParent !== null).flatMap(r => {
    const fields = [...r.children].filter(f => f.matches('.field') && f.offsetParent !== null);
    const boxes = fields.map(f => f.querySelector('input:not([type=hidden]), select, textarea'))
        .filter(c => c !== null).map(c => c.getBoundingClientRect());
    const side = boxes.some(a => boxes.some(b => a !== b && a.top < b.bottom && b.top < a.bottom
        && Math.abs(a.top - b.top) > 1));
    const stacked = fields.filter(f => {
        const parts = [...f.children].filter(k => k.offsetParent !== null).map(k => k.getBoundingClientRect());
        return parts.slice(1).some((k, i) => k.top < parts[i].bottom - 1);
    });
    return [...(side ? ['side by side: ' + r.innerText.trim().slice(0, 80)] : []),
            ...stacked.map(f => 'overlapping: ' + f.innerText.trim().slice(0, 80))];
})"""


class Shots:
    """Screenshots of the screens, at the context's width, into one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(exist_ok=True)

    async def take(self, page: Page, screen: str, width: str) -> None:
        """The screen fits its width (no sideways scrolling), shows no Python object's repr, and every
        shown table caption spans its table (a caption shrunk to its longest word reads one word a
        line), the fields of a row line up and none overlaps itself, then its screenshot."""
        assert await page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # type: ignore[index]
        shown = await page.locator("body").inner_text()
        assert not PYTHON_REPR.search(shown), f"{screen} ({width}): {PYTHON_REPR.search(shown)}"
        squeezed = await page.evaluate(SQUEEZED_CAPTIONS)
        assert squeezed == [], f"{screen} ({width}): captions narrower than their tables: {squeezed}"
        misaligned = await page.evaluate(MISALIGNED_FIELDS)
        assert misaligned == [], f"{screen} ({width}): fields out of line: {misaligned}"
        await page.screenshot(path=str(self.folder / f"{screen}-{width}.png"), full_page=True)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shots]:
    s = Shots(tmp_path_factory.mktemp("console-shots"))
    yield s
    if os.environ.get("RC_UPDATE_SCREENSHOTS") == "1":
        SCREENS.mkdir(parents=True, exist_ok=True)
        for shot in s.folder.iterdir():
            shutil.copy(shot, SCREENS / shot.name)


async def follow(page: Page, target: Locator) -> None:
    """Click a link or a form's button and wait for the page it leads to (not the one still shown)."""
    async with page.expect_navigation():
        await target.click()


async def login(browser: Browser, console: ServiceProcess, role: str, unit: str, viewport: ViewportSize) -> Page:
    """A new browser context signed in through the login form as ``role`` of ``unit``."""
    context = await browser.new_context(viewport=viewport, locale="vi-VN", device_scale_factor=1)
    page = await context.new_page()
    await page.goto(f"{console.url}/login?unit={unit}&role={role}")
    await page.get_by_label("Tên người dùng").fill(f"{role}-e2e")
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.wait_for_url(f"{console.url}/")
    # the dashboard, not an error page in its place (a service busy or unreachable): said with what it showed
    heading = await page.locator("h1").first.inner_text()
    if heading != "Tổng quan":
        shown = (await page.locator("body").inner_text())[:800]
        raise AssertionError(f"signed in, the console showed {heading!r} instead of the dashboard: {shown}")
    return page


async def launch_with_ledger(system: System, campaign_id: str) -> None:
    """Launch a campaign through the campaigns API and wait until the donations service has opened its
    ledger (it learns the launch through Kafka)."""
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:
        r = await client.post(f"{system.url('campaigns')}/campaigns/{campaign_id}/launch", json={})
        assert r.status_code == 200, r.text

        async def opened() -> bool:
            ledger = await client.get(f"{system.url('donations')}/campaigns/{campaign_id}/ledger")
            return ledger.status_code == 200

        await eventually(opened, timeout=60, what="the donations ledger of the launched campaign")


async def new_campaign(system: System, unit: str, name: str) -> str:
    """A draft campaign of ``unit`` receiving from five days ago, created through the campaigns API."""
    async with httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as campaigns:
        body = {
            "code": f"C-{uuid.uuid4().hex[:8]}",
            "name": name,
            "campaign_type": "emergency_relief",
            "organising_unit_id": unit,
            "receiving_from": (TODAY - timedelta(days=5)).isoformat(),
            "receiving_until": (TODAY + timedelta(days=25)).isoformat(),
            "targets": {"cash_vnd": 5_000_000},
        }
        return str((await ok(await post_once_units_known(campaigns, "/campaigns", body)))["id"])
