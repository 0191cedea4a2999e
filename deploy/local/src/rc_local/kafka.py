"""A single-node Apache Kafka broker (KRaft, no ZooKeeper) on the local JVM, without containers.

The broker jars come from Maven Central: ``deploy/local/kafka/pom.xml`` declares
``org.apache.kafka:kafka_2.13`` plus a log4j2 backend, and :func:`ensure_jars` copies the runtime
dependencies into ``<state>/kafka/lib`` once. :func:`start` then formats the storage (once) and runs
``java -cp '<state>/kafka/lib/*' kafka.Kafka server.properties`` as a detached process.

Layout under ``<state>/kafka``::

    lib/                 broker jars (+ .resolved marker)
    config/server.properties
    data/                log.dirs (KRaft metadata log and topic data)
    logs/server.log      broker log (INFO), logs/kafka.out (JVM stdout/stderr, WARN+)
    kafka.pid            pid of the running broker
    run.json             ports of the last start
    cluster.id           the cluster id used to format the storage

Requirements: Java 17+ (``JAVA_HOME`` or ``java`` on ``PATH``) and Maven (``mvn`` on ``PATH``)
for the first resolution. Environment knobs:

* ``RC_KAFKA_VERSION``: Kafka version to resolve instead of the pom default (4.1.1).
* ``RC_MAVEN_OFFLINE=1``: run Maven with ``-o`` (everything must be in ``~/.m2`` already).
* ``RC_MAVEN_ARGS``: extra arguments for Maven (e.g. ``-s /path/settings.xml``); ``MAVEN_OPTS`` is
  passed through as usual.
* ``KAFKA_HEAP_OPTS`` / ``KAFKA_JVM_OPTS``: JVM heap / extra JVM options for the broker.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_CONTROLLER_PORT",
    "DEFAULT_PORT",
    "BrokerMetadata",
    "KafkaError",
    "KafkaStatus",
    "ensure_jars",
    "probe",
    "start",
    "status",
    "stop",
]

DEFAULT_PORT = 19092
DEFAULT_CONTROLLER_PORT = 19093
HOST = "127.0.0.1"

#: ``deploy/local/kafka`` (pom.xml, log4j2.properties) next to this package's ``src`` folder.
KAFKA_TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "kafka"

_DEFAULT_HEAP_OPTS = "-Xms256m -Xmx512m"
_DEFAULT_JVM_OPTS = (
    "-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 "
    "-XX:+ExplicitGCInvokesConcurrent "
    "-Djava.awt.headless=true"
)
_MAVEN_TIMEOUT_S = 900.0
_FORMAT_TIMEOUT_S = 120.0
_STOP_TIMEOUT_S = 30.0

# Children started by this process: kept referenced so they are reaped (no zombies) and so Python
# does not warn about a still-running subprocess being garbage collected.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


class KafkaError(RuntimeError):
    """Raised when the local broker cannot be resolved, started or stopped."""


@dataclass(frozen=True)
class BrokerMetadata:
    """What a broker answered to a Metadata request."""

    cluster_id: str | None
    controller_id: int
    brokers: tuple[tuple[int, str, int], ...]
    """``(node_id, host, port)`` of every live broker."""


@dataclass(frozen=True)
class KafkaStatus:
    """State of the local broker managed from one state directory."""

    running: bool
    """A broker process started from this state directory is alive."""
    answering: bool
    """The broker answered a Metadata request on its bootstrap address."""
    pid: int | None
    bootstrap: str | None
    """``host:port`` when running, else ``None``."""
    cluster_id: str | None
    kafka_dir: Path
    log_file: Path


# --------------------------------------------------------------------------------------------
# paths and small helpers


def _kafka_dir(state_dir: Path) -> Path:
    return Path(state_dir).resolve() / "kafka"


def _pid_file(kdir: Path) -> Path:
    return kdir / "kafka.pid"


def _run_file(kdir: Path) -> Path:
    return kdir / "run.json"


def _log_file(kdir: Path) -> Path:
    return kdir / "logs" / "server.log"


def _out_file(kdir: Path) -> Path:
    return kdir / "logs" / "kafka.out"


@contextlib.contextmanager
def _locked(kdir: Path) -> Iterator[None]:
    """Serialise resolve/start/stop across processes (e.g. parallel test workers)."""
    kdir.mkdir(parents=True, exist_ok=True)
    with (kdir / ".lock").open("a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"(no {path.name})"
    return "\n".join(text.splitlines()[-lines:])


def _pid_alive(pid: int) -> bool:
    """True when ``pid`` is a live (not zombie) process; reaps our own exited children."""
    child = _CHILDREN.get(pid)
    if child is not None:
        if child.poll() is None:
            return True
        _CHILDREN.pop(pid, None)
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): trust kill(0)
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _is_our_broker(pid: int, kdir: Path) -> bool:
    """The process is alive and runs ``kafka.Kafka`` with this state dir's server.properties."""
    if not _pid_alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # cannot check (no /proc): assume the pid file is right
    args = [a.decode(errors="replace") for a in cmdline]
    return "kafka.Kafka" in args and str(kdir / "config" / "server.properties") in args


