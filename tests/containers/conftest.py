"""The container tier: what needs a Docker engine and built images, apart from the main suite.

Collected only with ``--containers`` (``tests/conftest.py``), so ``./dev test`` stays the main
suite; ``.ci/run`` runs this tier beside it (at the same time), as an operator would:

    deploy/tools/containers.sh all               # engine, local base images, rc-<service>:local
    eval "$(deploy/tools/containers.sh env)"     # image names: the local images
    RC_TEST_INFRA=docker ./dev test --containers tests/containers \\
        tests/integration/shared …   # the script's TIER_TESTS (RC_CONTAINER_TIER=full: tests/integration)

With ``RC_TEST_INFRA=docker`` the ``infra`` fixture's Kafka and PostgreSQL are containers
(testcontainers, ``RC_KAFKA_IMAGE`` / ``RC_POSTGRES_IMAGE``); the service images are
``rc-<service>:$RC_IMAGE_TAG`` (default ``local``) built from ``deploy/docker/Dockerfile``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

SERVICES = {"members": 8001, "campaigns": 8002, "donations": 8003, "reporting": 8004}
IMAGES = {**SERVICES, "console": 8000}  # the staff console's image too (no database, no topic)
IMAGE_TAG = os.environ.get("RC_IMAGE_TAG", "local")


@pytest.fixture(scope="session")
def docker_client() -> Any:
    """A docker-py client of the engine ``DOCKER_HOST`` names (the default socket without it)."""
    import docker
    from docker.errors import DockerException

    try:
        client = docker.from_env(timeout=120)
        client.ping()
    except DockerException as exc:
        pytest.fail(f"the container tier needs a Docker engine ({exc}): run deploy/tools/containers.sh engine")
    return client


@pytest.fixture(scope="session")
def service_images(docker_client: Any) -> dict[str, str]:
    """``rc-<service>:<tag>`` of the four services and the console; they must have been built."""
    from docker.errors import ImageNotFound

    images = {service: f"rc-{service}:{IMAGE_TAG}" for service in IMAGES}
    missing = []
    for image in images.values():
        try:
            docker_client.images.get(image)
        except ImageNotFound:
            missing.append(image)
    if missing:
        pytest.fail(f"images {missing} are not built: run deploy/tools/containers.sh service-images")
    return images


def published(container: Any) -> list[tuple[str, int]]:
    """(host address, host port) of every port ``container`` publishes."""
    container.reload()
    ports = container.attrs["NetworkSettings"]["Ports"] or {}
    return [(b["HostIp"], int(b["HostPort"])) for bindings in ports.values() for b in bindings or []]


def container_publishing(client: Any, port: int) -> Any | None:
    """The running container that publishes ``port`` on the host, if any."""
    for container in client.containers.list():
        if any(p == port for _, p in published(container)):
            return container
    return None


def container_env(container: Any) -> dict[str, str]:
    return dict(e.split("=", 1) for e in container.attrs["Config"]["Env"])
