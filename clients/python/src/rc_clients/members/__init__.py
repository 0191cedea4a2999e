
""" A client library for accessing Red Cross members service """
from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

API_VERSION = "1.10.0"
"""The version of the API (info.version of docs/openapi/members.json, docs/releases/members/1.10.0.json) this client was generated from."""