def _read_pid(kdir: Path) -> int | None:
    try:
        return int(_pid_file(kdir).read_text().strip())
    except (OSError, ValueError):
        return None


def _read_run(kdir: Path) -> dict[str, int]:
    try:
        data = json.loads(_run_file(kdir).read_text())
    except (OSError, ValueError):
        return {}
    return {k: int(v) for k, v in data.items() if isinstance(v, int)}


def _port_in_use(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


# --------------------------------------------------------------------------------------------
# Kafka wire protocol: one Metadata (v4) request, enough to know the broker serves clients


def _read_exact(sock: socket.socket, size: int) -> bytes:
    buf = bytearray()
    while len(buf) < size:
        chunk = sock.recv(size - len(buf))
        if not chunk:
            raise ConnectionError("connection closed by the broker")
        buf += chunk
    return bytes(buf)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def int16(self) -> int:
        (value,) = struct.unpack_from(">h", self.data, self.pos)
        self.pos += 2
        return int(value)

    def int32(self) -> int:
        (value,) = struct.unpack_from(">i", self.data, self.pos)
        self.pos += 4
        return int(value)

    def string(self) -> str | None:
        size = self.int16()
        if size < 0:
            return None
        value = self.data[self.pos : self.pos + size].decode()
        self.pos += size
        return value


def probe(bootstrap: str, timeout: float = 3.0) -> BrokerMetadata:
    """Send a Kafka Metadata request (v4, no topics) to ``host:port`` and return the answer.

    Raises ``OSError`` (connection refused, timeout, closed) or ``KafkaError`` (bad answer).
    """
    host, _, port_s = bootstrap.rpartition(":")
    client_id = b"rc-local-probe"
    correlation_id = 7
    # request header v1: api_key, api_version, correlation_id, client_id; body v4: topics
    # (empty array = none, only brokers), allow_auto_topic_creation=false
    body = struct.pack(">hhih", 3, 4, correlation_id, len(client_id)) + client_id
    body += struct.pack(">ib", 0, 0)
    with socket.create_connection((host or HOST, int(port_s)), timeout=timeout) as sock:
        sock.settimeout(timeout)
        sock.sendall(struct.pack(">i", len(body)) + body)
        (size,) = struct.unpack(">i", _read_exact(sock, 4))
        reader = _Reader(_read_exact(sock, size))
    if reader.int32() != correlation_id:
        raise KafkaError("unexpected correlation id in Metadata response")
    reader.int32()  # throttle_time_ms
    brokers = []
    for _ in range(reader.int32()):
        node_id = reader.int32()
        broker_host = reader.string() or ""
        broker_port = reader.int32()
        reader.string()  # rack
        brokers.append((node_id, broker_host, broker_port))
    cluster_id = reader.string()
    controller_id = reader.int32()
    return BrokerMetadata(cluster_id, controller_id, tuple(brokers))


def _answers(bootstrap: str, timeout: float = 2.0) -> BrokerMetadata | None:
    try:
        meta = probe(bootstrap, timeout=timeout)
    except (OSError, KafkaError, struct.error):
        return None
    return meta if meta.brokers else None


# --------------------------------------------------------------------------------------------
# Java and Maven


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    candidate = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not candidate or not Path(candidate).exists():
        raise KafkaError(
            "Java 17+ is required to run the local Kafka broker: install a JDK/JRE 17 or newer "
            "(e.g. `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME; or point "
            "KAFKA_BOOTSTRAP_SERVERS at an existing broker."
        )
    out = subprocess.run([candidate, "-version"], capture_output=True, text=True, check=False, timeout=60)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if match:
        major = int(match.group(1))
        if major == 1 and match.group(2):  # "1.8.0_x"
            major = int(match.group(2))
        if major < 17:
            raise KafkaError(f"Kafka 4 needs Java 17+, but {candidate} is Java {major}.")
    return candidate


def _maven() -> str:
    mvn = shutil.which("mvn")
    if not mvn:
        raise KafkaError(
            "Maven (`mvn`) is required once to fetch the Kafka broker jars from Maven Central: "
            "install it (e.g. `apt-get install maven`); or point KAFKA_BOOTSTRAP_SERVERS at an "
            "existing broker."
        )
    return mvn


def _resolution_key(pom: Path, version: str | None) -> str:
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()
    return f"{digest}:{version or 'default'}"


def ensure_jars(state_dir: Path, *, kafka_version: str | None = None) -> Path:
    """Resolve the Kafka broker jars into ``<state>/kafka/lib`` and return that folder.

    Runs ``mvn dependency:copy-dependencies`` on ``deploy/local/kafka/pom.xml`` once; later calls
    return at once while the pom and the requested version are unchanged (a ``.resolved`` marker
    records them). ``kafka_version`` (or env ``RC_KAFKA_VERSION``) overrides the pom's default.
    Maven runs offline when ``RC_MAVEN_OFFLINE=1``; an online failure is retried offline, so a
    filled ``~/.m2`` is enough without network. ``MAVEN_OPTS`` / ``RC_MAVEN_ARGS`` are honoured.
    """
    kdir = _kafka_dir(state_dir)
    with _locked(kdir):
        return _ensure_jars_locked(kdir, kafka_version)


def _ensure_jars_locked(kdir: Path, kafka_version: str | None) -> Path:
    version = kafka_version or os.environ.get("RC_KAFKA_VERSION") or None
    pom = KAFKA_TEMPLATE_DIR / "pom.xml"
    if not pom.exists():
        raise KafkaError(f"{pom} is missing: rc_local must run from the repository checkout.")
    lib = kdir / "lib"
    marker = lib / ".resolved"
    key = _resolution_key(pom, version)
    if marker.exists() and marker.read_text().strip() == key and any(lib.glob("kafka_2.13-*.jar")):
        return lib

    mvn = _maven()
    tmp = kdir / f"lib.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    base = [mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(pom), "dependency:copy-dependencies"]
    base += [f"-DoutputDirectory={tmp}"]
    if version:
        base.append(f"-Dkafka.version={version}")
    base += shlex.split(os.environ.get("RC_MAVEN_ARGS", ""))
    offline_only = os.environ.get("RC_MAVEN_OFFLINE", "").lower() in {"1", "true", "yes"}
    attempts = [[*base, "-o"]] if offline_only else [base, [*base, "-o"]]
    errors: list[str] = []
    for cmd in attempts:
        try:
            done = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                check=False,
                timeout=_MAVEN_TIMEOUT_S,
                cwd=pom.parent,
            )
        except subprocess.TimeoutExpired:
            errors.append(f"`{shlex.join(cmd)}` timed out after {_MAVEN_TIMEOUT_S:.0f}s")
            continue
        if done.returncode == 0 and any(tmp.glob("kafka_2.13-*.jar")):
            break
        output = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)  # Maven 3.8 colours
        output = "\n".join(output.splitlines()[-30:])
        errors.append(f"`{shlex.join(cmd)}` exited {done.returncode}:\n{output}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
        raise KafkaError("could not resolve the Kafka broker jars from Maven Central:\n" + "\n\n".join(errors))
    (tmp / ".resolved").write_text(key + "\n")
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    return lib


# --------------------------------------------------------------------------------------------
# configuration and storage


def _server_properties(kdir: Path, port: int, controller_port: int) -> str:
    data = kdir / "data"
    props = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.voters": f"1@{HOST}:{controller_port}",
        "listeners": f"PLAINTEXT://{HOST}:{port},CONTROLLER://{HOST}:{controller_port}",
        "advertised.listeners": f"PLAINTEXT://{HOST}:{port}",
        "inter.broker.listener.name": "PLAINTEXT",
        "controller.listener.names": "CONTROLLER",
        "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs": str(data),
        "num.partitions": "3",
        "default.replication.factor": "1",
        "min.insync.replicas": "1",
        "auto.create.topics.enable": "true",
        "delete.topic.enable": "true",
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "10",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "transaction.state.log.num.partitions": "10",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
        "num.network.threads": "3",
        "num.io.threads": "4",
        "num.recovery.threads.per.data.dir": "1",
        "log.retention.hours": "168",
        "log.segment.bytes": str(64 * 1024 * 1024),
        "log.retention.check.interval.ms": "300000",
    }
    lines = [
        "# Generated by rc_local.kafka.start() on every start; edits are overwritten.",
        "# Single-node KRaft broker+controller for local development and tests.",
    ]
    lines += [f"{key}={value}" for key, value in props.items()]
    return "\n".join(lines) + "\n"


