"""What every part of the launcher shares: constants, errors and the layout of ``<state>/kafka``."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

DEFAULT_PORT = 19092
DEFAULT_CONTROLLER_PORT = 19093
HOST = "127.0.0.1"

#: ``deploy/local/kafka`` (pom.xml, log4j2.properties) next to this package's ``src`` folder.
KAFKA_TEMPLATE_DIR = Path(__file__).resolve().parents[3] / "kafka"

#: SASL mechanisms :func:`rc_local.kafka.start` can enable (SCRAM only: credentials live in the metadata log).
SCRAM_MECHANISMS: tuple[str, ...] = ("SCRAM-SHA-512", "SCRAM-SHA-256")
#: The broker's own SCRAM user: inter-broker identity and the launcher's probe identity.
BROKER_USER = "rc-local-broker"


class KafkaError(RuntimeError):
    """Raised when the local broker cannot be resolved, started or stopped."""


class KafkaAuthenticationError(KafkaError):
    """The broker refused the SASL handshake or the credentials (raised by :func:`rc_local.kafka.probe`)."""


# --------------------------------------------------------------------------------------------
# layout under <state>/kafka


def kafka_dir(state_dir: Path) -> Path:
    return Path(state_dir).resolve() / "kafka"


def pid_file(kdir: Path) -> Path:
    return kdir / "kafka.pid"


def run_file(kdir: Path) -> Path:
    return kdir / "run.json"


def log_file(kdir: Path) -> Path:
    return kdir / "logs" / "server.log"


def out_file(kdir: Path) -> Path:
    return kdir / "logs" / "kafka.out"


def security_file(kdir: Path) -> Path:
    return kdir / "security.json"


def tls_dir(kdir: Path) -> Path:
    return kdir / "tls"


def ca_file(state_dir: Path) -> Path:
    """PEM certificate of the local CA that signed the broker's TLS certificate.

    Exists once :func:`rc_local.kafka.start` ran with ``tls_port``; give it to clients
    (``ssl_context`` / ``RC_KAFKA_SSL_CAFILE``).
    """
    return tls_dir(kafka_dir(state_dir)) / "ca.pem"


# --------------------------------------------------------------------------------------------
# files


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (the file holds secrets)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT


def _read_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_security(kdir: Path) -> dict[str, object]:
    """The secrets of ``security.json`` (empty when there are none)."""
    return _read_json(security_file(kdir))


def read_run_info(kdir: Path) -> dict[str, object]:
    """What the last start recorded in ``run.json`` (ports, security protocol)."""
    return _read_json(run_file(kdir))


def read_run_ports(kdir: Path) -> dict[str, int]:
    return {k: int(v) for k, v in read_run_info(kdir).items() if isinstance(v, int)}


@contextlib.contextmanager
def locked(kdir: Path) -> Iterator[None]:
    """Serialise resolve/start/stop across processes (e.g. parallel test workers)."""
    kdir.mkdir(parents=True, exist_ok=True)
    with (kdir / ".lock").open("a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"(no {path.name})"
    return "\n".join(text.splitlines()[-lines:])


def port_in_use(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def formatted(kdir: Path) -> bool:
    """The KRaft storage of ``kdir`` was formatted (``data/meta.properties`` exists)."""
    return (kdir / "data" / "meta.properties").exists()
