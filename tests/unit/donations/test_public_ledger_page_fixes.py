"""The public ledger page (Decree 93/2021 Art. 14) as its template renders it, without a database: the ways
to the campaign's other public pages, tables that scroll in place on a phone, what its donor count and its
date say, the close of a campaign, and one way of writing numbers, signs and words."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from rc_donations.entrypoints import pages
from rc_donations.entrypoints.routes import NO_FILTER
from rc_shared import clock

CID = uuid.UUID(int=7)
DAY = date(2025, 5, 10)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _summary(**over: Any) -> dict[str, Any]:
    return {
        "campaign_id": CID, "code": "LU-1", "name": "Ủng hộ đồng bào bị lũ lụt", "campaign_type": "emergency_relief",
        "status": "launched", "organising_unit": "Hội Chữ thập đỏ tỉnh Cà Mau",
        "receiving_from": date(2025, 5, 1), "receiving_until": date(2025, 5, 31),
        "distribution_deadline": date(2025, 6, 30), "closed_on": None, "settled_on": None, "remainder_note": None,
        "as_of": datetime(2025, 5, 10, 3, 4, tzinfo=UTC), "last_line_no": 1234,
        "totals": {
            "cash_received_vnd": 12_000_000, "in_kind_received_value_vnd": 3_000_000, "blood_units": 0,
            "cash_distributed_vnd": 4_000_000, "goods_distributed_value_vnd": 1_000_000,
            "cash_balance_vnd": 8_000_000, "goods_balance_value_vnd": 2_000_000,
        },
        "donors": {"count": 1_500, "identified": 1_200, "anonymous_gifts": 300},
        "targets": [{"target": "cash_vnd", "target_value": 24_000_000, "reached_value": 12_000_000, "percent": 50},
                    {"target": "beneficiaries", "target_value": 10_000, "reached_value": 2_500, "percent": 25}],
        "disclosure_version": 1, "call_documents": [], "support_policy": None, "support_levels": [],
        "receiving_points": [],
        "beneficiaries": [{"unit_id": uuid.UUID(int=9), "unit": "Xã Vĩnh Trạch", "support_level": "Mức 1",
                           "beneficiaries": 1_200, "amount_vnd": 3_600_000_000, "value_vnd": 0}],
        "daily": [
            {"on": date(2025, 5, 9), "cash_in_vnd": 12_500_000, "cash_out_vnd": 4_000_000, "goods_in_vnd": 3_000_000,
             "goods_out_vnd": 1_000_000},
            {"on": DAY, "cash_in_vnd": -500_000, "cash_out_vnd": 0, "goods_in_vnd": 0, "goods_out_vnd": -250_000},
        ],
        **over,
    }  # fmt: skip


def _line(n: int, movement: str, kind: str, **over: Any) -> dict[str, Any]:
    return {
        "id": uuid.UUID(int=100 + n), "line_no": n, "on": DAY, "movement": movement, "kind": kind, "reference": None,
        "items": [], "blood_units": None, "note": None, "donor": None, "unit": None, "support_level": None,
        "channel": None, "amount_vnd": None, "value_vnd": None, "cash_balance_vnd": 8_000_000,
        **over,
    }  # fmt: skip


LINES = [
    _line(3, "donation", "in_kind", donor="Công ty Hòa Bình", value_vnd=3_000_000, channel="other",
          items=[{"item": "Gạo", "quantity": 12_000, "unit": "kg"},
                 {"item": "Mì tôm", "quantity": 100, "unit": "thùng"}]),
    _line(2, "donation_reversal", "cash", donor="Nhà hảo tâm ẩn danh", amount_vnd=500_000),
    _line(1, "distribution_reversal", "goods", unit="Xã Vĩnh Trạch", value_vnd=250_000),
]  # fmt: skip


def _page(**over: Any) -> str:
    """The page as the route renders it (the context of ``pages._render``)."""
    c = _summary(**over)
    typed = {k: "" for k in ("q", "amount_min", "amount_max", "from", "to", "reference", "direction")}
    with clock.frozen(DAY):
        return pages._templates.get_template("ledger.html").render(
            c=c, page={"items": LINES, "count": len(LINES), "next_after": None}, f=NO_FILTER, typed=typed,
            refused=None, filtered=False, after=None, chart=pages.chart(c["daily"]), next_query=None, first_query="",
            download_query="", anonymous_label="Nhà hảo tâm ẩn danh",
        )  # fmt: skip


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class _Parents(HTMLParser):
    """Each <table>'s class and the attributes of the element it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[tuple[str | None, str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            parent, pattrs = self.stack[-1]
            self.tables.append((dict(attrs).get("class"), parent, pattrs))
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass


