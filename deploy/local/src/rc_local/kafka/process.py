"""The broker process: start (resolve, configure, format, launch, wait), stop and status."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rc_local.kafka.common import (
    BROKER_USER,
    DEFAULT_CONTROLLER_PORT,
    DEFAULT_PORT,
    HOST,
    SCRAM_MECHANISMS,
    KafkaError,
    ca_file,
    kafka_dir,
    load_security,
    locked,
    log_file,
    out_file,
    pid_file,
    port_in_use,
    read_run_info,
    read_run_ports,
    run_file,
    tail,
    write_private,
)
from rc_local.kafka.jars import ensure_jars_locked, java, log_opts
from rc_local.kafka.probe import PROBE_ERRORS, BrokerMetadata, ClientSecurity, answers, probe
from rc_local.kafka.security import check_scram_request, ensure_tls, prepare_security, scram_mismatches
from rc_local.kafka.storage import format_storage, server_properties

_DEFAULT_HEAP_OPTS = "-Xms256m -Xmx1g"
_DEFAULT_JVM_OPTS = (
    "-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 "
    "-XX:+ExplicitGCInvokesConcurrent "
    "-Djava.awt.headless=true"
)
_STOP_TIMEOUT_S = 30.0

# Children started by this process: kept referenced so they are reaped (no zombies) and so Python
# does not warn about a still-running subprocess being garbage collected.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


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
# which process is ours


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
        return int(pid_file(kdir).read_text().strip())
    except (OSError, ValueError):
        return None


def _running_security(kdir: Path) -> tuple[str, str | None, ClientSecurity]:
    """``(protocol, tls_bootstrap, probe security)`` of the broker last started from ``kdir``."""
    info = read_run_info(kdir)
    protocol = str(info.get("security_protocol") or "PLAINTEXT")
    tls_port = info.get("tls_port")
    tls_bootstrap = f"{HOST}:{tls_port}" if isinstance(tls_port, int) else None
    if protocol == "SASL_PLAINTEXT":
        password = load_security(kdir).get("broker_password")
        mechanism = str(info.get("sasl_mechanism") or SCRAM_MECHANISMS[0])
        return protocol, tls_bootstrap, ClientSecurity(mechanism, BROKER_USER, str(password or ""))
    return protocol, tls_bootstrap, ClientSecurity()


# --------------------------------------------------------------------------------------------
# public lifecycle


def status(state_dir: Path) -> KafkaStatus:
    """Report whether the broker of ``state_dir`` runs and answers, with its pid and bootstrap.

    A SASL broker is probed as the launcher's own SCRAM user (:data:`BROKER_USER`).
    """
    kdir = kafka_dir(state_dir)
    pid = _read_pid(kdir)
    running = pid is not None and _is_our_broker(pid, kdir)
    bootstrap: str | None = None
    meta: BrokerMetadata | None = None
    protocol, tls_bootstrap, security = _running_security(kdir)
    if running:
        bootstrap = f"{HOST}:{read_run_ports(kdir).get('port', DEFAULT_PORT)}"
        meta = answers(bootstrap, security=security)
    ca = ca_file(state_dir) if running and tls_bootstrap else None
    return KafkaStatus(
        running=running,
        answering=meta is not None,
        pid=pid if running else None,
        bootstrap=bootstrap,
        cluster_id=meta.cluster_id if meta else None,
        kafka_dir=kdir,
        log_file=log_file(kdir),
        security_protocol=protocol if running else "PLAINTEXT",
        tls_bootstrap=tls_bootstrap if running else None,
        ca_file=ca,
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

    Security (see :mod:`rc_local.kafka`): ``scram_users`` (``{name: password}``) makes the listener
    on ``port`` SASL_PLAINTEXT with ``sasl_mechanisms`` (SCRAM-SHA-512 and SCRAM-SHA-256 by
    default), the users created at format time; ``tls_port`` adds a TLS listener (SASL_SSL, or SSL
    without users) whose CA is :func:`ca_file`. Without both, the broker is PLAINTEXT as before.
    """
    kdir = kafka_dir(state_dir)
    bootstrap = f"{HOST}:{port}"
    wanted_protocol = "SASL_PLAINTEXT" if scram_users is not None else "PLAINTEXT"
    with locked(kdir):
        pid = _read_pid(kdir)
        if pid is not None and _is_our_broker(pid, kdir):
            info = read_run_info(kdir)
            running_port = read_run_ports(kdir).get("port", port)
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
                mechanisms = check_scram_request(scram_users, sasl_mechanisms)
                problems = scram_mismatches(load_security(kdir).get("scram"), scram_users, mechanisms)
                if problems:
                    raise KafkaError(
                        f"the running broker of {kdir} does not hold these SCRAM credentials: {'; '.join(problems)}"
                    )
            _wait_until_answering(kdir, pid, bootstrap, timeout, security)
            return bootstrap
        pid_file(kdir).unlink(missing_ok=True)

        for p in (port, controller_port, *([tls_port] if tls_port is not None else [])):
            if port_in_use(p):
                raise KafkaError(
                    f"port {HOST}:{p} is already taken by a process not started from {kdir}. "
                    "Stop it, choose other ports, or set KAFKA_BOOTSTRAP_SERVERS to use an "
                    "existing broker."
                )

        java_bin = java()
        lib = ensure_jars_locked(kdir, None)
        sec, add_scram = prepare_security(kdir, scram_users, sasl_mechanisms, tls_port)
        config = kdir / "config"
        config.mkdir(parents=True, exist_ok=True)
        props = config / "server.properties"
        text = server_properties(kdir, port, controller_port, sec)
        if sec.sasl_mechanisms or sec.tls_port is not None:
            write_private(props, text)  # holds the broker's SCRAM and keystore passwords
        else:
            props.write_text(text)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rc-kafka-tls") as pool:
            # keytool (TLS material, first time only) and the storage format are independent JVMs
            tls_job = None
            if sec.tls_port is not None:
                assert sec.keystore_password is not None
                tls_job = pool.submit(ensure_tls, kdir, java_bin, sec.keystore_password)
            format_storage(kdir, java_bin, lib, props, add_scram)
            if tls_job is not None:
                tls_job.result()

        heap = shlex.split(os.environ.get("KAFKA_HEAP_OPTS", _DEFAULT_HEAP_OPTS))
        jvm = shlex.split(os.environ.get("KAFKA_JVM_OPTS", _DEFAULT_JVM_OPTS))
        cmd = [java_bin, *heap, *jvm, *log_opts(kdir), "-cp", f"{lib}/*", "kafka.Kafka", str(props)]
        with out_file(kdir).open("ab") as out:
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
        pid_file(kdir).write_text(f"{proc.pid}\n")
        run: dict[str, object] = {"port": port, "controller_port": controller_port}
        if sec.sasl_mechanisms or sec.tls_port is not None:
            run["security_protocol"] = sec.main_listener
            run["tls_port"] = sec.tls_port
            run["sasl_mechanism"] = sec.sasl_mechanisms[0] if sec.sasl_mechanisms else None
        run_file(kdir).write_text(json.dumps(run))
        try:
            _wait_until_answering(kdir, proc.pid, bootstrap, timeout, sec.probe_security())
            if sec.tls_port is not None:
                tls_security = sec.probe_security(tls=True, cafile=ca_file(state_dir))
                _wait_until_answering(kdir, proc.pid, f"{HOST}:{sec.tls_port}", timeout, tls_security)
        except KafkaError:
            _terminate(proc.pid, grace=5.0)
            pid_file(kdir).unlink(missing_ok=True)
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
        except PROBE_ERRORS as exc:
            last_error = f"{type(exc).__name__}: {exc}"
        if not _pid_alive(pid):
            raise KafkaError(
                f"the Kafka broker (pid {pid}) exited during startup.\n"
                f"--- {out_file(kdir)} ---\n{tail(out_file(kdir))}\n"
                f"--- {log_file(kdir)} ---\n{tail(log_file(kdir))}"
            )
        if time.monotonic() > deadline:
            raise KafkaError(
                f"the Kafka broker (pid {pid}) did not answer on {bootstrap} within "
                f"{timeout:.0f}s (last probe: {last_error}).\n--- {log_file(kdir)} ---\n{tail(log_file(kdir))}\n"
                f"--- {out_file(kdir)} ---\n{tail(out_file(kdir))}"
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
    kdir = kafka_dir(state_dir)
    with locked(kdir):
        pid = _read_pid(kdir)
        if pid is None or not _is_our_broker(pid, kdir):
            pid_file(kdir).unlink(missing_ok=True)
            return False
        if not _terminate(pid, grace=timeout):
            raise KafkaError(f"could not stop the Kafka broker (pid {pid})")
        pid_file(kdir).unlink(missing_ok=True)
        return True
