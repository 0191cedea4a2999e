"""The privacy scan's data and its search, and a pytest plugin: at the end of the run, every log of
every process the run started is searched for the privacy test's personal data and for secrets.

``tests/e2e/test_zz_observability_and_privacy.py`` makes personal data through the services and
searches its own events and the logs that exist when it runs; under xdist the other workers'
processes may still be writing theirs then, so this plugin searches them all again once every test
has ended (on the controller; in the process itself without workers) and fails the run on a find.
Registered in ``tests/conftest.py``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

SECRET_MARKERS = ("PRIVATE KEY", "Bearer ey", "eyJhbGciOi")  # key material, bearer tokens, JWT headers
BIRTH_DATE = date(1980, 2, 3)
PERSON = {
    "full_name": "Phạm Thị Riêngtư",
    "phone": "0987654321",
    "id_number": "079123456789",
    "birth_date": BIRTH_DATE.isoformat(),
    "address": "Số 9 đường Bí Mật",
}
BENEFICIARY = {
    "full_name": "Lê Văn Thụhưởng",
    "id_number": "079987654321",
    "address": "Ấp Kín Đáo",
    "situation": "bệnh tim (health detail)",
}
DONOR = {"name": "Hoàng Văn Hảotâm", "phone": "0911222333"}


def date_forms(d: date) -> set[str]:
    """How a date may be written: ISO, and the Vietnamese day-first forms."""
    return {
        d.isoformat(),
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
    }


def forms(values: Iterable[str | date]) -> set[str]:
    """Every form of these values to look for: as given, JSON-escaped, dates in every form, phone
    numbers without the leading 0 and with 84 before them (as in +84...)."""
    out: set[str] = set()
    for v in values:
        if isinstance(v, date):
            out |= date_forms(v)
            continue
        out |= {v, json.dumps(v)[1:-1]}
        if re.fullmatch(r"0\d{9}", v):
            out |= {v[1:], "84" + v[1:]}  # +84..., a whole word as written in international form
    return out


def own_values() -> set[str]:
    """This test's personal data, in every form, and the distinctive words of its names and addresses."""
    strings = [v for v in [*PERSON.values(), *BENEFICIARY.values(), *DONOR.values()] if v != PERSON["birth_date"]]
    return forms([*strings, BIRTH_DATE, "Riêngtư", "Thụhưởng", "Hảotâm", "Bí Mật", "Kín Đáo"])


def normalised(raw: bytes | str) -> str:
    """The text as written, followed by its JSON lines decoded (so escaped non-ASCII reads as itself)."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    decoded = []
    for line in text.splitlines():
        try:
            decoded.append(json.dumps(json.loads(line), ensure_ascii=False))
        except ValueError:
            continue
    return text + "\n" + "\n".join(decoded)


def leaks(text: str, values: set[str]) -> list[str]:
    """The values that occur anywhere in ``text``."""
    return sorted(v for v in values if v in text)


def whole_word_leaks(text: str, values: set[str]) -> list[str]:
    """The values that occur in ``text`` as whole words (fast for many values: a value is only
    searched when each of its words is a word of the text)."""
    words = set(re.findall(r"\w+", text))
    return sorted(v for v in values if _words(v) <= words and v in text)


@functools.cache
def _words(value: str) -> frozenset[str]:
    """A value's words (split once: the same values are looked for in every log and event)."""
    return frozenset(re.findall(r"\w+", value))


def every_log(root: Path) -> list[Path]:
    """Every log file of every process this session started (service processes, command lines);
    Kafka's data segments (also ``*.log``) and deliberately sabotaged processes (a directory under
    ``root`` named ``sabotaged…``) excluded."""
    return sorted(
        p
        for p in root.rglob("*.log")
        if not re.fullmatch(r"\d{20}\.log", p.name)
        and not any(part.startswith("sabotaged") for part in p.relative_to(root).parts)
    )


def findings(root: Path) -> list[str]:
    """What :func:`every_log` under ``root`` holds of the privacy test's data or of a secret."""
    values = own_values()
    found: list[str] = []
    for path in every_log(root):
        text = normalised(path.read_bytes())
        found += [f"{path}: {v!r}" for v in leaks(text, values)]
        found += [f"{path}: {m!r}" for m in SECRET_MARKERS if m in text]
    return found


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):  # an xdist worker: the controller searches them all
        return
    factory = getattr(session.config, "_tmp_path_factory", None)
    root = None if factory is None else factory.getbasetemp()  # under xdist, the workers' are in it
    found = findings(root) if root is not None and root.is_dir() else []
    if found:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.section("privacy: the logs of the run", red=True)
            for line in found[:20]:
                reporter.line(line)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
