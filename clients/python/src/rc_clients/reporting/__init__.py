
""" A client library for accessing Red Cross reporting service """
from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

API_VERSION = "1.11.0"
"""The version of the API (info.version of docs/openapi/reporting.json, docs/releases/reporting/1.11.0.json) this client was generated from."""
