# ruff: noqa: E501 (the local stack's Markdown table: one row a line)
"""Generates ``docs/configuration.md``: every setting of every service, from the settings classes."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, get_args

from pydantic import SecretStr
from pydantic_settings import BaseSettings

SERVICES = ("members", "campaigns", "donations", "reporting", "console")

LOCAL = """## The local stack (`./dev`, `rc`) and the tests

(Written by hand in `rc_local/docs.py`: these are read by scripts and tests, not by a settings class.)

| variable | default | description |
|---|---|---|
| `RC_STATE_DIR` | `.local/` | Where Kafka's jars, data, logs and pid files live. |
| `RC_KAFKA_PORT` | `19092` | Local Kafka broker port. |
| `RC_KAFKA_CONTROLLER_PORT` | `19093` | Local KRaft controller port. |
| `RC_KAFKA_VERSION` | `4.1.1` | Apache Kafka version resolved from Maven Central. |
| `RC_POSTGRES_PORT` | `55432` | Local PostgreSQL port. |
| `KAFKA_BOOTSTRAP_SERVERS` | unset | Use this Kafka instead of starting one (also for tests). |
| `DATABASE_URL` | unset | Admin DSN of a PostgreSQL to use instead of starting one (also for tests). |
| `RC_TEST_INFRA` | `auto` | Tests: `env`, `docker` (testcontainers), `local`, or `auto` (that order). |
| `RC_TEST_FORK` | `1` | Tests: service processes forked from a zygote (`tests/launcher.py`); `0`: each its own. |
| `KAFKA_HEAP_OPTS` | `-Xms256m -Xmx1g` | JVM heap of the local broker. |
| `KAFKA_JVM_OPTS` | a small-footprint set (`rc_local/kafka/process.py`) | Other JVM options of the local broker (replace the default set). |
| `RC_MAVEN_OFFLINE` | unset | `1`: Maven resolves Kafka's jars offline (`-o`: everything already in `~/.m2`); an online failure is retried offline anyway. |
| `RC_MAVEN_ARGS` | unset | Extra Maven arguments, e.g. `-s /path/settings.xml` for a mirror or proxy (`MAVEN_OPTS` is passed through too). |
| `RC_TEST_WORKERS` | one per usable core (at most 4; none on one core) | Tests: pytest-xdist workers; `0`: everything in one process. |
| `RC_API_TOKEN` | unset | The bearer token the command-line clients send (`rc-members import`/`demo`, `rc-donations import-statement`); `./dev import-members` makes one. |
| `PYTHON` | `python3` | The interpreter `./dev` creates `.venv` with (3.11+; it needs the `venv` module). |
| `JAVA_HOME` | unset (`java` on `PATH`) | The Java 17+ the local broker runs on. |
| `CHROMIUM_BIN` | `/usr/bin/chromium-headless-shell` | Tests: the browser the console's tests drive (`deploy/tools/install-chromium.sh` installs it). |
| `RC_UPDATE_SCREENSHOTS` | unset | Tests: `1` copies the console's screenshots to `docs/console/`. |
| `RC_KAFKA_IMAGE` | `apache/kafka:4.1.1` | Tests with `RC_TEST_INFRA=docker`: the broker's image. |
| `RC_POSTGRES_IMAGE` | `postgres:18` | Tests with `RC_TEST_INFRA=docker`: the database's image. |
"""


def _secret(annotation: Any) -> bool:
    """A field typed as a secret (``SecretStr``, alone or optional): its default is not shown."""
    return annotation is SecretStr or SecretStr in get_args(annotation)


def _settings_class(service: str) -> type[BaseSettings]:
    module = importlib.import_module(f"rc_{service}.settings")
    cls: type[BaseSettings] = module.Settings
    return cls


def render() -> str:
    out = [
        "# Configuration reference",
        "",
        "Generated from the settings classes (`./dev docs generate`); a test fails when it is stale.",
        "Every service reads environment variables with the prefix `RC_`; secrets are marked.",
        "",
    ]
    for service in SERVICES:
        cls = _settings_class(service)
        prefix = str(cls.model_config.get("env_prefix", ""))
        out += [f"## {service}", ""]
        skipped = frozenset(getattr(cls, "NOT_READ", frozenset()))
        if skipped:
            out += ["It reads none of the database, Kafka, outbox or consumer settings of the services.", ""]
        out += ["| variable | default | description |", "|---|---|---|"]
        for name, field in cls.model_fields.items():
            if name in skipped:
                continue
            secret = _secret(field.annotation) or "password" in name or "secret" in name
            default = "(secret)" if secret else f"`{field.default!r}`"
            desc = (field.description or "").replace("|", "\\|")
            out.append(f"| `{(prefix + name).upper()}` | {default} | {desc} |")
        out.append("")
    out.append(LOCAL)
    return "\n".join(out)


def path(root: Path) -> Path:
    return root / "docs" / "configuration.md"
