"""``./dev up`` starts the staff console on :8000 with the services' URLs and the development login."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rc_console.settings import Settings
from rc_local import services
from rc_local.stack import Endpoints


class _Started:
    pid = 4242


def test_the_console_gets_the_services_urls_and_the_local_signing_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RC_STATE_DIR", str(tmp_path))
    started: list[dict[str, Any]] = []

    def popen(args: list[str], **kwargs: Any) -> _Started:
        started.append({"args": args, **kwargs})
        return _Started()

    monkeypatch.setattr(subprocess, "Popen", popen)
    endpoints = Endpoints(kafka_bootstrap="127.0.0.1:19092", admin_dsn="postgresql://postgres@127.0.0.1:55432/postgres")
    assert services.start("console", endpoints) == 4242
    (call,) = started
    assert call["args"][0].endswith("rc-console") and call["args"][1:] == ["serve"]
    env = call["env"]
    assert env["RC_HTTP_PORT"] == "8000"
    assert env.get("RC_DATABASE_URL") == os.environ.get("RC_DATABASE_URL")  # no database of its own
    assert env["RC_DEV_LOGIN_ENABLED"] == "true"
    assert Path(env["RC_DEV_LOGIN_PRIVATE_KEY_FILE"]) == tmp_path / "auth" / "private.pem"
    for name, port in (("members", 8001), ("campaigns", 8002), ("donations", 8003), ("reporting", 8004)):
        assert env[f"RC_{name.upper()}_URL"] == f"http://127.0.0.1:{port}"
    services.start("members", endpoints)
    assert started[1]["env"]["RC_DATABASE_URL"].endswith("/members")
    assert "RC_DEV_LOGIN_PRIVATE_KEY_FILE" not in started[1]["env"]  # only the console signs tokens

    for key, value in env.items():
        if key.startswith("RC_"):
            monkeypatch.setenv(key, value)
    settings = Settings()  # the console reads them as its settings
    assert settings.dev_login_enabled and settings.http_port == 8000
    assert settings.reporting_url == "http://127.0.0.1:8004"
