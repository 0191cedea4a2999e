"""The public campaign page leads to the campaign's public ledger (the donations service's page, served
on the same public host: docs/operations/deploy.md), where each movement is listed."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from rc_reporting.entrypoints import pages
from rc_shared import clock

CID = uuid.UUID(int=7)


def _row(**over: Any) -> dict[str, Any]:
    return {
        "campaign_id": CID, "name": "Ủng hộ đồng bào bị lũ lụt", "code": "LU-1", "campaign_type": "emergency_relief",
        "state": "launched", "receiving_from": date(2025, 5, 1), "receiving_until": None, "cash_raised_vnd": 1_000,
        "in_kind_value_vnd": 0, "blood_units": 0, "donations": 1, "distributed_cash_vnd": 0,
        "distributed_goods_vnd": 0, "balance_cash_vnd": 1_000, "balance_goods_vnd": 0, "beneficiaries_reached": 0,
        "distribution_deadline": None, "closed_on": None, "settled_on": None, "organiser": None, "targets": {},
        **over,
    }  # fmt: skip


def test_the_campaign_page_links_to_its_public_ledger() -> None:
    page = pages._campaign_html(_row()).decode()
    assert f'<a href="/public/campaigns/{CID}/ledger">Sổ thu chi công khai (chi tiết từng khoản)</a>' in page
    blood = pages._campaign_html(_row(campaign_type="blood_drive", blood_units=3, cash_raised_vnd=0)).decode()
    assert f'href="/public/campaigns/{CID}/ledger"' in blood  # every campaign has its ledger


def test_the_link_starts_with_the_configured_ledger_url_where_the_pages_are_on_other_hosts() -> None:
    """Locally each service answers on its own port (RC_PUBLIC_LEDGER_URL, set by the launcher): a link
    relative to this host would be a 404 there."""
    from rc_reporting.entrypoints.app import build_app
    from rc_reporting.settings import Settings

    zone = clock.zone()  # (building an app configures the process's clock from its settings)
    try:
        build_app(Settings(public_ledger_url="http://127.0.0.1:8003/", auth_enabled=False))
        page = pages._campaign_html(_row()).decode()
        assert f'<a href="http://127.0.0.1:8003/public/campaigns/{CID}/ledger">' in page
    finally:
        pages.link_ledger_pages("")
        clock.configure(zone.key)
    assert f'<a href="/public/campaigns/{CID}/ledger">' in pages._campaign_html(_row()).decode()
