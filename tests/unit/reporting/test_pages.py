"""The public pages are rendered from the package's Jinja2 templates with autoescaping: a campaign's
free-text name is shown as text, never as markup, whatever it holds."""

from __future__ import annotations

import html
import re
import uuid
from datetime import date
from importlib.resources import files
from typing import Any

from rc_reporting.entrypoints import pages
from rc_shared import clock

HOSTILE = "Lũ <script>alert('x')</script> & \"bão\" <img src=x onerror=alert(1)>"


def _row(**over: Any) -> dict[str, Any]:
    return {
        "campaign_id": uuid.UUID(int=1), "name": HOSTILE, "code": "K-1", "campaign_type": "emergency_relief",
        "state": "launched", "receiving_from": date(2025, 5, 1), "receiving_until": None, "cash_raised_vnd": 1_234_000,
        "in_kind_value_vnd": 0, "blood_units": 0, "donations": 3, "distributed_cash_vnd": None,
        "distributed_goods_vnd": 0,
        "balance_cash_vnd": 1_234_000, "balance_goods_vnd": 0, "beneficiaries_reached": 2,
        "distribution_deadline": None, "closed_on": None, "settled_on": None, "organiser": "Hội Chữ thập đỏ tỉnh",
        "targets": {
            "cash_vnd": {"target": 1_000_000, "value": 1_234_000, "percent": 123.4},
            "blood_units": {"target": None, "value": 0, "percent": None},
        },
        **over,
    }  # fmt: skip


def test_a_campaign_past_its_receiving_period_is_not_said_to_be_receiving() -> None:
    """Nobody closed it yet, but nothing may be accepted after its period (Decree 93)."""
    row = _row(receiving_until=date(2025, 5, 31), closed_on=None, donations=12_345, beneficiaries_reached=1_500)
    with clock.frozen(date(2025, 5, 31)):  # its last day
        assert "<strong>Đang tiếp nhận</strong>" in pages._campaign_html(row).decode()
        assert "<td>Đang tiếp nhận</td>" in pages._campaigns_html([row]).decode()
    with clock.frozen(date(2025, 6, 1)):
        page = pages._campaign_html(row).decode()
        assert "<strong>Đã hết thời hạn tiếp nhận</strong>" in page
        assert "<td>Đã hết thời hạn tiếp nhận</td>" in pages._campaigns_html([row]).decode()
    assert "Thời gian tiếp nhận: 01/05/2025 – 31/05/2025" in page
    assert '<th scope="row">Số lượt ủng hộ</th><td class="n">12.345</td>' in page
    assert '<th scope="row">Người/hộ đã được hỗ trợ</th><td class="n">1.500</td>' in page
    closed = _row(state="closed", receiving_until=date(2025, 5, 31), closed_on=date(2025, 5, 20),
                  distribution_deadline=date(2025, 6, 9))  # fmt: skip
    with clock.frozen(date(2025, 6, 1)):
        page = pages._campaign_html(closed).decode()
    assert "<strong>Đã kết thúc tiếp nhận</strong>" in page
    assert "kết thúc tiếp nhận ngày 20/05/2025" in page and "hạn phân phối 09/06/2025" in page


def test_the_templates_ship_inside_the_package() -> None:
    templates = files("rc_reporting.entrypoints").joinpath("templates")
    assert {t.name for t in templates.iterdir()} >= {"base.html", "campaigns.html", "campaign.html"}


def test_a_campaign_name_with_markup_is_escaped_on_both_pages() -> None:
    listing = pages._campaigns_html([_row()]).decode()
    page = pages._campaign_html(_row()).decode()
    for text in (listing, page):
        assert "<script" not in text and "<img" not in text
        assert "&lt;script&gt;" in text
    assert [html.unescape(x) for x in re.findall(r'<a href="/public/campaigns/[^"]+">(.*?)</a>', listing)] == [HOSTILE]
    shown = re.findall(r"<title>(.*?)</title>", page) + re.findall(r"<h1>(.*?)</h1>", page)
    assert [html.unescape(x) for x in shown] == [HOSTILE, HOSTILE]


def test_the_campaign_page_keeps_its_figures() -> None:
    page = pages._campaign_html(_row()).decode()
    assert "<p>Cứu trợ khẩn cấp · <strong>Đang tiếp nhận</strong></p>" in page
    assert "Thời gian tiếp nhận: 01/05/2025 – –" in page
    assert '<th scope="row">Tiền</th><td class="n">1.234.000 ₫ / 1.000.000 ₫</td><td class="n">123 %</td>' in page
    assert 'aria-valuenow="100"><div style="width:100%">' in page  # over the target: the bar is full, not wider
    assert "Đơn vị máu" not in page  # a target the campaign does not have is not shown
    assert "<p>Đơn vị tổ chức tiếp nhận: <strong data-organiser>Hội Chữ thập đỏ tỉnh</strong></p>" in page
    assert "Đơn vị tổ chức" not in pages._campaign_html(_row(organiser=None)).decode()  # not known (yet): not said
    unnamed = pages._campaign_html(_row(name=None, code=None, targets={})).decode()
    assert f"<h1>Cuộc vận động {uuid.UUID(int=1)}</h1>" in unnamed and "Mục tiêu" not in unnamed


def test_a_blood_drive_shows_the_blood_it_collected_not_empty_money_rows() -> None:
    """A drive of 412 units with no blood target: the page said "Tiền đã tiếp nhận 0 ₫" and nothing of the
    blood. Its units are a figure of their own, on the page and in the list (a column only when some
    campaign collected blood); money rows stay when the drive also received money."""
    drive = _row(campaign_type="blood_drive", name="Hiến máu 2025", cash_raised_vnd=0, balance_cash_vnd=0,
                 blood_units=412, donations=350, targets={})  # fmt: skip
    page = pages._campaign_html(drive).decode()
    assert '<th scope="row">Máu đã tiếp nhận (đơn vị)</th><td class="n" data-figure="blood_units">412</td>' in page
    assert '<th scope="row">Số lượt hiến máu, ủng hộ</th><td class="n">350</td>' in page
    assert "Tiền đã tiếp nhận" not in page and "Số dư tiền" not in page
    with_money = pages._campaign_html(drive | {"cash_raised_vnd": 2_000_000}).decode()
    assert "412</td>" in with_money and '<td class="n">2.000.000 ₫</td>' in with_money
    assert "Máu đã tiếp nhận" not in pages._campaign_html(_row(blood_units=0)).decode()
    listing = pages._campaigns_html([drive, _row(blood_units=0)]).decode()
    assert '<th scope="col" class="n">Máu đã tiếp nhận (đơn vị)</th>' in listing
    assert re.findall(r'<td class="n">(412|—)</td>', listing) == ["412", "—"]
    assert "Máu đã tiếp nhận" not in pages._campaigns_html([_row(blood_units=0)]).decode()


def test_the_public_pages_have_a_main_landmark_row_headers_and_a_way_back_to_the_list() -> None:
    page = pages._campaign_html(_row()).decode()
    listing = pages._campaigns_html([_row()]).decode()
    for text in (page, listing):
        assert text.count("<main>") == 1 and "</main>" in text
        assert "<td>Tiền đã" not in text
    assert '<a href="/public/campaigns">' in page
    assert '<tr><th scope="row">Tiền đã tiếp nhận (tiền mặt và chuyển khoản)</th>' in page