def test_the_ledger_leads_back_to_the_campaign_and_the_campaigns() -> None:
    html = _page()
    nav = re.search(r'<nav aria-label="Điều hướng">(.*?)</nav>', html, re.S)
    assert nav is not None, "no way back from the ledger"
    assert '<a href="/public/campaigns">← Các cuộc vận động</a>' in nav.group(1)
    assert f'<a href="/public/campaigns/{CID}">' in nav.group(1)  # the campaign's own page, on the same host
    # locally each service answers on its own port (RC_PUBLIC_PAGES_URL, set by the launcher)
    from rc_donations.entrypoints.app import build_app
    from rc_donations.settings import Settings

    zone = clock.zone()  # (building an app configures the process's clock from its settings)
    try:
        build_app(Settings(public_pages_url="http://127.0.0.1:8004/", auth_enabled=False))
        assert f'<a href="http://127.0.0.1:8004/public/campaigns/{CID}">' in _page()
    finally:
        pages.link_campaign_pages("")
        clock.configure(zone.key)


def test_every_table_but_the_lines_scrolls_in_a_region_of_its_own_on_a_phone() -> None:
    """The daily, beneficiary and target tables keep their figures on one line (nowrap money): wider than
    a 360 px phone, they scroll sideways inside a focusable, named region, as reporting's tables do."""
    html = _page()
    assert re.search(r"\.scroll\{overflow-x:auto\}", html)
    parser = _Parents()
    parser.feed(html)
    others = [(parent, attrs) for cls, parent, attrs in parser.tables if cls != "lines"]
    assert len(others) == 3  # targets, daily figures, beneficiaries
    for parent, attrs in others:
        assert parent == "div" and attrs.get("class") == "scroll", (parent, attrs)
        assert attrs.get("role") == "region" and attrs.get("tabindex") == "0" and attrs.get("aria-label"), attrs
    assert [cls for cls, _, _ in parser.tables].count("lines") == 1  # the lines keep their phone layout
    daily = re.search(r"<details><summary>Bảng số liệu theo ngày</summary>\s*<div class=\"scroll\"", html)
    assert daily is not None


def test_the_donor_card_counts_donors_and_says_how() -> None:
    """reports.ledger counts each identified donor with a live gift once plus each gift without a donor:
    donors, not occurrences ("Lượt" is reporting's count of gifts)."""
    text = _text(_page())
    assert "Lượt nhà hảo tâm" not in text
    assert "Số nhà hảo tâm 1.500" in text
    assert "mỗi khoản ủng hộ không ghi người ủng hộ tính là một" in text


def test_the_date_says_it_is_the_last_line_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_zone", ZoneInfo("Asia/Ho_Chi_Minh"))  # whatever an earlier test configured
    html = _page()
    assert "Số liệu tính đến" not in html
    assert (
        'Cập nhật lần cuối (khoản ghi gần nhất): <time datetime="2025-05-10T03:04:00+00:00">10:04 10/05/2025</time>'
        " (1.234 bút toán)" in html
    )
    assert "Cập nhật lần cuối (khoản ghi gần nhất): <time>–</time> (0 bút toán)" in _page(as_of=None, last_line_no=0)


def test_an_early_close_is_said_and_a_cancelled_campaign_has_no_distribution_deadline() -> None:
    closed = _text(_page(status="closed", closed_on=date(2025, 5, 20)))
    assert "Thời gian tiếp nhận: 01/05/2025 – 31/05/2025 · Kết thúc tiếp nhận ngày 20/05/2025" in closed
    assert "Hạn phân phối: 30/06/2025" in closed
    settled = _text(_page(status="settled", closed_on=date(2025, 5, 20), settled_on=date(2025, 7, 1)))
    assert "Kết thúc tiếp nhận ngày 20/05/2025" in settled and "Quyết toán ngày 01/07/2025" in settled
    cancelled = _text(_page(status="cancelled", closed_on=date(2025, 5, 8)))
    assert "Đã hủy" in cancelled and "Hủy ngày 08/05/2025" in cancelled
    assert "Hạn phân phối" not in cancelled and "Kết thúc tiếp nhận" not in cancelled
    receiving = _text(_page())
    assert "Kết thúc tiếp nhận" not in receiving and "Hủy ngày" not in receiving
    assert "Hạn phân phối: 30/06/2025" in receiving


def test_numbers_signs_and_words_are_written_one_way() -> None:
    html = _page()
    text = _text(html)
    assert "Gạo 12.000 kg, Mì tôm 100 thùng" in text  # quantities grouped as the counts are
    assert "12000" not in text
    # a day whose reversals outweigh it: the minus sign of the lines' reversals, not a hyphen
    assert '<td class="n">−500.000 ₫</td>' in html and '<td class="n">−250.000 ₫</td>' in html
    assert "-500.000" not in html and "-250.000" not in html
    assert "thu −500.000 ₫" in html  # the chart's label of that day
    assert re.findall(r'<span class="small">(\d+ ?%)</span>', html) == ["50 %", "25 %"]  # as reporting writes it
    assert "1.200" in text and "2.500 / 10.000" in text
    for old, new in (("huỷ", "hủy"), ("Huỷ", "Hủy"), ("hoá", "hóa"), ("Hoá", "Hóa")):
        assert old not in html, f"{old!r}: the page writes {new!r}"
    assert "Hàng hóa" in html and "hủy" in html
