"""The suite's order (tests/conftest.py): unit, contract and deploy tests first, end-to-end last."""

from __future__ import annotations

import pytest

from tests.conftest import ORDER, TESTS
from tests.parallel import OWN_SYSTEM_MODULES, SYSTEM_FIXTURES, scope_of


def test_this_session_runs_the_suites_parts_in_order(request: pytest.FixtureRequest) -> None:
    parts = [item.path.relative_to(TESTS).parts[0] for item in request.session.items if item.path.is_relative_to(TESTS)]
    seen = [p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1]]
    assert len(seen) == len(set(seen)), f"a part runs in two pieces: {seen}"
    known = [p for p in seen if p in ORDER]
    assert known == sorted(known, key=ORDER.index), f"order {seen}, wanted {ORDER}"


def test_every_test_of_a_package_system_is_in_that_systems_scope(request: pytest.FixtureRequest) -> None:
    """Under xdist a scope stays on one worker (tests/parallel.py): a module using a package-scoped
    system outside its scope would start a second system on another worker."""
    wrong = [
        f"{item.nodeid} uses {fixture} but is in scope {scope_of(item.nodeid)!r}"
        for item in request.session.items
        for fixture, scope in SYSTEM_FIXTURES.items()
        if _package_fixture(item, fixture) and scope_of(item.nodeid) != scope
    ]
    assert not wrong, "\n".join(wrong)
    # and a module whose own ``system`` overrides the package's is a scope of its own
    own = [item for item in request.session.items if item.nodeid.split("::")[0] in OWN_SYSTEM_MODULES]
    assert not [item.nodeid for item in own if _package_fixture(item, "system")]


def _package_fixture(item: pytest.Item, fixture: str) -> bool:
    """Whether ``item`` uses ``fixture`` as a package-scoped fixture (not a module's own of that name)."""
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {}).get(fixture, ())
    return bool(defs) and defs[-1].scope == "package"
