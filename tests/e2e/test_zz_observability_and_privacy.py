"""After the end-to-end run (this module runs last): every service's /metrics carries the listed
metrics with sensible values (counting the metrics test's own traffic, so it also passes alone), and
no personal data or secret appears in any event or log line.

The privacy scan looks at exactly the events its own requests caused (their correlation id) for its
own personal data in every form (dates ISO and dd/mm/yyyy, JSON-escaped text), and at every log of
every process of the session for that and for every personal value of the session's system (and
tests/privacy.py searches every log again for its own data and for secrets once the whole run has
ended: under xdist other workers' processes are still writing theirs when this runs). It is shown to
catch a birth date leaked into an event and a phone number written to a log."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client.parser import text_string_to_metric_families

from rc_shared import clock
from rc_shared.envelope import headers_dict
from tests.e2e.conftest import System
from tests.e2e.harness import auth, new_unit, post_once_units_known, service_env
from tests.e2e.offsets import TopicReader, read_to_end
from tests.e2e.sabotage import PatchedProcess
from tests.infra import create_database, new_namespace, service_migrations
from tests.integration.shared.helpers import eventually
from tests.parallel import session_temp_root
from tests.privacy import (
    BENEFICIARY,
    BIRTH_DATE,
    DONOR,
    PERSON,
    SECRET_MARKERS,
    every_log,
    forms,
    leaks,
    normalised,
    own_values,
    whole_word_leaks,
)

TODAY = clock.today()  # the services' clock (the organisation's time zone)
# The events these requests cause, all carrying the requests' correlation id (the ledger is opened
# by the donations service while it handles the launch event).
OWN_EVENTS = Counter(
    {
        "members.unit.created.v1": 1,
        "members.membership.started.v1": 1,
        "campaigns.campaign.launched.v1": 1,
        "campaigns.beneficiary.registered.v1": 1,
        "donations.ledger.opened.v1": 1,
        "donations.donation.recorded.v1": 1,
    }
)
MEMBERS_EVENTS = Counter({"members.unit.created.v1": 1, "members.membership.started.v1": 1})


async def _make_personal_data(system: System, correlation: str, members_only: bool = False) -> None:
    """A person, a beneficiary and a named donor with distinctive personal data, through the APIs,
    every request under one correlation id."""
    h = {**auth(), "x-correlation-id": correlation}
    async with httpx.AsyncClient(timeout=30, headers=h) as c:
        m = system.url("members")
        unit = await c.post(
            f"{m}/units",
            json={
                "code": f"PRIV-{uuid.uuid4().hex[:5]}",
                "name": "Xã Riêng",
                "level": "province",
                "valid_from": "2024-01-01",
            },
        )
        assert unit.status_code == 201, unit.text
        unit_id = unit.json()["id"]
        person = await c.post(
            f"{m}/people",
            json={
                **PERSON,
                "unit_id": unit_id,
                "consent": {"purpose": "membership records", "given_on": "2024-01-02"},
            },
        )
        assert person.status_code == 201, person.text
        r = await c.post(
            f"{m}/people/{person.json()['id']}/membership", json={"unit_id": unit_id, "joined_on": "2024-02-01"}
        )
        assert r.status_code == 201, r.text
        if members_only:
            return
        cp, d = system.url("campaigns"), system.url("donations")
        camp = await post_once_units_known(  # the campaigns service learns the new unit from members.units
            c,
            f"{cp}/campaigns",
            {
                "code": f"PRIV-{uuid.uuid4().hex[:5]}",
                "name": "Riêng tư",
                "campaign_type": "emergency_relief",
                "organising_unit_id": unit_id,
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
                **BENEFICIARY,
                "kind": "person",
                "unit_id": unit_id,
                "commune": "Xã Riêng",
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
                "donor": {"type": "individual", **DONOR, "consent_to_be_named": False},
            },
        )
        assert gift.status_code == 201, gift.text


async def _own_events(kafka: str, namespace: str, correlation: str, expected: Counter[str]) -> list[Any]:
    """The records on every topic of ``namespace`` caused by this test's requests (its correlation id),
    read to the end offsets once exactly the ``expected`` event types are there (each check reads only
    what was appended since the previous one)."""
    mine: list[Any] = []
    reader = TopicReader(kafka)
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka)
    await admin.start()
    try:

        async def arrived() -> bool:
            topics = sorted(t for t in await admin.list_topics() if t.startswith(namespace))
            new = await reader.read_new(topics)
            mine.extend(r for r in new if headers_dict(r.headers).get("correlation-id") == correlation)
            return Counter(headers_dict(r.headers)["ce_type"] for r in mine) == expected

        try:
            await eventually(arrived, timeout=60, what=f"exactly the events {dict(expected)}")
        except AssertionError:
            got = Counter(headers_dict(r.headers)["ce_type"] for r in mine)
            raise AssertionError(f"own events: {got}") from None
    finally:
        await admin.close()
    return mine


def _event_text(rec: Any) -> str:
    return normalised(b" ".join([rec.key or b"", rec.value or b"", *[v for _, v in rec.headers or ()]]))


async def _personal_values_in(system: System) -> set[str]:
    """Every personal value the session system's databases hold (every row, dates in every form)."""
    queries = {
        "members": "SELECT full_name, phone, id_number, address, health_notes, birth_date FROM personal_data",
        "campaigns": "SELECT full_name, id_number, address, situation FROM beneficiaries"
        " UNION ALL SELECT name, contact, NULL, NULL FROM sponsors",
        "donations": "SELECT name, phone, id_number, birth_date FROM donors"
        " UNION ALL SELECT payer_name, NULL, NULL, NULL FROM donations",
    }
    values: list[str | date] = []
    for service, sql in queries.items():
        conn = await asyncpg.connect(system.services[service].env["RC_DATABASE_URL"])
        try:
            for row in await conn.fetch(sql):
                values += [v for v in row.values() if isinstance(v, str | date) and v != ""]
        finally:
            await conn.close()
    return forms(values)


