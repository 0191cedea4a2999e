"""One clock: at 23:30 UTC (06:30 the next morning in Viet Nam) every service agrees on the date.

Each service builds its app from its own settings; building it configures the organisation's clock,
and every rule that needs "today" (policies, scope checks, reports' default as_of, event dates)
asks that clock. No source file outside the clock reads the host's ``date.today()``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from rc_campaigns.entrypoints.app import build_app as campaigns_app
from rc_campaigns.entrypoints.app import policy_from as campaigns_policy
from rc_campaigns.settings import Settings as CampaignsSettings
from rc_donations.entrypoints.app import build_app as donations_app
from rc_donations.entrypoints.app import policy_from as donations_policy
from rc_donations.settings import Settings as DonationsSettings
from rc_members.entrypoints.access import MembersScopeResolver
from rc_members.entrypoints.app import build_app as members_app
from rc_members.entrypoints.app import policy_from as members_policy
from rc_members.settings import Settings as MembersSettings
from rc_reporting.domain.campaigns import local_date
from rc_reporting.entrypoints.app import build_app as reporting_app
from rc_reporting.settings import Settings as ReportingSettings
from rc_shared import clock

LATE_EVENING_UTC = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
VIET_NAM_DAY = date(2026, 3, 2)
REPO = Path(__file__).resolve().parents[3]


pytestmark = pytest.mark.usefixtures("default_zone")  # (tests/conftest.py: whatever zone the run chose)


def test_every_service_agrees_on_the_date_at_2330_utc() -> None:
    clock.configure("UTC")  # as if a previous process left the host's zone in place
    for build, settings in [
        (members_app, MembersSettings(auth_enabled=False)),
        (campaigns_app, CampaignsSettings(auth_enabled=False)),
        (donations_app, DonationsSettings(auth_enabled=False)),
        (reporting_app, ReportingSettings(auth_enabled=False)),
    ]:
        clock.configure("UTC")
        build(settings, api=True, relay=False, consumers=False)
        assert clock.zone().key == "Asia/Ho_Chi_Minh", build.__module__
    with clock.frozen(LATE_EVENING_UTC):
        days = {
            "clock": clock.today(),
            "members": members_policy(MembersSettings(auth_enabled=False)).today(),
            "members scope": MembersScopeResolver(pool=None).today(),
            "campaigns": campaigns_policy(CampaignsSettings(auth_enabled=False)).today(),
            "donations": donations_policy(DonationsSettings(auth_enabled=False)).today(),
            "reporting event date": local_date(LATE_EVENING_UTC),
        }
    assert days == dict.fromkeys(days, VIET_NAM_DAY)


def test_the_configured_zone_is_the_one_every_process_uses() -> None:
    members_app(MembersSettings(auth_enabled=False, timezone="UTC"), api=True, relay=False, consumers=False)
    with clock.frozen(LATE_EVENING_UTC):
        assert clock.today() == date(2026, 3, 1)
        assert local_date(LATE_EVENING_UTC) == date(2026, 3, 1)


def test_no_source_reads_the_hosts_date() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{n}"
        for root in ("services", "shared")
        for path in (REPO / root).rglob("*.py")
        if path.name != "clock.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bdate\.today\b|datetime\.now\(\)", line)
    ]
    assert offenders == []
