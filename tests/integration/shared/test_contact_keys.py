"""The written forms of phone and identity numbers in SQL (backbone migration 0004, which the services'
migrations use to write their stored numbers again) are rc_shared.contact's, input for input."""

from __future__ import annotations

import random

import asyncpg
import pytest

from rc_shared import contact
from rc_shared.db import migrate

pytestmark = pytest.mark.integration

SEPARATORS = ["", "", " ", ".", "-", "(", ")", ") ", " (", "--", "  ", "-.", "/", ", "]


def typed(rng: random.Random) -> str:
    """A text near a phone or identity number: groups of digits (and letters, at times) between
    separators, after a start such as +, +84 or 0084; some of them numbers by the rule, some not."""
    start = rng.choice(["", "", "", "+", "+84 ", "+84 (0) ", "0084", "(", "0", "-"])
    chars = "0123456789" * 4 + ("abcXYZ" if rng.random() < 0.4 else "")
    groups = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 6))]
    text = groups[0]
    for g in groups[1:]:
        text += rng.choice(SEPARATORS) + g
    return start + text + rng.choice(["", "", "", "", "-", ")", " "])


def python_phone(text: str) -> str | None:
    return contact.phone_key(text) if contact.is_phone(text) else None


def python_id_number(text: str) -> str | None:
    return contact.id_number_key(text) if contact.is_id_number(text) else None


async def test_sql_and_python_write_every_number_alike(fresh_dsn: str) -> None:
    await migrate(fresh_dsn, [])  # the backbone's migrations
    rng = random.Random(2026)
    samples = [typed(rng) for _ in range(4000)] + [
        "0912 345 678", "+84 (0) 912.345.678", "0084 912 345 678", "+1 (202) 555-0143", "0000 0000", "+84 000 000",
        "+84 00 912 345 678", "0084 0 0912 345 678",
        "c1234567", "079 123 456 789", "0301234567-001", "-0301234567", "12345",
    ]  # fmt: skip
    conn = await asyncpg.connect(fresh_dsn)
    try:
        rows = await conn.fetch(
            "SELECT t, rc_phone_key(t) AS phone, rc_id_number_key(t) AS id_number FROM unnest($1::text[]) t", samples
        )
    finally:
        await conn.close()
    phones = {r["t"]: r["phone"] for r in rows}
    ids = {r["t"]: r["id_number"] for r in rows}
    assert {t: phones[t] for t in samples if phones[t] != python_phone(t)} == {}
    assert {t: ids[t] for t in samples if ids[t] != python_id_number(t)} == {}
    # the sample holds numbers of every kind, not only refusals
    assert sum(p is not None for p in phones.values()) > 300 and sum(i is not None for i in ids.values()) > 80
    assert any(p.startswith("+") for p in phones.values() if p) and any(p and p != t for t, p in phones.items())
