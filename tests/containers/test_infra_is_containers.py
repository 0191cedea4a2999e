"""With ``RC_TEST_INFRA=docker`` the tests' broker and database are the containers testcontainers
started from ``RC_KAFKA_IMAGE`` / ``RC_POSTGRES_IMAGE``, not the shared local processes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import asyncpg
import pytest
from aiokafka.admin import AIOKafkaAdminClient

from tests.containers.conftest import container_env, container_publishing, published
from tests.infra import CONTAINER_LABEL, KAFKA_IMAGE, POSTGRES_IMAGE, Endpoints

pytestmark = pytest.mark.containers


async def test_the_broker_is_a_container_of_the_kafka_image(infra: Endpoints, docker_client: Any) -> None:
    host, port = infra.kafka_bootstrap.rsplit(":", 1)
    assert host == "127.0.0.1"
    container = container_publishing(docker_client, int(port))
    assert container is not None, f"no container publishes the tests' broker {infra.kafka_bootstrap}"
    assert KAFKA_IMAGE in container.image.tags
    assert container.labels.get(CONTAINER_LABEL) == "kafka"
    assert {h for h, _ in published(container)} == {"127.0.0.1"}, "published on the loopback interface only"
    # The broker that answers is that container's: its cluster id is the one the container formatted.
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    await admin.start()
    try:
        cluster = await admin.describe_cluster()
    finally:
        await admin.close()
    assert cluster["cluster_id"] == container_env(container)["CLUSTER_ID"]
    assert [(b["host"], b["port"]) for b in cluster["brokers"]] == [("127.0.0.1", int(port))]


async def test_the_database_is_a_container_of_the_postgres_image(infra: Endpoints, docker_client: Any) -> None:
    dsn = urlsplit(infra.admin_dsn)
    assert dsn.hostname == "127.0.0.1" and dsn.port is not None
    container = container_publishing(docker_client, dsn.port)
    assert container is not None, f"no container publishes the tests' database on port {dsn.port}"
    assert POSTGRES_IMAGE in container.image.tags
    assert container.labels.get(CONTAINER_LABEL) == "postgres"
    assert {h for h, _ in published(container)} == {"127.0.0.1"}
    conn = await asyncpg.connect(infra.admin_dsn)
    try:
        data_directory = await conn.fetchval("SHOW data_directory")
    finally:
        await conn.close()
    assert data_directory == container_env(container)["PGDATA"]
