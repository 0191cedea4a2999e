"""Settings of the members service (environment variables, prefix ``RC_``)."""

from __future__ import annotations

from pydantic import Field, model_validator

from rc_members import HTTP_PORT
from rc_members.domain.people import RoleRules
from rc_shared.settings import ServiceSettings, database_url_field, http_port_field, service_name_field


class Settings(ServiceSettings):
    service_name: str = service_name_field("members")
    http_port: int = http_port_field(HTTP_PORT)
    database_url: str = database_url_field("members")
    unit_levels: str = Field(
        "central,province,district,commune,grassroots,branch",
        description="Levels of the organisation tree, highest first; a child's level is strictly below its parent's.",
    )
    roles: str = Field(
        "volunteer,youth,collaborator", description="Roles a person can hold in a unit (comma-separated)."
    )
    role_volunteer: str = Field(
        "volunteer",
        description="The role of RC_ROLES whose hours are logged and whose holders have the volunteer's minimum age"
        " (as reporting and the console count it).",
    )
    role_youth: str = Field("youth", description="The role of RC_ROLES with the Red Cross youth's age bounds.")
    volunteer_min_age: int = Field(18, ge=0, le=150, description="Minimum age of a volunteer on the role's start.")
    youth_min_age: int = Field(16, ge=0, le=150, description="Minimum age of a Red Cross youth on the role's start.")
    youth_max_age: int = Field(30, ge=0, le=150, description="Maximum age of a Red Cross youth on the role's start.")
    import_max_rows: int = Field(2000, ge=1, le=100000, description="Most rows accepted by one import request.")

    @model_validator(mode="after")
    def _volunteers_role_is_a_role(self) -> Settings:
        """RC_ROLE_VOLUNTEER names one of RC_ROLES: hours are logged for it (none could be, else)."""
        try:
            RoleRules.parse(self.roles, 0, 0, 0, volunteer=self.role_volunteer)
        except ValueError as exc:
            raise ValueError(f"RC_ROLE_VOLUNTEER: {exc} (RC_ROLES)") from exc
        return self
