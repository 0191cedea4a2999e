"""Public transparency pages (Decree 93/2021, Art. 14): every campaign's totals, and one campaign's
progress, as plain server-rendered HTML in Vietnamese. No token, no personal data: the figures are
the public campaign reports', donors and beneficiaries never appear by name here."""

from __future__ import annotations

import uuid
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import HTMLResponse

from rc_reporting.entrypoints import http_cache
from rc_reporting.service_layer import campaign_reports
from rc_shared.runtime import connection

pages_router = APIRouter(prefix="/public", tags=["public pages"])

TYPES = {
    "emergency_relief": "Cứu trợ khẩn cấp",
    "tet_nhan_ai": "Tết Nhân ái",
    "humanitarian_month": "Tháng Nhân đạo",
    "blood_drive": "Hiến máu tình nguyện",
    "humanitarian_address": "Địa chỉ nhân đạo",
    "disaster_preparedness": "Phòng ngừa thảm họa",
    "community_health": "Chăm sóc sức khỏe cộng đồng",
    "livelihood": "Sinh kế",
}
STATES = {
    "launched": "Đang tiếp nhận",
    "closed": "Đã kết thúc tiếp nhận",
    "settled": "Đã quyết toán",
    "cancelled": "Đã hủy",
    "unknown": "Chưa rõ",
}
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "h1{color:#c8102e}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
    "padding:.4rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".bar{background:#eee;height:.6rem}.bar>div{background:#c8102e;height:.6rem}"
)


def vnd(amount: int | None) -> str:
    """12345678 → '12.345.678 ₫' (Vietnamese grouping)."""
    return "–" if amount is None else f"{amount:,}".replace(",", ".") + " ₫"


def _name(r: dict[str, Any]) -> str:
    """A campaign's name; one known only from its ledger so far has none yet."""
    return str(r.get("name") or r.get("code") or f"Cuộc vận động {r['campaign_id']}")


def _label(table: dict[str, str], value: str | None) -> str:
    return table.get(value or "unknown", value or "–")


_HTML = "text/html; charset=utf-8"


def _page(title: str, body: str) -> bytes:
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{STYLE}</style></head>'
        f"<body>{body}<footer><p><small>Công khai theo Nghị định 93/2021/NĐ-CP.</small></p></footer></body></html>"
    ).encode()


@pages_router.get("/campaigns", response_class=HTMLResponse)
async def campaigns_page(request: Request) -> Response:
    """Every campaign with what it received and distributed (cacheable: ETag, Cache-Control public)."""
    async with connection(request) as conn:

        async def render() -> bytes:
            return _campaigns_html(await campaign_reports.campaigns(conn, None, None, None))

        version = await campaign_reports.campaigns_version(conn)
        return await http_cache.public_answer(request, "campaigns.html", "", version, render, _HTML)


def _campaigns_html(rows: list[dict[str, Any]]) -> bytes:
    lines = "".join(
        f'<tr><td><a href="/public/campaigns/{r["campaign_id"]}">{escape(_name(r))}</a></td>'
        f"<td>{escape(_label(TYPES, r['campaign_type']))}</td>"
        f"<td>{escape(_label(STATES, r['state']))}</td>"
        f'<td class="n">{vnd(r["cash_raised_vnd"])}</td><td class="n">{vnd(r["distributed_cash_vnd"])}</td></tr>'
        for r in rows
    )
    return _page(
        "Các cuộc vận động",
        "<h1>Các cuộc vận động của Hội Chữ thập đỏ</h1><table><tr><th>Cuộc vận động</th><th>Loại</th>"
        f"<th>Trạng thái</th><th>Đã tiếp nhận</th><th>Đã phân phối</th></tr>{lines}</table>",
    )


@pages_router.get("/campaigns/{campaign_id}", response_class=HTMLResponse)
async def campaign_page(
    request: Request, campaign_id: Annotated[uuid.UUID, Path(description="The campaign.")]
) -> Response:
    """One campaign: totals received in cash and in kind, distributed, balance, targets (cacheable)."""
    async with connection(request) as conn:

        async def render() -> bytes:
            return _campaign_html(await campaign_reports.campaign(conn, campaign_id, None))

        version = await campaign_reports.campaign_version(conn, campaign_id)
        return await http_cache.public_answer(request, "campaign.html", str(campaign_id), version, render, _HTML)


def _campaign_html(r: dict[str, Any]) -> bytes:
    targets = ""
    labels = {"cash_vnd": "Tiền mặt", "in_kind_value_vnd": "Hiện vật (giá trị)", "blood_units": "Đơn vị máu",
              "beneficiaries": "Người/hộ được hỗ trợ"}  # fmt: skip
    for key, t in r["targets"].items():
        if t["target"] is None:
            continue
        pct = min(100.0, float(t["percent"] or 0))
        shown = vnd(t["value"]) if key.endswith("vnd") else str(t["value"])
        goal = vnd(t["target"]) if key.endswith("vnd") else str(t["target"])
        targets += (
            f"<tr><td>{labels[key]}</td><td class='n'>{shown} / {goal}</td>"
            f"<td><div class='bar'><div style='width:{pct:.0f}%'></div></div></td></tr>"
        )
    body = (
        f"<h1>{escape(_name(r))}</h1>"
        f"<p>{escape(_label(TYPES, r['campaign_type']))} · "
        f"{escape(_label(STATES, r['state']))} · tiếp nhận từ {r['receiving_from'] or '–'} "
        f"đến {r['receiving_until'] or '–'}</p>"
        "<table>"
        f"<tr><td>Tiền mặt đã tiếp nhận</td><td class='n'>{vnd(r['cash_raised_vnd'])}</td></tr>"
        f"<tr><td>Hiện vật (giá trị)</td><td class='n'>{vnd(r['in_kind_value_vnd'])}</td></tr>"
        f"<tr><td>Số lượt ủng hộ</td><td class='n'>{r['donations']}</td></tr>"
        f"<tr><td>Tiền mặt đã phân phối</td><td class='n'>{vnd(r['distributed_cash_vnd'])}</td></tr>"
        f"<tr><td>Hàng hóa đã phân phối (giá trị)</td><td class='n'>{vnd(r['distributed_goods_vnd'])}</td></tr>"
        f"<tr><td>Số dư tiền mặt</td><td class='n'>{vnd(r['balance_cash_vnd'])}</td></tr>"
        f"<tr><td>Người/hộ đã được hỗ trợ</td><td class='n'>{r['beneficiaries_reached']}</td></tr>"
        "</table>" + (f"<h2>Mục tiêu</h2><table>{targets}</table>" if targets else "")
    )
    return _page(_name(r), body)
