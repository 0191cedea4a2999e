"""The donations service. Here what its command line needs before any command runs (``--help``,
``import-statement``), so that it starts without its settings' pydantic models."""

from pathlib import Path

HTTP_PORT = 8003
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
