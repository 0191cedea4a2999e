"""Published contracts, one file per version: ``docs/releases/<contract>/<version>.json``.

A version names one document for good. ``generate`` (of the event catalogue, of the OpenAPI documents) writes
the current version's file once, and refuses to go on when that file holds another content: a changed contract
needs a new version. The files are never edited or removed afterwards: :func:`rewritten` reads the git history
for any commit that did, and a contract test fails on it. The event catalogue also checks every model against
each released catalogue, not only against the working tree's schemas that the same commit could rewrite.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

RELEASES = Path("docs/releases")


def path_of(root: Path, contract: str, version: str) -> Path:
    return root / RELEASES / contract / f"{version}.json"


def render(document: Any) -> str:
    """A released document's file content (canonical JSON: sorted keys, two-space indent)."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def mismatch(root: Path, contract: str, version: str, content: str) -> str | None:
    """Why ``content`` may not be ``contract`` at ``version``: its released file holds another one (None: it
    is the released content, or the version is not released yet)."""
    p = path_of(root, contract, version)
    if not p.exists() or p.read_text() == content:
        return None
    return (
        f"{contract} {version} was released as {p.relative_to(root).as_posix()} with another content: "
        "a changed contract needs a new version (and its CHANGELOG entry)"
    )


def release(root: Path, contract: str, version: str, content: str) -> str | None:
    """Writes the version's file if it is not there yet; its relative path when written."""
    p = path_of(root, contract, version)
    if p.exists():
        return None
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(content)
    return p.relative_to(root).as_posix()


def released(root: Path, contract: str) -> dict[str, Any]:
    """Every released version of ``contract``: version -> document."""
    return {p.stem: json.loads(p.read_text()) for p in sorted((root / RELEASES / contract).glob("*.json"))}


def rewritten(root: Path) -> list[str]:
    """The commits that edited, renamed or removed a released file (``<commit> <status> <path>``): none may."""
    out = subprocess.run(
        ["git", "log", "--format=%h", "--name-status", "--diff-filter=MDR", "--", RELEASES.as_posix()],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found, commit = [], ""
    for line in out.splitlines():
        if "\t" not in line and line.strip():
            commit = line.strip()
        elif line.strip():
            found.append(f"{commit} {' '.join(line.split())}")
    return found
