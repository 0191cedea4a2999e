
""" A client library for accessing Red Cross campaigns service """
from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

API_VERSION = "1.8.0"
"""The version of the API (info.version of docs/openapi/campaigns.json, docs/releases/campaigns/1.8.0.json) this client was generated from."""
