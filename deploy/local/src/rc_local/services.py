"""The four services and the staff console as local background processes (pid and log files under the
state dir)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from rc_local import postgres
from rc_local.stack import Endpoints, state_dir
from rc_shared.auth import generate_keys, mint

PORTS: dict[str, int] = {"members": 8001, "campaigns": 8002, "donations": 8003, "reporting": 8004, "console": 8000}
APIS = ("members", "campaigns", "donations", "reporting")  # the console owns no database: it calls these


@dataclass(frozen=True)
class ServiceStatus:
    name: str
    running: bool
    pid: int | None
    url: str
    ready: bool


def auth_keys() -> tuple[Path, Path]:
    """The local development signing keys (private, public), created on first use."""
    return generate_keys(state_dir() / "auth")


def dev_token(
    role: str = "admin",
    unit_id: str | None = None,
    subject: str = "local-admin",
    ttl_s: int = 12 * 3600,
    writes_per_minute: int | None = None,
) -> str:
    """A token signed with the local development key (the services trust its public half);
    ``writes_per_minute``: the write quota claim of an integration client."""
    return mint(
        auth_keys()[0].read_bytes(),
        subject=subject,
        role=role,
        unit_id=unit_id,
        issuer="rc-dev",
        audience="redcross-platform",
        ttl_s=ttl_s,
        writes_per_minute=writes_per_minute,
    )


def _pid_file(name: str) -> Path:
    return state_dir() / "run" / f"{name}.pid"


def log_file(name: str) -> Path:
    return state_dir() / "logs" / f"{name}.log"


def url(name: str) -> str:
    return f"http://127.0.0.1:{PORTS[name]}"


def _pid(name: str) -> int | None:
    try:
        pid = int(_pid_file(name).read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except OSError:
        return None
    return pid


def _ready(name: str) -> bool:
    try:
        return httpx.get(f"{url(name)}/health/ready", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def start(name: str, endpoints: Endpoints) -> int:
    """Start one service in the background unless it already runs; return its pid."""
    pid = _pid(name)
    if pid is not None:
        return pid
    env = {
        **os.environ,
        "RC_SERVICE_NAME": name,
        "RC_HTTP_PORT": str(PORTS[name]),
        "RC_KAFKA_BOOTSTRAP_SERVERS": endpoints.kafka_bootstrap,
        "RC_AUTH_PUBLIC_KEY_FILE": str(auth_keys()[1]),
    }
    if name == "console":  # local only: the development login signs tokens with the local key
        env |= {f"RC_{api.upper()}_URL": url(api) for api in APIS}
        env |= {"RC_DEV_LOGIN_ENABLED": "true", "RC_DEV_LOGIN_PRIVATE_KEY_FILE": str(auth_keys()[0])}
    else:
        env["RC_DATABASE_URL"] = postgres.database_dsn(endpoints.admin_dsn, name)
    # the public pages link to each other; locally each service answers on its own port (one host in production)
    if name == "reporting":
        env["RC_PUBLIC_LEDGER_URL"] = url("donations")
    elif name == "donations":
        env["RC_PUBLIC_PAGES_URL"] = url("reporting")
    log_file(name).parent.mkdir(parents=True, exist_ok=True)
    _pid_file(name).parent.mkdir(parents=True, exist_ok=True)
    exe = Path(sys.executable).parent / f"rc-{name}"
    with log_file(name).open("ab") as log:
        proc = subprocess.Popen(
            [str(exe), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    _pid_file(name).write_text(str(proc.pid))
    return proc.pid


def wait_ready(name: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _ready(name):
            return
        if _pid(name) is None:
            break
        time.sleep(0.3)
    tail = "\n".join(log_file(name).read_text(errors="replace").splitlines()[-30:]) if log_file(name).exists() else ""
    raise RuntimeError(f"{name} did not become ready; log {log_file(name)}:\n{tail}")


def stop(name: str, timeout: float = 20.0) -> bool:
    pid = _pid(name)
    if pid is None:
        _pid_file(name).unlink(missing_ok=True)
        return False
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _pid(name) is not None:
        time.sleep(0.2)
    if _pid(name) is not None:
        os.killpg(pid, signal.SIGKILL)
    _pid_file(name).unlink(missing_ok=True)
    return True


def status(name: str) -> ServiceStatus:
    pid = _pid(name)
    return ServiceStatus(name, pid is not None, pid, url(name), pid is not None and _ready(name))