def _cluster_id(kdir: Path) -> str:
    path = kdir / "cluster.id"
    if path.exists():
        return path.read_text().strip()
    # Kafka's Uuid: 16 random bytes, URL-safe base64 without padding (22 chars).
    cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    path.write_text(cid + "\n")
    return cid


def _format_storage(kdir: Path, java: str, lib: Path, props: Path) -> None:
    if (kdir / "data" / "meta.properties").exists():
        return
    (kdir / "data").mkdir(parents=True, exist_ok=True)
    cmd = [
        java,
        *_log_opts(kdir),
        "-cp",
        f"{lib}/*",
        "kafka.tools.StorageTool",
        "format",
        "--config",
        str(props),
        "--cluster-id",
        _cluster_id(kdir),
        "--ignore-formatted",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=_FORMAT_TIMEOUT_S)
    if done.returncode != 0:
        raise KafkaError(
            f"formatting the KRaft storage failed (exit {done.returncode}):\n"
            f"{shlex.join(cmd)}\n{done.stdout}{done.stderr}"
        )


def _log_opts(kdir: Path) -> list[str]:
    logs = kdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    return [
        f"-Dlog4j2.configurationFile={KAFKA_TEMPLATE_DIR / 'log4j2.properties'}",
        f"-Dkafka.logs.dir={logs}",
    ]


