"""``dlq show|replay`` take an event topic of the catalogue, named without the namespace and without
``.dlq``: a mistyped name is refused saying which are (it read an empty table, "replayed 0 record(s)", and
a broker that creates topics on first use made a junk ``….dlq.dlq``), before anything reaches the broker."""

from __future__ import annotations

import asyncio

import pytest

from rc_shared import dlq
from rc_shared.catalogue import topics
from rc_shared.settings import ServiceSettings


def settings() -> ServiceSettings:
    return ServiceSettings(kafka_bootstrap_servers="127.0.0.1:1", kafka_namespace="prod.")


@pytest.mark.parametrize("typed", ["members.people.dlq", "prod.members.people", "members.peple", ""])
def test_a_mistyped_topic_is_refused_naming_the_topics(typed: str) -> None:
    with pytest.raises(ValueError, match="unknown topic") as exc:
        asyncio.run(dlq.show(settings(), typed))
    assert "members.people" in str(exc.value) and "'prod.'" in str(exc.value)
    with pytest.raises(ValueError, match="unknown topic"):
        asyncio.run(dlq.replay(settings(), typed))


def test_every_catalogue_topic_is_taken() -> None:
    for topic in topics():
        dlq.check_topic(settings(), topic)
