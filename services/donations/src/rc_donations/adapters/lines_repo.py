"""SQL for the public ledger's lines (written by the triggers of migration 0004).

Every read is an index range in line order: newest first, keyset on the line number (``after``),
never OFFSET and never a count over the campaign. The donor's name comes from ``donors`` at read
time, and only while the gift was given with consent, the donor still consents and is not erased;
never for a blood donation (health data).
"""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from rc_donations.domain.lines import LineFilter
from rc_shared.db import like_escaped

_COLUMNS = (
    "l.id, l.line_no, l.movement, l.direction, l.kind, l.on_date, l.recorded_at, l.amount_vnd, l.value_vnd,"
    " l.blood_units, l.cash_balance_vnd, l.goods_balance_vnd, l.channel, l.receipt_no, l.unit_id,"
    " l.beneficiary_kind, l.support_level, l.decision_no, l.note, l.items,"
    # a blood donor is never named (that a person gave blood is health data), even with consent
    " CASE WHEN l.publicly_named AND l.kind <> 'blood' AND o.consent_to_be_named AND o.erased_at IS NULL"
    " THEN o.name END AS named"
)


# The version of a public answer (migration 0007), read alone (LineRepository.version) or with a page.
_VERSION = (
    "g.xmin::text AS v_ledger, h.last_line_no AS v_lines, d.version AS v_disclosure, v.labels AS v_labels,"
    " v.units AS v_units"
)
VERSION_COLUMNS = ("v_ledger", "v_lines", "v_disclosure", "v_labels", "v_units")

TEXT_MATCHES = 1000
"""A text search (name fragment, end of a reference) takes at most this many of its matches from its
index; more: the text is common, its page is looked for in line order (:meth:`LineRepository.page`)."""
TEXT_SCAN_LINES = 5000
"""The lines a page of a common text's search reads in line order, at most (then the next page goes on)."""


def _after_prefix(prefix: str) -> str | None:
    """The least text after every text that starts with ``prefix`` in code point (and UTF-8 byte) order
    (None: there is none, the prefix being all U+10FFFF)."""
    for i in range(len(prefix) - 1, -1, -1):
        code = ord(prefix[i]) + 1
        if 0xD800 <= code <= 0xDFFF:  # no surrogate in a text: the next code point past them
            code = 0xE000
        if code <= 0x10FFFF:
            return prefix[:i] + chr(code)
    return None


def _where(campaign_id: uuid.UUID, f: LineFilter, after: int | None, text_index: bool = True) -> tuple[str, list[Any]]:
    """The conditions of ``f`` (and of the keyset ``after``) and their arguments. ``text_index=False``: the
    text filters on expressions no index serves, so the lines are read in line order whatever the
    planner estimates (the second branch of :meth:`LineRepository.page`)."""
    args: list[Any] = [campaign_id]

    def col(name: str) -> str:
        return f"l.{name}" if text_index else f"(l.{name} || '')"

    def arg(value: Any) -> str:
        args.append(value)
        return f"${len(args)}"

    # A name's lines come from the trigram index (every campaign's names): the campaign is then checked
    # on each line found, never intersected with a range over all the campaign's lines (a plan without
    # statistics did that: 1,000,000 index entries for one search).
    where = ["(l.campaign_id = $1) IS TRUE" if f.q is not None and text_index else "l.campaign_id = $1"]
    if f.q is not None:
        # for the trigram index, the pattern itself (a constant once its argument is known: estimated by the
        # planner); read in line order, folded once (an InitPlan), not for each line
        folded = f"'%' || rc_fold({arg(like_escaped(f.q))}) || '%'"
        fragment = folded if text_index else f"(SELECT {folded})"
        where.append(f"{col('name_key')} LIKE {fragment} AND l.kind <> 'blood'")
    if f.amount_min is not None and f.amount_min == f.amount_max:
        # "check my gift of 200,000": an equality, so the amount index yields the lines in line order
        # and the page stops after `limit` of them, whatever the plan (prepared statements go generic)
        where.append(f"l.amount_vnd + l.value_vnd = {arg(f.amount_min)}")
    else:
        if f.amount_min is not None:
            where.append(f"l.amount_vnd + l.value_vnd >= {arg(f.amount_min)}")
        if f.amount_max is not None:
            where.append(f"l.amount_vnd + l.value_vnd <= {arg(f.amount_max)}")
    if f.date_from is not None:
        where.append(f"l.on_date >= {arg(f.date_from)}")
    if f.date_to is not None:
        where.append(f"l.on_date <= {arg(f.date_to)}")
    if f.reference is not None:
        # a prefix of the reversed text as a range of the text_pattern_ops indexes: an index range with
        # parameters too (a generic plan cannot derive one from LIKE $n); LIKE keeps the match exact
        # (a bank reference is kept without spaces: rc_donations.domain.statement.bank_reference)
        matches = []
        for column, text in (("reference_rev", f.reference), ("bank_ref_rev", "".join(f.reference.split()))):
            rev = text[::-1]
            lo, p, end = arg(rev), arg(like_escaped(rev) + "%"), _after_prefix(rev)
            hi = "" if end is None else f" AND {col(column)} ~<~ {arg(end)}"
            matches.append(f"({col(column)} ~>=~ {lo}{hi} AND {col(column)} LIKE {p})")
        # (a voided blood gift is not found by its receipt: line_view publishes no reference for it)
        matches[0] = f"({matches[0]} AND NOT ({col('kind')} = 'blood' AND {col('movement')} = 'donation_reversal'))"
        where.append(f"({' OR '.join(matches)})")
    if f.direction is not None:
        where.append(f"l.direction = {arg(f.direction)}")
    if after is not None:
        where.append(f"l.line_no < {arg(after)}")
    return " AND ".join(where), args


class LineRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def page(self, campaign_id: uuid.UUID, f: LineFilter, after: int | None, limit: int) -> list[asyncpg.Record]:
        """The ledger's code and lines' head (``ledger_code``, ``head_line_no``, ``head_at``) with at most
        ``limit`` lines, newest first, before line number ``after`` (None: from the newest), each with
        its unit's name (``unit_name``): one statement, one snapshot. No row: no ledger; one row whose
        ``id`` is NULL: no line matches. The columns of :meth:`version` as ``v_*`` (the same snapshot).
        ``scanned_from`` (not None: a common text searched): the lines
        were looked for only from that line number up, the next page continues below it."""
        where, args = _where(campaign_id, f, after)
        args.append(limit)
        lim = f"${len(args)}"
        joins = " LEFT JOIN donors o ON o.id = l.donor_id LEFT JOIN unit_names u ON u.unit_id = l.unit_id"
        head = (
            "SELECT g.code AS ledger_code, h.last_line_no AS head_line_no, h.updated_at AS head_at, {scanned},"
            f" {_VERSION}, x.* FROM ledgers g LEFT JOIN ledger_line_heads h ON h.campaign_id = g.campaign_id"
            " LEFT JOIN ledger_disclosures d ON d.campaign_id = g.campaign_id CROSS JOIN ledger_public_versions v"
            " LEFT JOIN LATERAL ({lines} ORDER BY l.line_no DESC LIMIT " + lim + ") x ON true"
            " WHERE g.campaign_id = $1"
        )
        if f.q is None and f.reference is None:
            # the line number index, or the amount index for an exact amount: a range in line order
            lines = f"SELECT {_COLUMNS}, u.name AS unit_name FROM ledger_lines l{joins} WHERE {where}"
            rows: list[asyncpg.Record] = await self.conn.fetch(
                head.format(scanned="NULL::bigint AS scanned_from", lines=lines), *args
            )
            return rows
        # A name fragment or the end of a reference: no index holds its matches in line order. At most
        # TEXT_MATCHES of them come from its own index (trigram; reversed text), in any order: fewer is
        # all of them, sorted here. Else the text is common: the page holds the matches among the
        # TEXT_SCAN_LINES lines below `after` (or the head), read in line order (one-time filters: one
        # of the two runs), and the next page continues below them. Either way a bounded number of rows.
        scan, same = _where(campaign_id, f, after, text_index=False)
        assert same == args[:-1]  # the same arguments under the same numbers
        args += [TEXT_MATCHES, TEXT_SCAN_LINES]
        cap, window = f"${len(args) - 1}", f"${len(args)}"
        top = (
            f"${len(same)}"
            if after is not None
            else "(SELECT h.last_line_no + 1 FROM ledger_line_heads h WHERE h.campaign_id = $1)"
        )
        rows = await self.conn.fetch(
            f"WITH c AS MATERIALIZED (SELECT l.line_no FROM ledger_lines l WHERE {where} LIMIT {cap}),"
            " n AS MATERIALIZED (SELECT count(*) AS n FROM c),"
            f" p AS ((SELECT c.line_no FROM c WHERE (SELECT n FROM n) < {cap} ORDER BY c.line_no DESC LIMIT {lim})"
            f" UNION ALL (SELECT l.line_no FROM ledger_lines l WHERE (SELECT n FROM n) >= {cap} AND {scan}"
            f" AND l.line_no < {top} AND l.line_no >= {top} - {window} ORDER BY l.line_no DESC LIMIT {lim})) "
            + head.format(
                scanned=f"CASE WHEN (SELECT n FROM n) >= {cap} THEN greatest({top} - {window}, 1) END AS scanned_from",
                # each line by its number (a lookup per line, LIMIT 1 keeps it one, never a join of all)
                lines=f"SELECT {_COLUMNS}, u.name AS unit_name FROM p CROSS JOIN LATERAL (SELECT * FROM ledger_lines l"
                f" WHERE l.campaign_id = $1 AND l.line_no = p.line_no LIMIT 1) l{joins}",
            ),
            *args,
        )
        return rows

    async def window(self, campaign_id: uuid.UUID, f: LineFilter, above: int, upto: int) -> list[asyncpg.Record]:
        """The matching lines numbered in ``(above, upto]``, newest first: one statement reading that range of
        the campaign's lines in line order (the filters checked on each), however few of them match."""
        where, args = _where(campaign_id, f, None, text_index=False)
        args += [above, upto]
        n = len(args)
        rows: list[asyncpg.Record] = await self.conn.fetch(
            f"SELECT {_COLUMNS} FROM ledger_lines l LEFT JOIN donors o ON o.id = l.donor_id"
            f" WHERE {where} AND l.line_no > ${n - 1} AND l.line_no <= ${n} ORDER BY l.line_no DESC",
            *args,
        )
        return rows

    async def head(self, campaign_id: uuid.UUID) -> asyncpg.Record | None:
        """The last line number, the balances after it and when it was written."""
        return await self.conn.fetchrow(
            "SELECT last_line_no, cash_balance_vnd, goods_balance_vnd, updated_at FROM ledger_line_heads"
            " WHERE campaign_id = $1",
            campaign_id,
        )

    async def version(self, campaign_id: uuid.UUID) -> asyncpg.Record | None:
        """What a public answer of the campaign shows, as a version (migration 0007): the ledger row's
        xmin, the lines' head, the disclosure's version, the donors' labels and units' names counters
        (None: no ledger). One statement on primary keys."""
        return await self.conn.fetchrow(
            f"SELECT {_VERSION} FROM ledgers g LEFT JOIN ledger_line_heads h ON h.campaign_id = g.campaign_id"
            " LEFT JOIN ledger_disclosures d ON d.campaign_id = g.campaign_id"
            " CROSS JOIN ledger_public_versions v WHERE g.campaign_id = $1",
            campaign_id,
        )

    async def daily(self, campaign_id: uuid.UUID, days: int) -> list[asyncpg.Record]:
        """Cash and goods in and out per day, the last ``days`` days that have lines, oldest first."""
        rows: list[asyncpg.Record] = await self.conn.fetch(
            "SELECT * FROM (SELECT on_date, cash_in_vnd, cash_out_vnd, goods_in_vnd, goods_out_vnd FROM ledger_daily"
            " WHERE campaign_id = $1 ORDER BY on_date DESC LIMIT $2) x ORDER BY on_date",
            campaign_id,
            days,
        )
        return rows

    async def beneficiaries(self, campaign_id: uuid.UUID) -> list[asyncpg.Record]:
        """Distinct beneficiaries of live distributions per commune (unit) and support level: counts only."""
        rows: list[asyncpg.Record] = await self.conn.fetch(
            "SELECT b.unit_id, d.support_level, count(DISTINCT d.beneficiary_id) AS beneficiaries,"
            " coalesce(sum(d.amount_vnd), 0)::bigint AS amount_vnd, coalesce(sum(d.value_vnd), 0)::bigint AS value_vnd"
            " FROM distributions d JOIN beneficiaries b ON b.id = d.beneficiary_id"
            " WHERE d.campaign_id = $1"
            " AND NOT EXISTS (SELECT 1 FROM distribution_reversals r WHERE r.distribution_id = d.id)"
            " GROUP BY 1, 2 ORDER BY 1, 2",
            campaign_id,
        )
        return rows
