"""Generates ``docs/openapi/<service>.json``: each service's OpenAPI document, from its app.

A contract test fails when a committed document is stale (``./dev openapi generate`` rewrites them).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

SERVICES = ("members", "campaigns", "donations", "reporting")


def document(service: str) -> dict[str, Any]:
    """The service's OpenAPI document, from its app built in-process (nothing started)."""
    app_module = importlib.import_module(f"rc_{service}.entrypoints.app")
    settings = importlib.import_module(f"rc_{service}.settings").Settings(auth_enabled=False)
    doc: dict[str, Any] = app_module.build_app(settings, api=True, relay=False, consumers=False).openapi()
    return doc


def render() -> dict[str, str]:
    """Relative path -> content of every generated document."""
    return {
        f"docs/openapi/{service}.json": json.dumps(document(service), indent=2, ensure_ascii=False, sort_keys=True)
        + "\n"
        for service in SERVICES
    }


def stale_files(root: Path) -> list[str]:
    return [
        rel for rel, content in render().items() if not (root / rel).exists() or (root / rel).read_text() != content
    ]


def generate(root: Path) -> list[str]:
    written = []
    for rel, content in render().items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.exists() or p.read_text() != content:
            p.write_text(content)
            written.append(rel)
    return written
