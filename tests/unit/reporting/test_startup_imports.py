"""The reporting service starts without the workbook libraries: openpyxl (reading an uploaded plan) and
XlsxWriter (writing an export) are imported by the requests that use them, not by each of its starts
(0.3 CPU-s of its 1.5, paid by every replica, restart and end-to-end test)."""

from __future__ import annotations

from tests.unit.shared.test_cli_startup import loaded_after


def test_the_service_starts_without_the_workbook_libraries() -> None:
    assert loaded_after("rc_reporting.entrypoints.app", ("openpyxl", "xlsxwriter")) == []
