"""A separate pytest run over sample test files, to show what one of the suite's plugins does to a
whole run (its exit status, what it prints)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_pytest(cwd: Path, files: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pytest *args`` in ``cwd`` after writing ``files`` there, with a configuration of
    its own (not the project's) and only the plugins ``args`` name (``-p …``: the installed ones,
    schemathesis, playwright…, cost seconds to import)."""
    for name, source in files.items():
        (cwd / name).write_text(source)
    (cwd / "pytest.ini").write_text("[pytest]\n")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
