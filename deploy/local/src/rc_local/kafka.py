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

Security (optional; by default the client listener is PLAINTEXT, as before):

* ``start(..., scram_users={"alice": "secret"})`` makes the client listener ``SASL_PLAINTEXT`` with
  SCRAM-SHA-512 and SCRAM-SHA-256 (``sasl_mechanisms=``) and no PLAINTEXT client listener at all.
  The users' SCRAM credentials (plus an internal ``rc-local-broker`` user, the inter-broker
  identity also used by :func:`status` to probe) are written into the KRaft metadata log when the
  storage is formatted (``kafka-storage format --add-scram 'SCRAM-SHA-512=[name=..,iterations=..,
  salt="..",saltedpassword=".."]'``; salted here, so no plain password reaches a command line).
  Users therefore exist from the first start; a later start with other users or passwords raises
  :class:`KafkaError` (use a fresh state dir). No authorizer: every authenticated user may do
  everything. The controller listener stays PLAINTEXT (on 127.0.0.1).
* ``start(..., tls_port=N)`` adds a TLS listener (``SASL_SSL`` with SCRAM users, else ``SSL``) with
  a self-signed CA and broker certificate made once by ``keytool`` (IP:127.0.0.1, DNS:localhost);
  clients verify it with :func:`ca_file` (PEM).
* Secrets (broker password, keystore password, salted SCRAM records) live in
  ``<state>/kafka/security.json`` and ``config/server.properties``, both mode 0600.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "BROKER_USER",
    "DEFAULT_CONTROLLER_PORT",
    "DEFAULT_PORT",
    "SCRAM_MECHANISMS",
    "BrokerMetadata",
    "ClientSecurity",
    "KafkaAuthenticationError",
    "KafkaError",
    "KafkaStatus",
    "ca_file",
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
_KEYTOOL_TIMEOUT_S = 60.0

#: SASL mechanisms :func:`start` can enable (SCRAM only: credentials live in the metadata log).
SCRAM_MECHANISMS: tuple[str, ...] = ("SCRAM-SHA-512", "SCRAM-SHA-256")
_SCRAM_HASHES = {"SCRAM-SHA-256": "sha256", "SCRAM-SHA-512": "sha512"}
_SCRAM_ITERATIONS = 4096  # Kafka's default and the minimum it accepts
#: The broker's own SCRAM user: inter-broker identity and the launcher's probe identity.
BROKER_USER = "rc-local-broker"

# Children started by this process: kept referenced so they are reaped (no zombies) and so Python
# does not warn about a still-running subprocess being garbage collected.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


class KafkaError(RuntimeError):
    """Raised when the local broker cannot be resolved, started or stopped."""


class KafkaAuthenticationError(KafkaError):
    """The broker refused the SASL handshake or the credentials (raised by :func:`probe`)."""


@dataclass(frozen=True)
class ClientSecurity:
    """How :func:`probe` talks to a listener: TLS and/or SASL/SCRAM (default: PLAINTEXT)."""

    sasl_mechanism: str | None = None
    """``SCRAM-SHA-512`` or ``SCRAM-SHA-256``; ``None``: no SASL."""
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    tls: bool = False
    cafile: Path | None = None
    """PEM bundle that verifies the broker certificate (``None``: the system's CAs)."""

    @property
    def protocol(self) -> str:
        """The Kafka ``security.protocol`` this corresponds to."""
        if self.sasl_mechanism:
            return "SASL_SSL" if self.tls else "SASL_PLAINTEXT"
        return "SSL" if self.tls else "PLAINTEXT"


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
    security_protocol: str = "PLAINTEXT"
    """Protocol of the ``bootstrap`` listener: ``PLAINTEXT`` or ``SASL_PLAINTEXT``."""
    tls_bootstrap: str | None = None
    """``host:port`` of the TLS listener (``SSL`` / ``SASL_SSL``) when one was started."""
    ca_file: Path | None = None
    """PEM CA certificate that verifies the TLS listener, when there is one."""


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


def _security_file(kdir: Path) -> Path:
    return kdir / "security.json"


def _tls_dir(kdir: Path) -> Path:
    return kdir / "tls"


