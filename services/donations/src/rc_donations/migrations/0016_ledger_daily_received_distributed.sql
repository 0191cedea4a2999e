-- The public ledger's days say what was received and what was distributed. A line's direction is its
-- effect on the balance, so a reversed donation (a gift entered twice, say) is an 'out' line and a
-- reversed distribution an 'in' one; the days summed lines by direction, and the public page showed
-- the reversal of a duplicate entry as money spent and the day's receipts above the campaign's total
-- received. Now a day's "in" is its donations less the donations reversed that day, its "out" its
-- distributions less those reversed that day (a day's in minus out, the balance's change, is as
-- before), matching the summary's received and distributed totals. The days with a reversal are
-- summed again from their lines, and the public answers' version is bumped so that no cached page
-- keeps the old figures.

-- +1 or -1: how a line of `movement` counts in a day's `side` ('in': received, 'out': distributed), 0
-- when it does not.
CREATE OR REPLACE FUNCTION ledger_daily_sign(movement text, side text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN side = 'in' THEN CASE movement WHEN 'donation' THEN 1 WHEN 'donation_reversal' THEN -1 ELSE 0 END
        ELSE CASE movement WHEN 'distribution' THEN 1 WHEN 'distribution_reversal' THEN -1 ELSE 0 END
    END::bigint
$$;

CREATE OR REPLACE FUNCTION ledger_lines_write(src jsonb) RETURNS void LANGUAGE sql AS $$
    WITH s AS (
        SELECT x.*, row_number() OVER w - 1 AS k,
               sum(x.cash_delta) OVER w AS cash_cum, sum(x.goods_delta) OVER w AS goods_cum
          FROM jsonb_to_recordset(src) AS x(id uuid, campaign_id uuid, ord bigint, cash_delta bigint,
               goods_delta bigint, movement text, direction text, kind text, on_date date, amount_vnd bigint,
               value_vnd bigint, blood_units integer, channel text, receipt_no bigint, reference_rev text, bank_ref_rev text,
               donation_id uuid, distribution_id uuid, donor_id uuid, publicly_named boolean, name_key text,
               unit_id uuid, beneficiary_kind text, support_level text, decision_no text, note text, items jsonb)
        WINDOW w AS (PARTITION BY x.campaign_id ORDER BY x.ord, x.id ROWS UNBOUNDED PRECEDING)
    ), heads AS (
        SELECT * FROM ledger_lines_take((
            SELECT jsonb_agg(jsonb_build_object('campaign_id', campaign_id, 'n', n, 'cash', cash, 'goods', goods))
              FROM (SELECT campaign_id, count(*) AS n, sum(cash_delta) AS cash, sum(goods_delta) AS goods
                      FROM s GROUP BY 1) t))
    ), daily AS (
        INSERT INTO ledger_daily AS g (campaign_id, on_date, cash_in_vnd, cash_out_vnd, goods_in_vnd, goods_out_vnd,
                                       lines)
        SELECT campaign_id, on_date,
               coalesce(sum(amount_vnd * ledger_daily_sign(movement, 'in')), 0),
               coalesce(sum(amount_vnd * ledger_daily_sign(movement, 'out')), 0),
               coalesce(sum(value_vnd * ledger_daily_sign(movement, 'in')), 0),
               coalesce(sum(value_vnd * ledger_daily_sign(movement, 'out')), 0), count(*)
          FROM s GROUP BY 1, 2
        ON CONFLICT (campaign_id, on_date) DO UPDATE SET
            cash_in_vnd = g.cash_in_vnd + excluded.cash_in_vnd, cash_out_vnd = g.cash_out_vnd + excluded.cash_out_vnd,
            goods_in_vnd = g.goods_in_vnd + excluded.goods_in_vnd,
            goods_out_vnd = g.goods_out_vnd + excluded.goods_out_vnd, lines = g.lines + excluded.lines
    )
    INSERT INTO ledger_lines (id, campaign_id, line_no, movement, direction, kind, on_date, amount_vnd, value_vnd,
        blood_units, cash_balance_vnd, goods_balance_vnd, channel, receipt_no, reference_rev, bank_ref_rev, donation_id,
        distribution_id, donor_id, publicly_named, name_key, unit_id, beneficiary_kind, support_level,
        decision_no, note, items)
    SELECT s.id, s.campaign_id, h.first_no + s.k, s.movement, s.direction, s.kind, s.on_date, s.amount_vnd,
           s.value_vnd, coalesce(s.blood_units, 0), h.cash_before + s.cash_cum, h.goods_before + s.goods_cum,
           s.channel, s.receipt_no, s.reference_rev, s.bank_ref_rev, s.donation_id, s.distribution_id, s.donor_id,
           coalesce(s.publicly_named, false), s.name_key, s.unit_id, s.beneficiary_kind, s.support_level,
           s.decision_no, s.note, s.items
      FROM s JOIN heads h USING (campaign_id)
$$;

WITH days AS (
    SELECT DISTINCT campaign_id, on_date FROM ledger_lines
     WHERE movement IN ('donation_reversal', 'distribution_reversal')
), sums AS (
    SELECT l.campaign_id, l.on_date,
           coalesce(sum(l.amount_vnd * ledger_daily_sign(l.movement, 'in')), 0) AS cash_in,
           coalesce(sum(l.amount_vnd * ledger_daily_sign(l.movement, 'out')), 0) AS cash_out,
           coalesce(sum(l.value_vnd * ledger_daily_sign(l.movement, 'in')), 0) AS goods_in,
           coalesce(sum(l.value_vnd * ledger_daily_sign(l.movement, 'out')), 0) AS goods_out
      FROM ledger_lines l JOIN days USING (campaign_id, on_date)
     GROUP BY 1, 2
)
UPDATE ledger_daily g
   SET cash_in_vnd = s.cash_in, cash_out_vnd = s.cash_out, goods_in_vnd = s.goods_in, goods_out_vnd = s.goods_out
  FROM sums s
 WHERE g.campaign_id = s.campaign_id AND g.on_date = s.on_date;

UPDATE ledger_public_versions SET labels = labels + 1;