async def test_no_personal_data_or_secret_in_events_or_logs(
    system: System, tmp_path_factory: pytest.TempPathFactory
) -> None:
    correlation = f"privacy-{uuid.uuid4().hex}"
    await _make_personal_data(system, correlation)
    mine = await _own_events(system.kafka, system.namespace, correlation, OWN_EVENTS)
    values = own_values()
    assert {PERSON["full_name"], "03/02/1980", "1980-02-03", "987654321", BENEFICIARY["situation"]} <= values
    found = [f"{r.topic}@{r.partition}:{r.offset}: {v!r}" for r in mine for v in leaks(_event_text(r), values)]
    found += [f"{r.topic}: {m!r}" for r in mine for m in SECRET_MARKERS if m in _event_text(r)]
    assert not found, "\n".join(found[:20])

    everyone = await _personal_values_in(system)
    assert forms([PERSON["full_name"], BIRTH_DATE]) <= everyone  # read back from the members database
    logs = every_log(session_temp_root(tmp_path_factory))  # every worker's, under xdist
    assert {p.log_path for p in system.services.values()} <= set(logs)
    for path in logs:
        text = normalised(path.read_bytes())
        found += [f"{path}: {v!r}" for v in leaks(text, values)]
        found += [f"{path}: {v!r}" for v in whole_word_leaks(text, everyone)]
        found += [f"{path}: {m!r}" for m in SECRET_MARKERS if m in text]
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize(
    ("patch", "caught"),
    [
        ("", []),
        ("leak-birth-date", ["event: 1980-02-03"]),
        ("log-phone", ["log: 0987654321", "log: 987654321"]),
    ],
)
async def test_the_scan_catches_a_field_leaked_into_an_event_or_a_log(
    infra: Any, tmp_path_factory: pytest.TempPathFactory, patch: str, caught: list[str]
) -> None:
    """The scan above, run on a members process that leaks on purpose (tests/e2e/sabotage.py)."""
    logs = tmp_path_factory.mktemp("sabotaged")  # not scanned by the test above
    namespace = new_namespace("priv")
    dsn = create_database(infra.admin_dsn, "e2e_members", migrations=[service_migrations("members")])
    proc = PatchedProcess(
        name="members",
        env=service_env("members", dsn, infra.kafka_bootstrap, namespace),
        args=[],
        log_path=logs / "members.log",
        patches=tuple(filter(None, [patch])),
    )
    proc.start()
    try:
        members = System(namespace=namespace, services={"members": proc}, kafka=infra.kafka_bootstrap)
        correlation = f"privacy-{uuid.uuid4().hex}"
        await _make_personal_data(members, correlation, members_only=True)
        mine = await _own_events(infra.kafka_bootstrap, namespace, correlation, MEMBERS_EVENTS)
    finally:
        proc.stop()
    values = own_values()
    found = sorted(
        {f"event: {v}" for r in mine for v in leaks(_event_text(r), values)}
        | {f"log: {v}" for v in leaks(normalised(proc.log_path.read_bytes()), values)}
    )
    assert found == caught


