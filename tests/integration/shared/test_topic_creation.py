"""A service creates the topics it writes and reads, each with its ``.dlq``, as its settings say: the
partitions, the replication factor and a retention of forever (the topics are the history the
projections are rebuilt from). No deployment creates them otherwise (compose included), so a topic
that took the broker's default retention (7 days) would lose that history."""

from __future__ import annotations

from typing import Any

import pytest
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from rc_shared.kafka import TopicsNotCreated, ensure_topics
from rc_shared.settings import ServiceSettings
from tests.integration.shared.helpers import eventually

pytestmark = pytest.mark.integration


async def _retention(kafka_admin: Any, topics: list[str]) -> dict[str, str]:
    """Each topic's ``retention.ms``, once the broker describes them all: a topic the controller has just
    created may be unknown to the broker's metadata for a moment (an error code, no entries)."""
    out: dict[str, str] = {}

    async def described() -> bool:
        out.clear()
        resources = [ConfigResource(ConfigResourceType.TOPIC, t) for t in topics]
        for response in await kafka_admin.describe_configs(resources):
            for code, _msg, _type, name, entries in response.resources:
                if code != 0:
                    return False
                out[name] = next(value for key, value, *_ in entries if key == "retention.ms")
        return True

    await eventually(described, timeout=30, what=f"the broker to describe {topics}")
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
    assert await _retention(kafka_admin, names) == dict.fromkeys(names, "-1")  # (waits until all are known)
    described = await kafka_admin.describe_topics(names)
    assert {d["topic"]: len(d["partitions"]) for d in described} == dict.fromkeys(names, 2)


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


async def test_a_topic_the_broker_refuses_stops_the_start_and_names_why(
    infra: Any, namespace: str, kafka_admin: Any
) -> None:
    """A replication factor above the brokers there are (this broker is alone): the broker answers with
    an error per topic, not an exception; the service must not start (its first write could let a
    broker that creates topics on use make them with its defaults)."""
    s = ServiceSettings(
        service_name="topics-test", kafka_bootstrap_servers=infra.kafka_bootstrap, kafka_replication_factor=3
    )
    name = f"{namespace}refused.events"
    with pytest.raises(TopicsNotCreated) as refused:
        await ensure_topics(s, [name])
    message = str(refused.value)
    said = "Kafka refused to create 2 of the service's topics (partitions 3, replication factor 3): "
    assert message.startswith(said)
    for topic in (name, f"{name}.dlq"):
        assert f"{topic}: InvalidReplicationFactorError (38)" in message
    assert not {name, f"{name}.dlq"} & set(await kafka_admin.list_topics())
