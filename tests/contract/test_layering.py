"""Every service's ``domain/`` is pure: importing all of its modules loads no web framework, database driver,
Kafka client or template engine (README, "The services share one layout")."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("fastapi", "starlette", "asyncpg", "faststream", "aiokafka", "httpx", "jinja2", "uvicorn")


@pytest.mark.parametrize("service", ["members", "campaigns", "donations", "reporting", "console"])
def test_a_services_domain_loads_no_framework_driver_or_client(service: str) -> None:
    domain = ROOT / "services" / service / "src" / f"rc_{service}" / "domain"
    modules = sorted(f"rc_{service}.domain.{p.stem}" for p in domain.glob("*.py") if p.stem != "__init__")
    assert modules, domain
    code = f"import sys, {', '.join(modules)}; print(sorted(m for m in {FORBIDDEN!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ast.literal_eval(out.stdout.strip()) == [], f"{service}'s domain loads them"
