"""The members service's HTTP app: organisation tree, people, memberships, roles, imports.

Access control: every route needs a token; scopes are answered from this service's own tree
(:class:`rc_members.entrypoints.access.MembersScopeResolver`), see that module for the policy.
"""

from __future__ import annotations

from typing import Unpack

from fastapi import FastAPI

from rc_members import MIGRATIONS
from rc_members.domain.people import RoleRules
from rc_members.domain.units import Levels
from rc_members.entrypoints.access import MembersScopeResolver
from rc_members.entrypoints.routes import router
from rc_members.service_layer.policy import Policy
from rc_members.settings import Settings
from rc_shared.events.members import PEOPLE_TOPIC, UNITS_TOPIC
from rc_shared.runtime import Roles, service_app

__all__ = ["MIGRATIONS", "build_app"]


API_VERSION = "1.10.0"
"""The version of this service's HTTP API (semantic; docs/openapi/CHANGELOG.md says what each changed)."""


def policy_from(settings: Settings) -> Policy:
    return Policy(
        levels=Levels.parse(settings.unit_levels),
        roles=RoleRules.parse(
            settings.roles,
            settings.volunteer_min_age,
            settings.youth_min_age,
            settings.youth_max_age,
            settings.role_volunteer,
            settings.role_youth,
        ),
        import_max_rows=settings.import_max_rows,
    )


def build_app(settings: Settings | None = None, **roles: Unpack[Roles]) -> FastAPI:
    settings = settings or Settings()
    policy = policy_from(settings)
    app = service_app(
        settings,
        MIGRATIONS,
        roles,
        routers=[router],
        topics=[UNITS_TOPIC, PEOPLE_TOPIC],
        title="Red Cross members service",
        version=API_VERSION,
        description=(
            "The organisation tree as dated data (every query takes as_of), people with consent-based personal "
            "data, memberships, fees, transfers, roles, volunteer hours, groups, training and bulk import. "
            "Every endpoint needs a bearer token whose role allows the action and whose unit's subtree holds the "
            "resource."
        ),
        scope_resolver=lambda rt: MembersScopeResolver(rt.db(), policy.today),
    )
    app.state.policy = policy
    return app
