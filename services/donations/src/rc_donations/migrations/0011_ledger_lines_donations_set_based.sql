-- The public ledger's lines of new donations written straight from the statement's new rows, in one
-- statement with the same results as ledger_lines_write (migration 0004): line numbers in receipt order
-- per campaign from the head, the running balances after each line, the day's totals. The jsonb object
-- built per donation and read back by jsonb_to_recordset (every donation's columns through jsonb twice)
-- was most of a bank-statement row's cost in PostgreSQL: ~24 of ~44 µs per donation inserted in
-- batches of 2,000 on the shared 2-core machine. Reversals and distributions, a few at a time, keep
-- ledger_lines_write.
CREATE OR REPLACE FUNCTION ledger_lines_donations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH s AS MATERIALIZED (
        SELECT d.id, d.campaign_id, d.kind, d.received_on, d.amount_vnd, d.value_vnd, d.blood_units, d.channel,
               d.receipt_no, d.bank_reference, d.donor_id, d.publicly_named, d.unit_id, d.description, d.items,
               l.code,
               row_number() OVER w - 1 AS k,
               sum(CASE WHEN d.kind = 'cash' THEN d.amount_vnd ELSE 0 END) OVER w AS cash_cum,
               sum(CASE WHEN d.kind = 'in_kind' THEN d.value_vnd ELSE 0 END) OVER w AS goods_cum
          FROM new_rows d JOIN ledgers l USING (campaign_id)
        WINDOW w AS (PARTITION BY d.campaign_id ORDER BY d.receipt_no, d.id ROWS UNBOUNDED PRECEDING)
    ), per_campaign AS (
        SELECT campaign_id, count(*) AS n,
               sum(CASE WHEN kind = 'cash' THEN amount_vnd ELSE 0 END) AS cash,
               sum(CASE WHEN kind = 'in_kind' THEN value_vnd ELSE 0 END) AS goods
          FROM s GROUP BY 1
    ), heads AS (
        INSERT INTO ledger_line_heads AS h (campaign_id, last_line_no, cash_balance_vnd, goods_balance_vnd)
        SELECT campaign_id, n, cash, goods FROM per_campaign
        ON CONFLICT (campaign_id) DO UPDATE SET
            last_line_no = h.last_line_no + excluded.last_line_no,
            cash_balance_vnd = h.cash_balance_vnd + excluded.cash_balance_vnd,
            goods_balance_vnd = h.goods_balance_vnd + excluded.goods_balance_vnd,
            updated_at = now()
        RETURNING h.campaign_id, h.last_line_no, h.cash_balance_vnd, h.goods_balance_vnd
    ), before AS (
        SELECT h.campaign_id, h.last_line_no - p.n + 1 AS first_no, h.cash_balance_vnd - p.cash AS cash_before,
               h.goods_balance_vnd - p.goods AS goods_before
          FROM heads h JOIN per_campaign p USING (campaign_id)
    ), daily AS (
        INSERT INTO ledger_daily AS g (campaign_id, on_date, cash_in_vnd, cash_out_vnd, goods_in_vnd, goods_out_vnd,
                                       lines)
        SELECT campaign_id, received_on, sum(amount_vnd), 0, sum(value_vnd), 0, count(*)
          FROM s GROUP BY 1, 2
        ON CONFLICT (campaign_id, on_date) DO UPDATE SET
            cash_in_vnd = g.cash_in_vnd + excluded.cash_in_vnd, goods_in_vnd = g.goods_in_vnd + excluded.goods_in_vnd,
            lines = g.lines + excluded.lines
    )
    INSERT INTO ledger_lines (id, campaign_id, line_no, movement, direction, kind, on_date, amount_vnd, value_vnd,
        blood_units, cash_balance_vnd, goods_balance_vnd, channel, receipt_no, reference_rev, bank_ref_rev, donation_id,
        donor_id, publicly_named, name_key, unit_id, note, items)
    SELECT s.id, s.campaign_id, b.first_no + s.k, 'donation', 'in', s.kind, s.received_on, s.amount_vnd,
           s.value_vnd, coalesce(s.blood_units, 0), b.cash_before + s.cash_cum, b.goods_before + s.goods_cum,
           s.channel, s.receipt_no, ledger_reference_rev(s.code, s.receipt_no), reverse(lower(s.bank_reference)),
           s.id, s.donor_id, coalesce(s.publicly_named, false),
           CASE WHEN s.publicly_named AND o.consent_to_be_named AND o.erased_at IS NULL THEN rc_fold(o.name) END,
           s.unit_id, s.description, s.items
      FROM s JOIN before b USING (campaign_id) LEFT JOIN donors o ON o.id = s.donor_id;
    RETURN NULL;
END $$;
