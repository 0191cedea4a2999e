"""The code stays as strict as it started: ruff (lint and format) and mypy --strict on every package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PACKAGES = [
    "shared/src",
    "services/members/src",
    "services/campaigns/src",
    "services/donations/src",
    "services/reporting/src",
    "services/console/src",
    "deploy/local/src",
]


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint_and_format() -> None:
    lint = _run(str(BIN / "ruff"), "check", ".")
    assert lint.returncode == 0, lint.stdout[-3000:]
    fmt = _run(str(BIN / "ruff"), "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout[-3000:]


def test_mypy_strict_on_every_package() -> None:
    r = _run(str(BIN / "mypy"), *PACKAGES)
    assert r.returncode == 0, r.stdout[-3000:]