# --------------------------------------------------------------------------------------------
# public lifecycle


def status(state_dir: Path) -> KafkaStatus:
    """Report whether the broker of ``state_dir`` runs and answers, with its pid and bootstrap."""
    kdir = _kafka_dir(state_dir)
    pid = _read_pid(kdir)
    running = pid is not None and _is_our_broker(pid, kdir)
    bootstrap: str | None = None
    meta: BrokerMetadata | None = None
    if running:
        bootstrap = f"{HOST}:{_read_run(kdir).get('port', DEFAULT_PORT)}"
        meta = _answers(bootstrap)
    return KafkaStatus(
        running=running,
        answering=meta is not None,
        pid=pid if running else None,
        bootstrap=bootstrap,
        cluster_id=meta.cluster_id if meta else None,
        kafka_dir=kdir,
        log_file=_log_file(kdir),
    )


def start(
    state_dir: Path,
    port: int = DEFAULT_PORT,
    controller_port: int = DEFAULT_CONTROLLER_PORT,
    *,
    timeout: float = 120.0,
) -> str:
    """Start (or reuse) the local single-node KRaft broker and return its bootstrap address.

    Idempotent: when the broker of ``state_dir`` already runs it only waits until it answers.
    The first call resolves the jars with Maven (:func:`ensure_jars`) and formats the storage;
    later starts reuse both (data survives restarts). The broker runs detached (own session), so
    it outlives the calling process; stop it with :func:`stop`. Raises :class:`KafkaError` with
    the tail of the broker log when it does not answer within ``timeout`` seconds.
    """
    kdir = _kafka_dir(state_dir)
    bootstrap = f"{HOST}:{port}"
    with _locked(kdir):
        pid = _read_pid(kdir)
        if pid is not None and _is_our_broker(pid, kdir):
            running_port = _read_run(kdir).get("port", port)
            if running_port != port:
                raise KafkaError(
                    f"the broker of {kdir} already runs on port {running_port} (pid {pid}); "
                    "stop it first to change ports"
                )
            _wait_until_answering(kdir, pid, bootstrap, timeout)
            return bootstrap
        _pid_file(kdir).unlink(missing_ok=True)

        for p in (port, controller_port):
            if _port_in_use(p):
                raise KafkaError(
                    f"port {HOST}:{p} is already taken by a process not started from {kdir}. "
                    "Stop it, choose other ports, or set KAFKA_BOOTSTRAP_SERVERS to use an "
                    "existing broker."
                )

        java = _java()
        lib = _ensure_jars_locked(kdir, None)
        config = kdir / "config"
        config.mkdir(parents=True, exist_ok=True)
        props = config / "server.properties"
        props.write_text(_server_properties(kdir, port, controller_port))
        _format_storage(kdir, java, lib, props)

        heap = shlex.split(os.environ.get("KAFKA_HEAP_OPTS", _DEFAULT_HEAP_OPTS))
        jvm = shlex.split(os.environ.get("KAFKA_JVM_OPTS", _DEFAULT_JVM_OPTS))
        cmd = [java, *heap, *jvm, *_log_opts(kdir), "-cp", f"{lib}/*", "kafka.Kafka", str(props)]
        with _out_file(kdir).open("ab") as out:
            out.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} starting broker ===\n".encode())
            out.flush()
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=kdir,
                start_new_session=True,
                close_fds=True,
            )
        _CHILDREN[proc.pid] = proc
        _pid_file(kdir).write_text(f"{proc.pid}\n")
        _run_file(kdir).write_text(json.dumps({"port": port, "controller_port": controller_port}))
        try:
            _wait_until_answering(kdir, proc.pid, bootstrap, timeout)
        except KafkaError:
            _terminate(proc.pid, grace=5.0)
            _pid_file(kdir).unlink(missing_ok=True)
            raise
        return bootstrap


