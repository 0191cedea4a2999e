"""Generates ``docs/openapi/<service>.json``: each service's OpenAPI document, from its app, and from
each document the typed Python client ``clients/python/src/rc_clients/<service>/`` (openapi-python-client,
pinned in the dev dependencies, so the output is deterministic).

A contract test fails when a committed document or client is stale (``./dev openapi generate`` rewrites them).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from rc_shared import releases

SERVICES = ("members", "campaigns", "donations", "reporting")
CLIENTS = Path("clients/python/src/rc_clients")


def app(service: str) -> Any:
    """The service's app built in-process as its document is made from (nothing started)."""
    app_module = importlib.import_module(f"rc_{service}.entrypoints.app")
    settings = importlib.import_module(f"rc_{service}.settings").Settings(auth_enabled=False)
    return app_module.build_app(settings, api=True, relay=False, consumers=False)


def document(service: str) -> dict[str, Any]:
    """The service's OpenAPI document, from its app built in-process (nothing started)."""
    doc: dict[str, Any] = app(service).openapi()
    return doc


def render() -> dict[str, str]:
    """Relative path -> content of every generated document, rendered in a fresh interpreter: a
    process that has imported other code may hold typing's cached ``Literal`` unions of the same
    values in another order (``Literal`` equality ignores order), which would reorder an enum."""
    out = subprocess.run(
        [sys.executable, "-c", "import json, rc_local.openapi as o; print(json.dumps(o.render_here()))"],
        check=True,
        capture_output=True,
        text=True,
    )
    docs: dict[str, str] = json.loads(out.stdout)
    return docs


def render_here() -> dict[str, str]:
    """:func:`render` in this process."""
    return {
        f"docs/openapi/{service}.json": json.dumps(document(service), indent=2, ensure_ascii=False, sort_keys=True)
        + "\n"
        for service in SERVICES
    }


def _client(service: str, document_path: Path, out: Path) -> None:
    """Generates the client package of one service's document into ``out`` (which must not exist)."""
    from openapi_python_client import generate as generate_client
    from openapi_python_client.config import Config, ConfigFile, MetaType

    config_file = ConfigFile(
        package_name_override=service,
        post_hooks=[],  # no formatter run: the output depends on the pinned generator only
        content_type_overrides={
            "application/problem+json": "application/json",  # errors parse as ErrorOut
            # downloads (the public ledger's XLSX) are bytes to a client
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "application/octet-stream",
        },
        literal_enums=True,
    )
    config = Config.from_sources(config_file, MetaType.NONE, document_path, "utf-8", False, out)
    with contextlib.redirect_stdout(io.StringIO()):  # its "Generating ..." line
        errors = generate_client(config=config)
    if errors or not (out / "__init__.py").exists():
        raise RuntimeError(f"client of {service}: " + "; ".join(f"{e.header} {e.detail}" for e in errors))


def render_clients(docs: dict[str, str]) -> dict[str, str]:
    """Relative path -> content of every file of every generated client, from the rendered ``docs``."""
    files: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="rc-clients-") as tmp:
        for service in SERVICES:
            document_path = Path(tmp) / f"{service}.json"
            document_path.write_text(docs[f"docs/openapi/{service}.json"])
            out = Path(tmp) / service
            _client(service, document_path, out)
            for p in sorted(out.rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts:
                    files[(CLIENTS / service / p.relative_to(out)).as_posix()] = p.read_text()
            version = json.loads(docs[f"docs/openapi/{service}.json"])["info"]["version"]
            files[(CLIENTS / service / "__init__.py").as_posix()] += (
                f'\nAPI_VERSION = "{version}"\n"""The version of the API (info.version of docs/openapi/{service}.json,'
                f' docs/releases/{service}/{version}.json) this client was generated from."""\n'
            )
    return files


def _tree(root: Path) -> dict[str, str]:
    """The committed client files (relative path -> content)."""
    return {
        p.relative_to(root).as_posix(): p.read_text()
        for service in SERVICES
        for p in sorted((root / CLIENTS / service).rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@functools.cache
def _render_all() -> tuple[dict[str, str], dict[str, str]]:
    """Documents and clients as the code of this process renders them (once per process: the code
    does not change under a running process, and a render costs seconds)."""
    docs = render()
    return docs, render_clients(docs)


def _releases(docs: dict[str, str]) -> list[tuple[str, str, str]]:
    """(service, version, content) of each document: the content released as that version of its API
    (``docs/releases/<service>/<version>.json``: a version names one document for good)."""
    out = []
    for service in SERVICES:
        content = docs[f"docs/openapi/{service}.json"]
        out.append((service, str(json.loads(content)["info"]["version"]), content))
    return out


def released_elsewise(root: Path) -> list[str]:
    """Why a document may not carry its version: that version was released with another content."""
    docs, _ = _render_all()
    return [why for s, v, content in _releases(docs) if (why := releases.mismatch(root, s, v, content))]


def stale_files(root: Path) -> list[str]:
    """Documents and client files that differ from what would be generated (or are missing, or extra), and
    the release of a document's version, missing or released with another content."""
    docs, clients = _render_all()
    stale = [rel for rel, content in docs.items() if not (root / rel).exists() or (root / rel).read_text() != content]
    stale += [
        releases.path_of(root, s, v).relative_to(root).as_posix()
        for s, v, content in _releases(docs)
        if not releases.path_of(root, s, v).exists() or releases.mismatch(root, s, v, content)
    ]
    committed = _tree(root)
    stale += sorted(rel for rel in clients.keys() | committed.keys() if clients.get(rel) != committed.get(rel))
    return stale


def generate(root: Path) -> list[str]:
    """Writes the documents and clients that changed, and the release of each new version; removes client files
    no longer generated. Refuses (writing nothing) a document whose version was released with another content."""
    if wrong := released_elsewise(root):
        raise SystemExit("refusing to regenerate:\n  " + "\n  ".join(wrong))
    docs, clients = _render_all()
    written = []
    for rel, content in {**docs, **clients}.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.exists() or p.read_text() != content:
            p.write_text(content)
            written.append(rel)
    written += [done for s, v, content in _releases(docs) if (done := releases.release(root, s, v, content))]
    for rel in sorted(_tree(root).keys() - clients.keys()):
        (root / rel).unlink()
        written.append(f"{rel} (removed)")
    for service in SERVICES:  # directories left empty by removed files
        for d in sorted((root / CLIENTS / service).rglob("*"), reverse=True):
            if d.is_dir() and not any(d.iterdir()):
                shutil.rmtree(d)
    return written
