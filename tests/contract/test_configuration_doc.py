"""docs/configuration.md lists every setting of every service and is current."""

from __future__ import annotations

from pathlib import Path

from rc_local import docs

ROOT = Path(__file__).resolve().parents[2]


def test_configuration_reference_is_current() -> None:
    assert docs.path(ROOT).read_text() == docs.render(), "stale: run ./dev docs generate"


def test_configuration_reference_names_every_variable() -> None:
    text = docs.path(ROOT).read_text()
    for service in docs.SERVICES:
        cls = docs._settings_class(service)
        for name in cls.model_fields:
            assert f"`RC_{name.upper()}`" in text
