"""After the end-to-end run (this module runs last): every service's /metrics carries the listed
metrics with sensible values, and no personal data or secret appears in any event or log line."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client.parser import text_string_to_metric_families

from rc_shared import clock
from tests.e2e.conftest import System
from tests.e2e.harness import auth
from tests.integration.shared.helpers import eventually, read_topic

TODAY = clock.today()  # the services' clock (the organisation's time zone)
SECRET_MARKERS = ("PRIVATE KEY", "Bearer ey", "eyJhbGciOi")  # key material, bearer tokens, JWT headers


async def _make_personal_data(system: System) -> None:
    """A person, a beneficiary and a named donor with distinctive personal data, through the APIs."""
    h = auth()
    async with httpx.AsyncClient(timeout=30, headers=h) as c:
        m, cp, d = system.url("members"), system.url("campaigns"), system.url("donations")
        unit = (
            await c.post(
                f"{m}/units",
                json={
                    "code": f"PRIV-{uuid.uuid4().hex[:5]}",
                    "name": "Xã Riêng",
                    "level": "province",
                    "valid_from": "2024-01-01",
                },
            )
        ).json()["id"]
        person = await c.post(
            f"{m}/people",
            json={
                "full_name": "Phạm Thị Riêngtư",
                "phone": "0987654321",
                "id_number": "079123456789",
                "birth_date": "1980-02-03",
                "address": "Số 9 đường Bí Mật",
                "unit_id": unit,
                "consent": {"purpose": "membership records", "given_on": "2024-01-02"},
            },
        )
        if person.status_code == 422 and "unit_id" in person.text:  # before people carried a registering unit
            person = await c.post(
                f"{m}/people",
                json={
                    "full_name": "Phạm Thị Riêngtư",
                    "phone": "0987654321",
                    "id_number": "079123456789",
                    "birth_date": "1980-02-03",
                    "address": "Số 9 đường Bí Mật",
                    "consent": {"purpose": "membership records", "given_on": "2024-01-02"},
                },
            )
        assert person.status_code == 201, person.text
        r = await c.post(
            f"{m}/people/{person.json()['id']}/membership", json={"unit_id": unit, "joined_on": "2024-02-01"}
        )
        assert r.status_code == 201, r.text
        camp = await c.post(
            f"{cp}/campaigns",
            json={
                "code": f"PRIV-{uuid.uuid4().hex[:5]}",
                "name": "Riêng tư",
                "campaign_type": "emergency_relief",
                "organising_unit_id": unit,
                "receiving_from": (TODAY - timedelta(days=1)).isoformat(),
                "receiving_until": (TODAY + timedelta(days=10)).isoformat(),
            },
        )
        assert camp.status_code == 201, camp.text
        cid = camp.json()["id"]
        assert (await c.post(f"{cp}/campaigns/{cid}/launch", json={})).status_code == 200
        ben = await c.post(
            f"{cp}/beneficiaries",
            json={
                "kind": "person",
                "unit_id": unit,
                "full_name": "Lê Văn Thụhưởng",
                "id_number": "079987654321",
                "address": "Ấp Kín Đáo",
                "commune": "Xã Riêng",
                "situation": "bệnh tim (health detail)",
                "consent": {"purpose": "relief", "given_on": TODAY.isoformat()},
            },
        )
        assert ben.status_code == 201, ben.text

        async def ledger_open() -> bool:
            return (await c.get(f"{d}/campaigns/{cid}/ledger")).status_code == 200

        await eventually(ledger_open, timeout=60, what="ledger open")
        gift = await c.post(
            f"{d}/campaigns/{cid}/donations",
            json={
                "kind": "cash",
                "amount_vnd": 250_000,
                "channel": "bank_transfer",
                "received_on": TODAY.isoformat(),
                "donor": {
                    "type": "individual",
                    "name": "Hoàng Văn Hảotâm",
                    "phone": "0911222333",
                    "consent_to_be_named": False,
                },
            },
        )
        assert gift.status_code == 201, gift.text


async def _personal_values(system: System, sample: int = 200) -> set[str]:
    """This test's own personal values plus a random sample of everyone else's, per service."""
    queries = {
        "members": "SELECT full_name, phone, id_number, address FROM personal_data",
        "campaigns": "SELECT full_name, id_number, address, situation FROM beneficiaries",
        "donations": "SELECT name, phone, id_number FROM donors UNION ALL SELECT payer_name, NULL, NULL FROM donations",
    }
    values: set[str] = set()
    for service, sql in queries.items():
        conn = await asyncpg.connect(system.services[service].env["RC_DATABASE_URL"])
        try:
            mine = await conn.fetch(f"SELECT * FROM ({sql}) AS t WHERE t::text ~ '(Riêngtư|Thụhưởng|Hảotâm)'")
            others = await conn.fetch(f"SELECT * FROM ({sql}) AS t ORDER BY random() LIMIT {sample}")
            for row in [*mine, *others]:
                values.update(v for v in row.values() if isinstance(v, str) and len(v) >= 6)
        finally:
            await conn.close()
    return values


async def test_no_personal_data_or_secret_in_events_or_logs(system: System) -> None:
    await _make_personal_data(system)
    personal = await _personal_values(system)
    assert {"Phạm Thị Riêngtư", "0987654321", "079123456789", "Lê Văn Thụhưởng", "Hoàng Văn Hảotâm"} <= personal

    admin = AIOKafkaAdminClient(bootstrap_servers=system.kafka)
    await admin.start()
    try:
        topics = [t for t in await admin.list_topics() if t.startswith(system.namespace)]
    finally:
        await admin.close()
    assert topics
    blobs: list[tuple[str, str]] = []
    for topic in topics:
        for rec in await read_topic(system.kafka, topic, expect=10**9, timeout=3):
            text = b" ".join([rec.key or b"", rec.value or b"", *[v for _, v in rec.headers or ()]])
            blobs.append((f"{topic}@{rec.partition}:{rec.offset}", text.decode("utf-8", "replace")))
    # at least this test's own: unit, membership, campaign, beneficiary, ledger, donation
    assert len(blobs) >= 6, "the scan saw almost no events: it would prove nothing"
    for name, proc in system.services.items():
        blobs.append((f"{name} log", proc.log_path.read_text(errors="replace")))
    leaks = [f"{where}: {value!r}" for where, text in blobs for value in [*personal, *SECRET_MARKERS] if value in text]
    assert not leaks, "\n".join(leaks[:20])


def _samples(text: str) -> dict[str, list[tuple[dict[str, str], float]]]:
    out: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out.setdefault(s.name, []).append((s.labels, s.value))
    return out


async def test_metrics_after_the_run_have_sensible_values(system: System) -> None:
    async with httpx.AsyncClient(base_url=system.url("members"), timeout=10, headers=auth()) as c:
        assert (await c.post("/units", json={})).status_code == 422  # a bad request is counted too
    scraped: dict[str, dict[str, list[tuple[dict[str, str], float]]]] = {}

    async def settled() -> bool:
        async with httpx.AsyncClient(timeout=10) as c:
            for name in system.services:
                r = await c.get(system.url(name) + "/metrics")
                assert r.status_code == 200
                scraped[name] = _samples(r.text)
        return all(
            sum(v for _, v in scraped[n].get("rc_outbox_backlog", [])) == 0
            for n in ("members", "campaigns", "donations")
        ) and all(
            sum(v for _, v in scraped[n].get("rc_consumer_lag", [])) == 0
            for n in ("reporting", "donations", "campaigns")
        )

    await eventually(settled, timeout=60, what="outbox backlog and consumer lag to drain")

    def total(service: str, metric: str, **labels: str) -> float:
        return sum(v for lab, v in scraped[service].get(metric, []) if all(lab.get(k) == x for k, x in labels.items()))

    for name in system.services:
        assert total(name, "rc_http_requests_total") > 0, name
        assert total(name, "rc_http_request_duration_seconds_count") > 0, name
        assert total(name, "rc_http_requests_total", status="200") > 0, name
        assert "rc_outbox_oldest_age_seconds" in scraped[name], name
        assert all(v >= 0 for _, v in scraped[name]["rc_outbox_oldest_age_seconds"])
    for producer in ("members", "campaigns", "donations"):
        assert total(producer, "rc_events_published_total") > 0, producer
    for consumer in ("reporting", "campaigns", "donations"):
        assert total(consumer, "rc_events_consumed_total") > 0, consumer
        assert "rc_consumer_lag" in scraped[consumer], consumer
        assert "rc_dlq_messages" in scraped[consumer], consumer
    assert total("members", "rc_http_requests_total", status="422", method="POST", route="/units") >= 1
    assert total("reporting", "rc_events_dead_lettered_total") == 0


async def test_trace_context_flows_from_the_http_request_through_kafka_to_downstream_events(system: System) -> None:
    """A launch request's W3C trace id is on CampaignLaunched and on the LedgerOpened the donations
    service emitted while handling it."""
    trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    unit = str(uuid.uuid4())
    async with httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as c:
        r = await c.post(
            "/campaigns",
            json={
                "code": f"TRACE-{uuid.uuid4().hex[:5]}",
                "name": "Trace",
                "campaign_type": "emergency_relief",
                "organising_unit_id": unit,
                "receiving_from": TODAY.isoformat(),
                "receiving_until": (TODAY + timedelta(days=5)).isoformat(),
            },
        )
        assert r.status_code == 201, r.text
        cid = r.json()["id"]
        launch = await c.post(
            f"/campaigns/{cid}/launch", json={}, headers={"traceparent": f"00-{trace}-00f067aa0ba902b7-01"}
        )
        assert launch.status_code == 200, launch.text
        assert launch.headers["traceparent"].split("-")[1] == trace

    def trace_of(rec: Any) -> str:
        from rc_shared.envelope import headers_dict

        return headers_dict(rec.headers).get("traceparent", "").split("-")[1]

    async def both_seen() -> bool:
        from rc_shared.envelope import headers_dict

        launched = [
            r
            for r in await read_topic(system.kafka, system.namespace + "campaigns.campaigns", expect=10**9, timeout=2)
            if r.key == cid.encode() and headers_dict(r.headers)["ce_type"] == "campaigns.campaign.launched.v1"
        ]
        opened = [
            r
            for r in await read_topic(system.kafka, system.namespace + "donations.ledger", expect=10**9, timeout=2)
            if r.key == cid.encode() and headers_dict(r.headers)["ce_type"] == "donations.ledger.opened.v1"
        ]
        if launched and opened:
            assert trace_of(launched[0]) == trace
            assert trace_of(opened[0]) == trace
            return True
        return False

    await eventually(both_seen, timeout=60, what="the launch and the ledger opened by it, with their trace")
