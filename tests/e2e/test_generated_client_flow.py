"""End to end with the typed clients generated from the OpenAPI documents (``rc_clients``): a unit and
two members created, searched and reported on through the generated code only, answers read as typed
models. A client that drifted from the services (a renamed field, a changed shape) fails here."""

from __future__ import annotations

import datetime
import uuid

from rc_clients.members import AuthenticatedClient as MembersClient
from rc_clients.members.api.memberships import start_membership_people_person_id_membership_post as start_membership
from rc_clients.members.api.people import create_person_people_post as create_person
from rc_clients.members.api.people import list_people_people_get as list_people
from rc_clients.members.api.units import create_unit_units_post as create_unit
from rc_clients.members.models import (
    ConsentIn,
    MembershipIn,
    MembershipStartedOut,
    PeoplePageOut,
    PersonIn,
    PersonOut,
    UnitIn,
    UnitOut,
)
from rc_clients.reporting import AuthenticatedClient as ReportingClient
from rc_clients.reporting.api.reports import membership_of_unit_reports_membership_units_unit_id_get as unit_report
from rc_clients.reporting.models import ErrorOut, UnitMembershipReport
from tests.e2e.conftest import System
from tests.e2e.harness import token
from tests.integration.shared.helpers import eventually


async def test_the_generated_clients_register_search_and_report_members(system: System) -> None:
    code = f"GC{uuid.uuid4().hex[:6].upper()}"
    async with (
        MembersClient(base_url=system.url("members"), token=token(), raise_on_unexpected_status=True) as members,
        ReportingClient(base_url=system.url("reporting"), token=token(), raise_on_unexpected_status=True) as reporting,
    ):
        unit = await create_unit.asyncio(
            client=members,
            body=UnitIn(code=code, name="Tỉnh client", level="province", valid_from=datetime.date(2024, 1, 1)),
        )
        assert isinstance(unit, UnitOut), unit
        assert (unit.code, unit.level, unit.valid_from) == (code, "province", datetime.date(2024, 1, 1))

        consent = ConsentIn(purpose="membership records", given_on=datetime.date(2024, 1, 2))
        people = []
        for name in (f"Trần Thị {code}", f"Lê Văn {code}"):
            person = await create_person.asyncio(
                client=members, body=PersonIn(full_name=name, birth_date=datetime.date(1990, 5, 5), consent=consent)
            )
            assert isinstance(person, PersonOut), person
            assert person.full_name == name and isinstance(person.id, uuid.UUID)
            started = await start_membership.asyncio(
                person.id,
                client=members,
                body=MembershipIn(unit_id=unit.id, joined_on=datetime.date(2024, 2, 1), fee_status="paid"),
            )
            assert isinstance(started, MembershipStartedOut), started
            people.append(person)

        page = await list_people.asyncio(client=members, q=f"Trần Thị {code}")
        assert isinstance(page, PeoplePageOut), page
        assert [(p.id, p.full_name) for p in page.items] == [(people[0].id, f"Trần Thị {code}")]
        assert page.items[0].membership is not None and page.items[0].membership.unit_id == unit.id

        async def reported() -> bool:
            report = await unit_report.asyncio(unit.id, client=reporting, as_of=datetime.date(2024, 12, 31))
            return isinstance(report, UnitMembershipReport) and report.unit.members == 2

        await eventually(reported, timeout=60, what="reporting to count the two members through Kafka")
        report = await unit_report.asyncio(unit.id, client=reporting, as_of=datetime.date(2024, 12, 31))
        assert isinstance(report, UnitMembershipReport), report
        assert (report.unit.unit_id, report.unit.code, report.unit.members) == (unit.id, code, 2)
        assert report.unit.members_joined == 2 and report.as_of == datetime.date(2024, 12, 31)

        # Errors come back typed too: the problem document of an unknown unit.
        missing = await unit_report.asyncio(uuid.uuid4(), client=reporting, as_of=datetime.date(2024, 12, 31))
        assert isinstance(missing, ErrorOut), missing
        assert missing.status == 404 and missing.title
