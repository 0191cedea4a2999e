"""The staff roles a token carries and the actions each may take (pure: a domain module may import it)."""

from __future__ import annotations

from typing import Literal

Role = Literal["admin", "unit_manager", "data_entry", "viewer"]
Action = Literal["read", "write", "manage", "admin"]
ROLES: tuple[Role, ...] = ("admin", "unit_manager", "data_entry", "viewer")
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"read"}),
    "data_entry": frozenset({"read", "write"}),
    "unit_manager": frozenset({"read", "write", "manage"}),
    "admin": frozenset({"read", "write", "manage", "admin"}),
}
