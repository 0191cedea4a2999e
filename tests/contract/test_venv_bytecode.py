"""``./dev`` installs the packages with their bytecode (``uv sync --compile-bytecode``, as the images do
with ``UV_COMPILE_BYTECODE=1``): where .pyc are not written as modules are imported
(PYTHONDONTWRITEBYTECODE, a read-only venv), each process would otherwise compile its imports from
source at every start: 0.6 of a service's 1.2 CPU-s, most of a command line's 2 s, for every service,
command and test worker the suite starts. And ``./dev test`` lets pytest keep its rewritten test modules."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import faststream


def test_the_venv_holds_the_bytecode_of_modules_never_imported() -> None:
    """faststream's RabbitMQ broker: no code or test of the platform imports it (Kafka only), so its .pyc
    can only come from the install."""
    rabbit = Path(faststream.__file__).parent / "rabbit"
    sources = sorted(rabbit.rglob("*.py"))
    assert sources, rabbit
    missing = [
        str(p.relative_to(rabbit)) for p in sources if not Path(importlib.util.cache_from_source(str(p))).exists()
    ]
    assert missing == [], f"{len(missing)} of {len(sources)} modules without bytecode: {missing[:5]}"


def test_the_suite_runs_with_its_bytecode_kept() -> None:
    """``./dev test`` runs pytest where .pyc may be written, so its rewritten test modules (and the
    services' modules) are compiled once, not by every run, worker and service process again."""
    assert not sys.dont_write_bytecode