def _wait_until_answering(kdir: Path, pid: int, bootstrap: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if _answers(bootstrap) is not None:
            return
        if not _pid_alive(pid):
            raise KafkaError(
                f"the Kafka broker (pid {pid}) exited during startup.\n"
                f"--- {_out_file(kdir)} ---\n{_tail(_out_file(kdir))}\n"
                f"--- {_log_file(kdir)} ---\n{_tail(_log_file(kdir))}"
            )
        if time.monotonic() > deadline:
            raise KafkaError(
                f"the Kafka broker (pid {pid}) did not answer on {bootstrap} within "
                f"{timeout:.0f}s.\n--- {_log_file(kdir)} ---\n{_tail(_log_file(kdir))}\n"
                f"--- {_out_file(kdir)} ---\n{_tail(_out_file(kdir))}"
            )
        time.sleep(0.25)


def _terminate(pid: int, grace: float) -> bool:
    """SIGTERM the broker's process group, SIGKILL after ``grace`` seconds; True if it ended."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return True
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    for _ in range(50):
        if not _pid_alive(pid):
            return True
        time.sleep(0.1)
    return False


def stop(state_dir: Path, *, timeout: float = _STOP_TIMEOUT_S) -> bool:
    """Stop the broker of ``state_dir`` (SIGTERM, SIGKILL after ``timeout``).

    Returns True when a running broker was stopped, False when none was running. Data stays.
    """
    kdir = _kafka_dir(state_dir)
    with _locked(kdir):
        pid = _read_pid(kdir)
        if pid is None or not _is_our_broker(pid, kdir):
            _pid_file(kdir).unlink(missing_ok=True)
            return False
        if not _terminate(pid, grace=timeout):
            raise KafkaError(f"could not stop the Kafka broker (pid {pid})")
        _pid_file(kdir).unlink(missing_ok=True)
        return True