Samples = dict[str, list[tuple[dict[str, str], float]]]


def _samples(text: str) -> Samples:
    out: Samples = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out.setdefault(s.name, []).append((s.labels, s.value))
    return out


PRODUCERS = {"members": 1, "campaigns": 1, "donations": 2}  # the events _own_traffic causes, by publisher
CONSUMERS = ("reporting", "donations", "campaigns")
OWN_READS = {  # a GET of each service's API _own_traffic makes (its 200 counted on that route)
    "members": "/units",
    "campaigns": "/campaigns",
    "donations": "/campaigns/{campaign_id}/ledger",
    "reporting": "/public/campaigns",
}


async def _own_traffic(system: System) -> None:
    """A unit (members.unit.created, consumed by the three others), a campaign launched on it
    (campaigns.campaign.launched, consumed by donations and reporting), its ledger opened and an
    anonymous gift (two donations events, consumed by reporting); a bad request; a read of each API."""
    async with httpx.AsyncClient(timeout=30, headers=auth()) as c:
        m, cp, d = system.url("members"), system.url("campaigns"), system.url("donations")
        assert (await c.post(f"{m}/units", json={})).status_code == 422  # a bad request is counted too
        async with httpx.AsyncClient(base_url=m, timeout=30, headers=auth()) as members:
            unit = await new_unit(members)
        camp = await post_once_units_known(
            c,
            f"{cp}/campaigns",
            {
                "code": f"METRICS-{uuid.uuid4().hex[:5]}",
                "name": "Metrics",
                "campaign_type": "emergency_relief",
                "organising_unit_id": unit,
                "receiving_from": (TODAY - timedelta(days=1)).isoformat(),
                "receiving_until": (TODAY + timedelta(days=10)).isoformat(),
            },
        )
        assert camp.status_code == 201, camp.text
        cid = camp.json()["id"]
        assert (await c.post(f"{cp}/campaigns/{cid}/launch", json={})).status_code == 200

        async def ledger_open() -> bool:
            return (await c.get(f"{d}/campaigns/{cid}/ledger")).status_code == 200

        await eventually(ledger_open, timeout=60, what="ledger open")
        gift = {"kind": "cash", "amount_vnd": 50_000, "channel": "cash", "received_on": TODAY.isoformat()}
        r = await c.post(f"{d}/campaigns/{cid}/donations", json={**gift, "donor": {"type": "anonymous"}})
        assert r.status_code == 201, r.text
        for name in ("members", "campaigns", "reporting"):
            assert (await c.get(system.url(name) + OWN_READS[name])).status_code == 200, name


async def _scrape(system: System) -> dict[str, Samples]:
    scraped = {}
    async with httpx.AsyncClient(timeout=10) as c:
        for name in system.services:
            r = await c.get(system.url(name) + "/metrics")
            assert r.status_code == 200
            scraped[name] = _samples(r.text)
    return scraped


