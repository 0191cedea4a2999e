"""The members service. Here what its command line needs before any command runs (``--help``, ``migrate``)."""

from pathlib import Path

HTTP_PORT = 8001
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
