"""The code stays as strict as it started: ruff (lint and format) and mypy --strict on every package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint_and_format() -> None:
    lint = _run(str(BIN / "ruff"), "check", ".")
    assert lint.returncode == 0, lint.stdout[-3000:]
    fmt = _run(str(BIN / "ruff"), "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout[-3000:]


def test_mypy_strict_on_every_package() -> None:
    """``mypy`` alone, as a developer runs it: the packages are pyproject's ``[tool.mypy] files``, every one
    of the workspace's source folders."""
    r = _run(str(BIN / "mypy"))
    assert r.returncode == 0, r.stdout[-3000:]
    import tomllib

    files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]["files"]
    sources = {str(p.parent.relative_to(ROOT)) for p in ROOT.glob("*/*/src/*/__init__.py")}
    sources |= {str(p.parent.relative_to(ROOT)) for p in ROOT.glob("*/src/*/__init__.py")}
    generated = {"clients/python/src"}  # openapi-python-client's output, checked by its own staleness test
    assert set(files) == {s.rsplit("/", 1)[0] for s in sources} - generated, files
