"""The reporting service. Here what its command line needs before any command runs (``--help``, ``migrate``)."""

from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
