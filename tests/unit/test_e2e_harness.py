"""The end-to-end harness gives a short gauge interval only to the systems whose tests read the gauges
(``FAST_GAUGES``: the package-wide system of tests/e2e/conftest.py); an idle service measuring them every
second costs about a third more CPU than at its own 15 s."""

from __future__ import annotations

from tests.e2e.harness import service_env


def test_a_service_under_test_measures_its_gauges_at_the_service_s_own_interval() -> None:
    env = service_env("reporting", "postgresql://x@127.0.0.1/x", "127.0.0.1:9092", "ns.")
    assert "RC_METRICS_INTERVAL_S" not in env
