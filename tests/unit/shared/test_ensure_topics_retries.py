"""``ensure_topics`` against a broker's answers it cannot be made to give on demand (the refusal it must
not start on is tested against the real broker: tests/integration/shared/test_topic_creation.py): a
retriable refusal (a request timed out, the controller moved) is tried again for the topics still
missing; one that is not retriable stops the start at once."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from rc_shared import kafka
from rc_shared.settings import ServiceSettings


class FakeAdmin:
    """The broker: its topics, and the per-topic answers its next creations give (then all succeed)."""

    topics: set[str]
    answers: list[dict[str, int]]
    created: list[list[str]]

    def __init__(self, **_: Any) -> None:
        pass

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        pass

    async def list_topics(self) -> list[str]:
        return sorted(FakeAdmin.topics)

    async def create_topics(self, new: list[Any]) -> Any:
        names = [t.name for t in new]
        FakeAdmin.created.append(names)
        codes = FakeAdmin.answers.pop(0) if FakeAdmin.answers else {}
        for name in names:
            if codes.get(name, 0) in (0, 7):  # a timed-out creation (7) completes anyway
                FakeAdmin.topics.add(name)
        return SimpleNamespace(topic_errors=[(n, codes.get(n, 0), None) for n in names])


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> type[FakeAdmin]:
    monkeypatch.setattr(kafka, "AIOKafkaAdminClient", FakeAdmin)
    FakeAdmin.topics, FakeAdmin.answers, FakeAdmin.created = set(), [], []
    return FakeAdmin


SETTINGS = ServiceSettings(service_name="t")


async def test_a_timed_out_creation_is_checked_again_and_not_repeated_for_what_exists(broker: type[FakeAdmin]) -> None:
    broker.answers = [{"a": 7, "a.dlq": 41}]  # a timed out (created anyway), a.dlq: not the controller
    await kafka.ensure_topics(SETTINGS, ["a"], pause_s=0)
    assert broker.created == [["a", "a.dlq"], ["a.dlq"]]
    assert broker.topics == {"a", "a.dlq"}


async def test_a_refusal_that_is_not_retriable_stops_the_start_at_once(broker: type[FakeAdmin]) -> None:
    broker.answers = [{"a": 41, "a.dlq": 38}]
    with pytest.raises(kafka.TopicsNotCreated) as refused:
        await kafka.ensure_topics(SETTINGS, ["a"], pause_s=0)
    assert broker.created == [["a", "a.dlq"]]
    assert str(refused.value).endswith(": a: NotControllerError (41); a.dlq: InvalidReplicationFactorError (38)")


async def test_a_retriable_refusal_every_time_stops_the_start_after_the_attempts(broker: type[FakeAdmin]) -> None:
    broker.answers = [{"a": 41}] * kafka.TOPIC_ATTEMPTS
    with pytest.raises(kafka.TopicsNotCreated) as refused:
        await kafka.ensure_topics(SETTINGS, ["a"], pause_s=0)
    assert len(broker.created) == kafka.TOPIC_ATTEMPTS
    assert str(refused.value).endswith("(partitions 3, replication factor 1): a: NotControllerError (41)")


async def test_nothing_is_created_when_every_topic_exists(broker: type[FakeAdmin]) -> None:
    broker.topics = {"a", "a.dlq"}
    await kafka.ensure_topics(SETTINGS, ["a"], pause_s=0)
    assert broker.created == []


@pytest.mark.parametrize(("replicas", "in_sync"), [(1, None), (2, "2"), (3, "2"), (5, "2")])
def test_a_replicated_topic_asks_two_replicas_to_acknowledge(replicas: int, in_sync: str | None) -> None:
    """With replicas, ``acks=all`` waits for every in-sync replica; the broker's default
    min.insync.replicas of 1 let a leader alone acknowledge an event, which its loss then lost. One replica
    (a single broker): nothing to ask. Retention is the configured one in every case."""
    configs = kafka.topic_configs(ServiceSettings(service_name="t", kafka_replication_factor=replicas))
    assert configs.get("min.insync.replicas") == in_sync
    assert configs["retention.ms"] == str(SETTINGS.kafka_retention_ms)