def ca_file(state_dir: Path) -> Path:
    """PEM certificate of the local CA that signed the broker's TLS certificate.

    Exists once :func:`start` ran with ``tls_port``; give it to clients (``ssl_context`` /
    ``RC_KAFKA_SSL_CAFILE``).
    """
    return _tls_dir(_kafka_dir(state_dir)) / "ca.pem"


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (the file holds secrets)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT


def _load_security(kdir: Path) -> dict[str, object]:
    try:
        data = json.loads(_security_file(kdir).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


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
    return {k: int(v) for k, v in _read_run_info(kdir).items() if isinstance(v, int)}


def _read_run_info(kdir: Path) -> dict[str, object]:
    try:
        data = json.loads(_run_file(kdir).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _port_in_use(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


# --------------------------------------------------------------------------------------------
# Kafka wire protocol: one Metadata (v4) request, enough to know the broker serves clients
# (after a SASL/SCRAM exchange and over TLS when the listener wants them)


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

    def bytes_(self) -> bytes:
        size = self.int32()
        if size < 0:
            return b""
        value = self.data[self.pos : self.pos + size]
        self.pos += size
        return value


def _kstring(value: str) -> bytes:
    raw = value.encode()
    return struct.pack(">h", len(raw)) + raw


class _Connection:
    """Request/response on one socket with non-flexible (v1) request headers."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.correlation_id = 6

    def request(self, api_key: int, api_version: int, body: bytes) -> _Reader:
        self.correlation_id += 1
        client_id = b"rc-local-probe"
        header = struct.pack(">hhih", api_key, api_version, self.correlation_id, len(client_id)) + client_id
        payload = header + body
        self.sock.sendall(struct.pack(">i", len(payload)) + payload)
        (size,) = struct.unpack(">i", _read_exact(self.sock, 4))
        reader = _Reader(_read_exact(self.sock, size))
        if reader.int32() != self.correlation_id:
            raise KafkaError(f"unexpected correlation id in the response to api key {api_key}")
        return reader


def _sasl_authenticate(conn: _Connection, token: bytes) -> bytes:
    """One SaslAuthenticate (v1) round trip; raises on an error code (bad credentials: 58)."""
    reader = conn.request(36, 1, struct.pack(">i", len(token)) + token)
    error = reader.int16()
    message = reader.string()
    data = reader.bytes_()
    if error != 0:
        raise KafkaAuthenticationError(f"SASL authentication failed (error code {error}): {message}")
    return data


def _scram_client_proof(
    mechanism: str, password: str, salt: bytes, iterations: int, auth_message: bytes
) -> tuple[bytes, bytes]:
    """RFC 5802: ``(ClientProof, ServerSignature)`` for ``auth_message``."""
    name = _SCRAM_HASHES[mechanism]
    salted = hashlib.pbkdf2_hmac(name, password.encode(), salt, iterations)
    client_key = hmac.digest(salted, b"Client Key", name)
    stored_key = hashlib.new(name, client_key).digest()
    signature = hmac.digest(stored_key, auth_message, name)
    proof = bytes(a ^ b for a, b in zip(client_key, signature, strict=True))
    server_key = hmac.digest(salted, b"Server Key", name)
    return proof, hmac.digest(server_key, auth_message, name)


def _scram_login(conn: _Connection, mechanism: str, username: str, password: str) -> None:
    """SaslHandshake (v1) + a SCRAM exchange in SaslAuthenticate requests, as Kafka clients do."""
    if mechanism not in _SCRAM_HASHES:
        raise KafkaError(f"unsupported SASL mechanism {mechanism!r}: use one of {', '.join(SCRAM_MECHANISMS)}")
    reader = conn.request(17, 1, _kstring(mechanism))
    error = reader.int16()
    enabled = [reader.string() for _ in range(reader.int32())]
    if error != 0:
        raise KafkaAuthenticationError(
            f"the broker refused SASL mechanism {mechanism} (error code {error}); it enables {enabled}"
        )
    nonce = secrets.token_urlsafe(24)
    client_first_bare = "n={},r={}".format(username.replace("=", "=3D").replace(",", "=2C"), nonce)
    server_first = _sasl_authenticate(conn, f"n,,{client_first_bare}".encode()).decode()
    attrs: dict[str, str] = {}
    for item in server_first.split(","):
        key, _, value = item.partition("=")
        attrs[key] = value
    server_nonce = attrs.get("r", "")
    if not server_nonce.startswith(nonce) or "s" not in attrs or "i" not in attrs:
        raise KafkaAuthenticationError("SCRAM: malformed server-first message")
    without_proof = f"c=biws,r={server_nonce}"
    auth_message = f"{client_first_bare},{server_first},{without_proof}".encode()
    proof, server_signature = _scram_client_proof(
        mechanism, password, base64.b64decode(attrs["s"]), int(attrs["i"]), auth_message
    )
    final = f"{without_proof},p={base64.b64encode(proof).decode()}".encode()
    server_final = _sasl_authenticate(conn, final).decode()
    if not hmac.compare_digest(server_final.encode(), b"v=" + base64.b64encode(server_signature)):
        raise KafkaAuthenticationError("SCRAM: the broker's signature does not verify")


def _open(host: str, port: int, timeout: float, security: ClientSecurity) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=timeout)
    sock.settimeout(timeout)
    if not security.tls:
        return sock
    context = ssl.create_default_context(cafile=str(security.cafile) if security.cafile else None)
    try:
        return context.wrap_socket(sock, server_hostname=host)
    except BaseException:
        sock.close()
        raise


def probe(bootstrap: str, timeout: float = 3.0, *, security: ClientSecurity | None = None) -> BrokerMetadata:
    """Send a Kafka Metadata request (v4, no topics) to ``host:port`` and return the answer.

    ``security`` adds TLS and/or a SASL/SCRAM login first (default: PLAINTEXT). Raises
    ``OSError`` (connection refused, timeout, closed, TLS failure), :class:`KafkaAuthenticationError`
    (credentials or mechanism refused) or :class:`KafkaError` (bad answer).
    """
    security = security or ClientSecurity()
    host, _, port_s = bootstrap.rpartition(":")
    host = host or HOST
    # body v4: topics (empty array = none, only brokers), allow_auto_topic_creation=false
    body = struct.pack(">ib", 0, 0)
    with _open(host, int(port_s), timeout, security) as sock:
        conn = _Connection(sock)
        if security.sasl_mechanism:
            _scram_login(conn, security.sasl_mechanism, security.username or "", security.password or "")
        reader = conn.request(3, 4, body)
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


def _answers(bootstrap: str, timeout: float = 2.0, security: ClientSecurity | None = None) -> BrokerMetadata | None:
    try:
        meta = probe(bootstrap, timeout=timeout, security=security)
    except (OSError, KafkaError, struct.error, ValueError):
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


@dataclass(frozen=True)
class _Security:
    """What :func:`start` was asked for beyond a PLAINTEXT client listener."""

    sasl_mechanisms: tuple[str, ...] = ()
    """Enabled SCRAM mechanisms (first: inter-broker and probe); empty: no SASL."""
    tls_port: int | None = None
    broker_password: str | None = field(default=None, repr=False)
    keystore_password: str | None = field(default=None, repr=False)

    @property
    def main_listener(self) -> str:
        """Name (= protocol) of the client listener on ``port``; also the inter-broker one."""
        return "SASL_PLAINTEXT" if self.sasl_mechanisms else "PLAINTEXT"

    @property
    def tls_listener(self) -> str:
        return "SASL_SSL" if self.sasl_mechanisms else "SSL"

    def probe_security(self, tls: bool = False, cafile: Path | None = None) -> ClientSecurity:
        """How the launcher itself logs in: as :data:`BROKER_USER` with the first mechanism."""
        if not self.sasl_mechanisms:
            return ClientSecurity(tls=tls, cafile=cafile)
        return ClientSecurity(self.sasl_mechanisms[0], BROKER_USER, self.broker_password, tls, cafile)


def _jaas(username: str, password: str) -> str:
    for value in (username, password):
        if '"' in value or "\\" in value:
            raise KafkaError("JAAS values must not contain quotes or backslashes")
    return (
        f'org.apache.kafka.common.security.scram.ScramLoginModule required username="{username}" password="{password}";'
    )


def _security_properties(kdir: Path, sec: _Security) -> dict[str, str]:
    props: dict[str, str] = {}
    if sec.sasl_mechanisms:
        assert sec.broker_password is not None
        props["sasl.enabled.mechanisms"] = ",".join(sec.sasl_mechanisms)
        props["sasl.mechanism.inter.broker.protocol"] = sec.sasl_mechanisms[0]
        listeners = [sec.main_listener] + ([sec.tls_listener] if sec.tls_port else [])
        for listener in listeners:
            for mechanism in sec.sasl_mechanisms:
                # Server side of SCRAM; the user/password are the broker's own (inter-broker) login.
                key = f"listener.name.{listener.lower()}.{mechanism.lower()}.sasl.jaas.config"
                props[key] = _jaas(BROKER_USER, sec.broker_password)
    if sec.tls_port:
        assert sec.keystore_password is not None
        tls = _tls_dir(kdir)
        props.update(
            {
                "ssl.keystore.type": "PKCS12",
                "ssl.keystore.location": str(tls / "broker.p12"),
                "ssl.keystore.password": sec.keystore_password,
                "ssl.key.password": sec.keystore_password,
                "ssl.client.auth": "none",
                "ssl.endpoint.identification.algorithm": "https",
            }
        )
    return props


def _server_properties(kdir: Path, port: int, controller_port: int, security: _Security | None = None) -> str:
    data = kdir / "data"
    sec = security or _Security()
    main = sec.main_listener
    client = [f"{main}://{HOST}:{port}"]
    if sec.tls_port:
        client.append(f"{sec.tls_listener}://{HOST}:{sec.tls_port}")
    protocol_map = ["CONTROLLER:PLAINTEXT", f"{main}:{main}"]
    if sec.tls_port:
        protocol_map.append(f"{sec.tls_listener}:{sec.tls_listener}")
    props = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.voters": f"1@{HOST}:{controller_port}",
        "listeners": ",".join([*client, f"CONTROLLER://{HOST}:{controller_port}"]),
        "advertised.listeners": ",".join(client),
        "inter.broker.listener.name": main,
        "controller.listener.names": "CONTROLLER",
        "listener.security.protocol.map": ",".join(protocol_map),
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
    props.update(_security_properties(kdir, sec))
    lines = [
        "# Generated by rc_local.kafka.start() on every start; edits are overwritten.",
        "# Single-node KRaft broker+controller for local development and tests.",
    ]
    lines += [f"{key}={value}" for key, value in props.items()]
    return "\n".join(lines) + "\n"


def new_cluster_id() -> str:
    """A cluster id as Kafka's ``Uuid.randomUuid()`` draws it.

    16 random bytes, URL-safe base64 without padding (22 chars); drawn again when the text would
    start with ``-`` (one draw in 64), which command-line parsers take for an option.
    """
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):
            return cid


def _cluster_id(kdir: Path) -> str:
    """The state directory's cluster id; a file from an earlier version may start with ``-``."""
    path = kdir / "cluster.id"
    if path.exists():
        return path.read_text().strip()
    cid = new_cluster_id()
    path.write_text(cid + "\n")
    return cid


def _formatted(kdir: Path) -> bool:
    return (kdir / "data" / "meta.properties").exists()


def _format_storage(kdir: Path, java: str, lib: Path, props: Path, add_scram: Sequence[str] = ()) -> None:
    if _formatted(kdir):
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
        # One argument with "=": an id starting with "-" must not be taken for an option.
        f"--cluster-id={_cluster_id(kdir)}",
        "--ignore-formatted",
    ]
    for credential in add_scram:
        cmd += ["--add-scram", credential]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=_FORMAT_TIMEOUT_S)
    if done.returncode != 0:
        shown = [re.sub(r"salt=.*", "salt=<redacted>]", arg) if arg.startswith("SCRAM-") else arg for arg in cmd]
        output = done.stdout + done.stderr
        for credential in add_scram:
            output = output.replace(credential, "<redacted>")
        raise KafkaError(
            f"formatting the KRaft storage failed (exit {done.returncode}):\n{shlex.join(shown)}\n{output}"
        )


# --------------------------------------------------------------------------------------------
# SCRAM users (written into the metadata log by `kafka-storage format --add-scram`)


def _check_scram_request(users: Mapping[str, str], mechanisms: Sequence[str]) -> tuple[str, ...]:
    mechs = tuple(dict.fromkeys(m.upper() for m in mechanisms))
    if not mechs:
        raise KafkaError("sasl_mechanisms is empty: give at least one of " + ", ".join(SCRAM_MECHANISMS))
    unknown = [m for m in mechs if m not in _SCRAM_HASHES]
    if unknown:
        raise KafkaError(f"unsupported SASL mechanism(s) {unknown}: use {', '.join(SCRAM_MECHANISMS)}")
    if not users:
        raise KafkaError("scram_users is empty: give at least one user, or None for a PLAINTEXT listener")
    for name, password in users.items():
        if not name or name != name.strip() or any(c in name for c in ',"'):
            raise KafkaError(f"SCRAM user name {name!r}: must be non-empty, without commas, quotes or edge spaces")
        if name == BROKER_USER:
            raise KafkaError(f"{BROKER_USER!r} is the broker's own user; choose another name")
        if not isinstance(password, str) or not password:
            raise KafkaError(f"SCRAM user {name!r} needs a non-empty password")
    return mechs


def _scram_record(mechanism: str, password: str, salt: bytes, iterations: int) -> tuple[bytes, bytes]:
    """``(salted_password, stored_key)`` as Kafka's ScramFormatter computes them."""
    name = _SCRAM_HASHES[mechanism]
    salted = hashlib.pbkdf2_hmac(name, password.encode(), salt, iterations)
    stored_key = hashlib.new(name, hmac.digest(salted, b"Client Key", name)).digest()
    return salted, stored_key


def _scram_credentials(
    users: Mapping[str, str], mechanisms: Sequence[str]
) -> tuple[list[str], dict[str, dict[str, dict[str, object]]]]:
    """``--add-scram`` arguments (salted, no plain password) and what to remember for later checks."""
    args: list[str] = []
    remembered: dict[str, dict[str, dict[str, object]]] = {}
    for name, password in users.items():
        for mechanism in mechanisms:
            salt = secrets.token_bytes(32)
            salted, stored_key = _scram_record(mechanism, password, salt, _SCRAM_ITERATIONS)
            b64 = base64.b64encode
            args.append(
                f"{mechanism}=[name={name},iterations={_SCRAM_ITERATIONS},"
                f'salt="{b64(salt).decode()}",saltedpassword="{b64(salted).decode()}"]'
            )
            remembered.setdefault(name, {})[mechanism] = {
                "salt": b64(salt).decode(),
                "iterations": _SCRAM_ITERATIONS,
                "stored_key": b64(stored_key).decode(),
            }
    return args, remembered


def _scram_mismatches(remembered: object, users: Mapping[str, str], mechanisms: Sequence[str]) -> list[str]:
    """Users (or mechanisms/passwords) asked for that the formatted storage does not hold."""
    known = remembered if isinstance(remembered, dict) else {}
    problems: list[str] = []
    for name, password in users.items():
        for mechanism in mechanisms:
            record = known.get(name, {}).get(mechanism) if isinstance(known.get(name), dict) else None
            if not isinstance(record, dict):
                problems.append(f"{name} ({mechanism}): not created")
                continue
            salt = base64.b64decode(str(record["salt"]))
            iterations = record["iterations"]
            assert isinstance(iterations, int)
            _, stored_key = _scram_record(mechanism, password, salt, iterations)
            if not hmac.compare_digest(base64.b64encode(stored_key).decode(), str(record["stored_key"])):
                problems.append(f"{name} ({mechanism}): other password")
    return problems


# --------------------------------------------------------------------------------------------
# TLS material (self-signed CA + broker certificate, made once with keytool)


def _keytool(java: str) -> str:
    candidate = Path(java).resolve().parent / "keytool"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("keytool")
    if not found:
        raise KafkaError("keytool (part of every JDK/JRE) is needed to make the TLS certificates")
    return found


def _ensure_tls(kdir: Path, java: str, password: str) -> None:
    """Make ``tls/ca.pem`` (CA certificate) and ``tls/broker.p12`` (broker key + chain) once.

    EC P-256 keys and a client-compiler JVM keep the six keytool runs at about 3 s. The broker
    needs no truststore: clients are not asked for certificates and inter-broker traffic stays on
    the non-TLS listener.
    """
    tls = _tls_dir(kdir)
    if all((tls / n).exists() for n in ("ca.pem", "broker.p12")):
        return
    keytool = _keytool(java)
    tmp = kdir / f"tls.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(mode=0o700, parents=True)
    env = {**os.environ, "RC_KAFKA_KEYSTORE_PASS": password}
    jvm = ["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"]
    pw = ["-storepass:env", "RC_KAFKA_KEYSTORE_PASS"]
    new = [*pw, "-keypass:env", "RC_KAFKA_KEYSTORE_PASS", "-storetype", "PKCS12", "-noprompt"]
    key = ["-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650"]
    steps = [
        ["-genkeypair", "-alias", "ca", *key, "-dname", "CN=rc-local Kafka CA", "-ext", "bc:c",
         "-keystore", "ca.p12", *new],
        ["-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem", *pw],
        ["-genkeypair", "-alias", "broker", *key, "-dname", f"CN={HOST}", "-keystore", "broker.p12", *new],
        ["-certreq", "-alias", "broker", "-keystore", "broker.p12", "-file", "broker.csr", *pw],
        [
            "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "broker.csr", "-outfile", "broker.pem",
            "-rfc", "-validity", "3650", "-ext", f"SAN=IP:{HOST},DNS:localhost",
            "-ext", "KU=digitalSignature", "-ext", "EKU=serverAuth", *pw,
        ],
        ["-importcert", "-alias", "broker", "-file", "chain.pem", "-keystore", "broker.p12", "-noprompt", *pw],
    ]  # fmt: skip
    for step in steps:
        if step[0] == "-importcert":  # the CA's answer with the full chain, so no trust prompt
            (tmp / "chain.pem").write_text((tmp / "broker.pem").read_text() + (tmp / "ca.pem").read_text())
        done = subprocess.run(
            [keytool, *jvm, *step],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=_KEYTOOL_TIMEOUT_S,
        )
        if done.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise KafkaError(f"keytool {step[0]} failed (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    for name in ("broker.csr", "chain.pem"):
        (tmp / name).unlink()
    for name in ("ca.p12", "broker.p12"):
        os.chmod(tmp / name, 0o600)
    shutil.rmtree(tls, ignore_errors=True)
    tmp.rename(tls)


def _log_opts(kdir: Path) -> list[str]:
    logs = kdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    return [
        f"-Dlog4j2.configurationFile={KAFKA_TEMPLATE_DIR / 'log4j2.properties'}",
        f"-Dkafka.logs.dir={logs}",
    ]


# --------------------------------------------------------------------------------------------
# public lifecycle


def _running_security(kdir: Path) -> tuple[str, str | None, ClientSecurity]:
    """``(protocol, tls_bootstrap, probe security)`` of the broker last started from ``kdir``."""
    info = _read_run_info(kdir)
    protocol = str(info.get("security_protocol") or "PLAINTEXT")
    tls_port = info.get("tls_port")
    tls_bootstrap = f"{HOST}:{tls_port}" if isinstance(tls_port, int) else None
    if protocol == "SASL_PLAINTEXT":
        password = _load_security(kdir).get("broker_password")
        mechanism = str(info.get("sasl_mechanism") or SCRAM_MECHANISMS[0])
        return protocol, tls_bootstrap, ClientSecurity(mechanism, BROKER_USER, str(password or ""))
    return protocol, tls_bootstrap, ClientSecurity()


def status(state_dir: Path) -> KafkaStatus:
    """Report whether the broker of ``state_dir`` runs and answers, with its pid and bootstrap.

    A SASL broker is probed as the launcher's own SCRAM user (:data:`BROKER_USER`).
    """
    kdir = _kafka_dir(state_dir)
    pid = _read_pid(kdir)
    running = pid is not None and _is_our_broker(pid, kdir)
    bootstrap: str | None = None
    meta: BrokerMetadata | None = None
    protocol, tls_bootstrap, security = _running_security(kdir)
    if running:
        bootstrap = f"{HOST}:{_read_run(kdir).get('port', DEFAULT_PORT)}"
        meta = _answers(bootstrap, security=security)
    ca = ca_file(state_dir) if running and tls_bootstrap else None
    return KafkaStatus(
        running=running,
        answering=meta is not None,
        pid=pid if running else None,
        bootstrap=bootstrap,
        cluster_id=meta.cluster_id if meta else None,
        kafka_dir=kdir,
        log_file=_log_file(kdir),
        security_protocol=protocol if running else "PLAINTEXT",
        tls_bootstrap=tls_bootstrap if running else None,
        ca_file=ca,
    )


def _prepare_security(
    kdir: Path,
    scram_users: Mapping[str, str] | None,
    sasl_mechanisms: Sequence[str],
    tls_port: int | None,
) -> tuple[_Security, list[str]]:
    """Secrets and ``--add-scram`` arguments for this start (nothing when PLAINTEXT).

    Raises :class:`KafkaError` when the storage is already formatted without the asked users.
    """
    if scram_users is None and tls_port is None:
        return _Security(), []
    stored = _load_security(kdir)
    changed = False
    add_scram: list[str] = []
    mechanisms: tuple[str, ...] = ()
    if scram_users is not None:
        mechanisms = _check_scram_request(scram_users, sasl_mechanisms)
        if not isinstance(stored.get("broker_password"), str):
            stored["broker_password"] = secrets.token_urlsafe(24)
            changed = True
        everyone = {BROKER_USER: str(stored["broker_password"]), **scram_users}
        if _formatted(kdir):
            problems = _scram_mismatches(stored.get("scram"), everyone, mechanisms)
            if problems:
                raise KafkaError(
                    f"SCRAM users are created when the storage is formatted, and {kdir / 'data'} was "
                    f"formatted without: {'; '.join(problems)}. Use another state dir, or stop the broker "
                    f"and delete {kdir / 'data'} (topics are lost)."
                )
        else:
            add_scram, stored["scram"] = _scram_credentials(everyone, mechanisms)
            changed = True
    if tls_port is not None and not isinstance(stored.get("keystore_password"), str):
        stored["keystore_password"] = secrets.token_urlsafe(24)
        changed = True
        shutil.rmtree(_tls_dir(kdir), ignore_errors=True)  # made with a lost password
    if changed:
        _write_private(_security_file(kdir), json.dumps(stored, indent=2) + "\n")
    return (
        _Security(
            sasl_mechanisms=mechanisms,
            tls_port=tls_port,
            broker_password=str(stored["broker_password"]) if mechanisms else None,
            keystore_password=str(stored["keystore_password"]) if tls_port is not None else None,
        ),
        add_scram,
    )


def start(
    state_dir: Path,
    port: int = DEFAULT_PORT,
    controller_port: int = DEFAULT_CONTROLLER_PORT,
    *,
    timeout: float = 120.0,
    scram_users: Mapping[str, str] | None = None,
    sasl_mechanisms: Sequence[str] = SCRAM_MECHANISMS,
    tls_port: int | None = None,
) -> str:
    """Start (or reuse) the local single-node KRaft broker and return its bootstrap address.

    Idempotent: when the broker of ``state_dir`` already runs it only waits until it answers.
    The first call resolves the jars with Maven (:func:`ensure_jars`) and formats the storage;
    later starts reuse both (data survives restarts). The broker runs detached (own session), so
    it outlives the calling process; stop it with :func:`stop`. Raises :class:`KafkaError` with
    the tail of the broker log when it does not answer within ``timeout`` seconds.

    Security (see the module docstring): ``scram_users`` (``{name: password}``) makes the listener
    on ``port`` SASL_PLAINTEXT with ``sasl_mechanisms`` (SCRAM-SHA-512 and SCRAM-SHA-256 by
    default), the users created at format time; ``tls_port`` adds a TLS listener (SASL_SSL, or SSL
    without users) whose CA is :func:`ca_file`. Without both, the broker is PLAINTEXT as before.
    """
    kdir = _kafka_dir(state_dir)
    bootstrap = f"{HOST}:{port}"
    wanted_protocol = "SASL_PLAINTEXT" if scram_users is not None else "PLAINTEXT"
    with _locked(kdir):
        pid = _read_pid(kdir)
        if pid is not None and _is_our_broker(pid, kdir):
            info = _read_run_info(kdir)
            running_port = _read_run(kdir).get("port", port)
            if running_port != port:
                raise KafkaError(
                    f"the broker of {kdir} already runs on port {running_port} (pid {pid}); "
                    "stop it first to change ports"
                )
            protocol, _, security = _running_security(kdir)
            if protocol != wanted_protocol or info.get("tls_port") != tls_port:
                raise KafkaError(
                    f"the broker of {kdir} already runs (pid {pid}) as {protocol} with TLS port "
                    f"{info.get('tls_port')}; stop it first to start it as {wanted_protocol} with TLS port {tls_port}"
                )
            if scram_users is not None:
                mechanisms = _check_scram_request(scram_users, sasl_mechanisms)
                problems = _scram_mismatches(_load_security(kdir).get("scram"), scram_users, mechanisms)
                if problems:
                    raise KafkaError(
                        f"the running broker of {kdir} does not hold these SCRAM credentials: {'; '.join(problems)}"
                    )
            _wait_until_answering(kdir, pid, bootstrap, timeout, security)
            return bootstrap
        _pid_file(kdir).unlink(missing_ok=True)

        for p in (port, controller_port, *([tls_port] if tls_port is not None else [])):
            if _port_in_use(p):
                raise KafkaError(
                    f"port {HOST}:{p} is already taken by a process not started from {kdir}. "
                    "Stop it, choose other ports, or set KAFKA_BOOTSTRAP_SERVERS to use an "
                    "existing broker."
                )

        java = _java()
        lib = _ensure_jars_locked(kdir, None)
        sec, add_scram = _prepare_security(kdir, scram_users, sasl_mechanisms, tls_port)
        config = kdir / "config"
        config.mkdir(parents=True, exist_ok=True)
        props = config / "server.properties"
        text = _server_properties(kdir, port, controller_port, sec)
        if sec.sasl_mechanisms or sec.tls_port is not None:
            _write_private(props, text)  # holds the broker's SCRAM and keystore passwords
        else:
            props.write_text(text)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rc-kafka-tls") as pool:
            # keytool (TLS material, first time only) and the storage format are independent JVMs
            tls_job = None
            if sec.tls_port is not None:
                assert sec.keystore_password is not None
                tls_job = pool.submit(_ensure_tls, kdir, java, sec.keystore_password)
            _format_storage(kdir, java, lib, props, add_scram)
            if tls_job is not None:
                tls_job.result()

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
        run: dict[str, object] = {"port": port, "controller_port": controller_port}
        if sec.sasl_mechanisms or sec.tls_port is not None:
            run["security_protocol"] = sec.main_listener
            run["tls_port"] = sec.tls_port
            run["sasl_mechanism"] = sec.sasl_mechanisms[0] if sec.sasl_mechanisms else None
        _run_file(kdir).write_text(json.dumps(run))
        try:
            _wait_until_answering(kdir, proc.pid, bootstrap, timeout, sec.probe_security())
            if sec.tls_port is not None:
                tls_security = sec.probe_security(tls=True, cafile=ca_file(state_dir))
                _wait_until_answering(kdir, proc.pid, f"{HOST}:{sec.tls_port}", timeout, tls_security)
        except KafkaError:
            _terminate(proc.pid, grace=5.0)
            _pid_file(kdir).unlink(missing_ok=True)
            raise
        return bootstrap


def _wait_until_answering(
    kdir: Path, pid: int, bootstrap: str, timeout: float, security: ClientSecurity | None = None
) -> None:
    deadline = time.monotonic() + timeout
    last_error = "no answer yet"
    while True:
        try:
            if probe(bootstrap, timeout=2.0, security=security).brokers:
                return
            last_error = "the broker is not registered yet"
        except (OSError, KafkaError, struct.error, ValueError) as exc:
            last_error = f"{type(exc).__name__}: {exc}"
        if not _pid_alive(pid):
            raise KafkaError(
                f"the Kafka broker (pid {pid}) exited during startup.\n"
                f"--- {_out_file(kdir)} ---\n{_tail(_out_file(kdir))}\n"
                f"--- {_log_file(kdir)} ---\n{_tail(_log_file(kdir))}"
            )
        if time.monotonic() > deadline:
            raise KafkaError(
                f"the Kafka broker (pid {pid}) did not answer on {bootstrap} within "
                f"{timeout:.0f}s (last probe: {last_error}).\n--- {_log_file(kdir)} ---\n{_tail(_log_file(kdir))}\n"
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