def _total(samples: Samples, metric: str, **labels: str) -> float:
    return sum(v for lab, v in samples.get(metric, []) if all(lab.get(k) == x for k, x in labels.items()))


async def test_metrics_after_the_run_have_sensible_values(system: System) -> None:
    """The metrics count this test's own traffic (whatever ran before it on the system): requests
    with their statuses, the events its requests caused published by members, campaigns and donations
    and consumed by campaigns, donations and reporting; then the backlog and lag gauges drain to 0."""
    before = await _scrape(system)
    await _own_traffic(system)
    scraped: dict[str, Samples] = {}

    def grew(service: str, metric: str, **labels: str) -> float:
        return _total(scraped[service], metric, **labels) - _total(before[service], metric, **labels)

    async def settled() -> bool:
        scraped.update(await _scrape(system))
        return (
            all(grew(n, "rc_events_published_total") >= k for n, k in PRODUCERS.items())
            and all(grew(n, "rc_events_consumed_total") > 0 for n in CONSUMERS)
            and all(_total(scraped[n], "rc_outbox_backlog") == 0 for n in PRODUCERS)
            and all(_total(scraped[n], "rc_consumer_lag") == 0 for n in CONSUMERS)
            # the gauges appear at the consumers' first complete measurement after their topics exist
            and all({"rc_consumer_lag", "rc_dlq_messages"} <= scraped[n].keys() for n in CONSUMERS)
        )

    await eventually(settled, timeout=60, what="own events published and consumed, backlog and lag drained")

    for name in system.services:
        assert grew(name, "rc_http_requests_total") > 0, name
        assert grew(name, "rc_http_request_duration_seconds_count") > 0, name
        assert grew(name, "rc_http_requests_total", status="200", method="GET", route=OWN_READS[name]) >= 1, name
        assert "rc_outbox_oldest_age_seconds" in scraped[name], name
        assert all(v >= 0 for _, v in scraped[name]["rc_outbox_oldest_age_seconds"])
    for producer, own in PRODUCERS.items():
        assert grew(producer, "rc_events_published_total") >= own, producer
    for consumer in CONSUMERS:
        assert grew(consumer, "rc_events_consumed_total") > 0, consumer
        assert "rc_consumer_lag" in scraped[consumer], consumer
        assert "rc_dlq_messages" in scraped[consumer], consumer
    assert grew("members", "rc_http_requests_total", status="422", method="POST", route="/units") == 1
    assert _total(scraped["reporting"], "rc_events_dead_lettered_total") == 0


async def test_trace_context_flows_from_the_http_request_through_kafka_to_downstream_events(system: System) -> None:
    """A launch request's W3C trace id is on CampaignLaunched and on the LedgerOpened the donations
    service emitted while handling it."""
    trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:
        unit = await new_unit(members)
    async with httpx.AsyncClient(base_url=system.url("campaigns"), timeout=30, headers=auth()) as c:
        r = await post_once_units_known(
            c,
            "/campaigns",
            {
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
        return headers_dict(rec.headers).get("traceparent", "").split("-")[1]

    async def both_seen() -> bool:
        launched = [
            r
            for r in await read_to_end(system.kafka, system.namespace + "campaigns.campaigns")
            if r.key == cid.encode() and headers_dict(r.headers)["ce_type"] == "campaigns.campaign.launched.v1"
        ]
        opened = [
            r
            for r in await read_to_end(system.kafka, system.namespace + "donations.ledger")
            if r.key == cid.encode() and headers_dict(r.headers)["ce_type"] == "donations.ledger.opened.v1"
        ]
        if launched and opened:
            assert trace_of(launched[0]) == trace
            assert trace_of(opened[0]) == trace
            return True
        return False

    await eventually(both_seen, timeout=60, what="the launch and the ledger opened by it, with their trace")
