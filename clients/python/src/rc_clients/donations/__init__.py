
""" A client library for accessing Red Cross donations service """
from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

API_VERSION = "1.12.0"
"""The version of the API (info.version of docs/openapi/donations.json, docs/releases/donations/1.12.0.json) this client was generated from."""
