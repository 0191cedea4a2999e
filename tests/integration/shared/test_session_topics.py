"""The suite deletes its own test topics at the end of the session, and only its own."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiokafka.admin import NewTopic

from tests.infra import delete_topics_under, new_namespace

pytestmark = pytest.mark.integration


async def test_only_the_given_namespaces_topics_are_deleted(infra: Any, kafka_admin: Any) -> None:
    ours, theirs = new_namespace("own"), new_namespace("other")
    names = [f"{ours}a.b", f"{ours}a.b.dlq", f"{theirs}a.b"]
    await kafka_admin.create_topics([NewTopic(n, num_partitions=1, replication_factor=1) for n in names])
    for _ in range(100):  # created: the metadata the admin client reads shows them within moments
        listed = set(await kafka_admin.list_topics())
        if set(names) <= listed:
            break
        await asyncio.sleep(0.1)
    assert set(names) <= listed

    deleted = await delete_topics_under(infra.kafka_bootstrap, [ours])

    assert deleted == [f"{ours}a.b", f"{ours}a.b.dlq"]
    for _ in range(100):  # the broker's metadata follows the controller's deletion within moments
        left = set(await kafka_admin.list_topics())
        if not {f"{ours}a.b", f"{ours}a.b.dlq"} & left:
            break
        await asyncio.sleep(0.1)
    assert f"{theirs}a.b" in left and not {f"{ours}a.b", f"{ours}a.b.dlq"} & left
    assert await delete_topics_under(infra.kafka_bootstrap, []) == []
