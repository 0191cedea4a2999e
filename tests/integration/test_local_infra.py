"""Smoke test of the test infrastructure: one Kafka round trip and one fresh database."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from rc_shared.kafka import start_consumer
from tests.infra import Endpoints, create_database_async, drop_database_async, fresh_database

pytestmark = pytest.mark.integration


async def test_kafka_produce_consume_on_fresh_topic(infra: Endpoints) -> None:
    topic = f"test-infra-{uuid.uuid4().hex[:12]}"
    payload = f"hello {topic}".encode()
    producer = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, acks="all")
    await producer.start()
    try:
        record = await producer.send_and_wait(topic, payload, key=b"k")
    finally:
        await producer.stop()

    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=infra.kafka_bootstrap,
        group_id=f"{topic}-group",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        session_timeout_ms=6000,
        heartbeat_interval_ms=500,
    )
    await start_consumer(consumer)
    try:
        message = await asyncio.wait_for(consumer.getone(), timeout=30)
        await consumer.commit()  # needs __consumer_offsets, i.e. replication factor 1 works
    finally:
        await consumer.stop()
    assert message.value == payload
    assert message.key == b"k"
    assert (message.partition, message.offset) == (record.partition, record.offset)


async def test_select_one_on_fresh_database(infra: Endpoints) -> None:
    async with fresh_database(infra.admin_dsn, "local_infra") as dsn:
        conn = await asyncpg.connect(dsn)
        try:
            assert await conn.fetchval("select 1") == 1
            assert await conn.fetchval("select current_database()") == urlsplit(dsn).path[1:]
        finally:
            await conn.close()


async def test_test_databases_commit_without_waiting_for_the_disk_unless_durable(infra: Endpoints) -> None:
    admin = await asyncpg.connect(infra.admin_dsn)
    try:
        server = await admin.fetchval("SHOW synchronous_commit")
    finally:
        await admin.close()
    for durable, expected in ((False, "off"), (True, server)):
        dsn = await create_database_async(infra.admin_dsn, "local_infra", durable=durable)
        try:
            conn = await asyncpg.connect(dsn)
            try:
                assert await conn.fetchval("SHOW synchronous_commit") == expected, durable
            finally:
                await conn.close()
        finally:
            await drop_database_async(infra.admin_dsn, dsn)


@pytest.mark.parametrize("cluster_id", ["-uPaZ9uwTuWVukG_bbyFng", None], ids=["old-file-with-dash", "new-draw"])
def test_storage_formats_with_an_id_starting_with_a_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cluster_id: str | None
) -> None:
    """Kafka's own StorageTool formats a directory whose id starts with "-" (the 1-in-64 CI failure)."""
    from rc_local.kafka import jars, storage
    from rc_local.stack import state_dir

    lib = jars.ensure_jars(state_dir())
    kdir = tmp_path / "kafka"
    kdir.mkdir()
    if cluster_id is None:  # the generator's output, forced to be one that starts with "-" before the fix
        monkeypatch.setattr(storage, "new_cluster_id", lambda: "-" + "A" * 21)
        cluster_id = "-" + "A" * 21
    else:
        (kdir / "cluster.id").write_text(cluster_id + "\n")
    props = kdir / "server.properties"
    props.write_text(storage.server_properties(kdir, 1, 2))
    storage.format_storage(kdir, jars.java(), lib, props)
    meta = (kdir / "data" / "meta.properties").read_text()
    assert f"cluster.id={cluster_id}\n" in meta
