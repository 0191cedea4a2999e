"""A service creates the topics it writes and reads, each with its ``.dlq``, as its settings say: the
partitions, the replication factor and a retention of forever (the topics are the history the
projections are rebuilt from). No deployment creates them otherwise (compose included), so a topic
that took the broker's default retention (7 days) would lose that history."""

from __future__ import annotations

from typing import Any

import pytest
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from rc_shared.kafka import ensure_topics
from rc_shared.settings import ServiceSettings

pytestmark = pytest.mark.integration


async def _retention(kafka_admin: Any, topics: list[str]) -> dict[str, str]:
    described = await kafka_admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, t) for t in topics])
    out: dict[str, str] = {}
    for response in described:
        for _code, _msg, _type, name, entries in response.resources:
            out[name] = next(value for key, value, *_ in entries if key == "retention.ms")
    return out


async def test_a_service_creates_its_topics_and_dlqs_kept_forever(infra: Any, namespace: str, kafka_admin: Any) -> None:
    s = ServiceSettings(
        service_name="topics-test", kafka_bootstrap_servers=infra.kafka_bootstrap, kafka_topic_partitions=2
    )
    assert s.kafka_retention_ms == -1  # the default every deployment relies on
    wanted = [f"{namespace}a.events", f"{namespace}b.events"]

    await ensure_topics(s, wanted)
    await ensure_topics(s, wanted[:1])  # again, as every replica does at its start: nothing changes

    names = [*wanted, *(f"{t}.dlq" for t in wanted)]
    described = await kafka_admin.describe_topics(names)
    assert {d["topic"]: len(d["partitions"]) for d in described} == dict.fromkeys(names, 2)
    assert await _retention(kafka_admin, names) == dict.fromkeys(names, "-1")


async def test_a_retention_set_for_the_service_is_the_retention_of_its_topics(
    infra: Any, namespace: str, kafka_admin: Any
) -> None:
    days = 3 * 24 * 3600 * 1000  # not the broker's default (7 days)
    s = ServiceSettings(
        service_name="topics-test", kafka_bootstrap_servers=infra.kafka_bootstrap, kafka_retention_ms=days
    )
    await ensure_topics(s, [f"{namespace}c.events"])
    names = [f"{namespace}c.events", f"{namespace}c.events.dlq"]
    assert await _retention(kafka_admin, names) == dict.fromkeys(names, str(days))
