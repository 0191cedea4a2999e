-- GET /campaigns/{id}/public-ledger (the first public ledger, kept beside its lines) counted the campaign's
-- gifts on every call (count(*) over its donations) and skipped ``offset`` of them row by row: a public,
-- unauthenticated answer whose cost grew with the appeal. Its count is now the summary's counters: the live
-- gifts in cash and in kind (0003) and the reversed ones, counted here as their reversals are inserted (a
-- rare write: no cost on the hot path of recording gifts). The page's rows follow receipt numbers, which
-- are gapless per campaign, so a campaign without blood gifts skips by number (rc_donations.service_layer.reports).
ALTER TABLE ledger_summaries
    ADD COLUMN reversed_contributions bigint NOT NULL DEFAULT 0 CHECK (reversed_contributions >= 0);

UPDATE ledger_summaries s SET reversed_contributions = x.n
  FROM (SELECT d.campaign_id, count(*) AS n
          FROM donation_reversals r JOIN donations d ON d.id = r.donation_id
         WHERE d.kind <> 'blood' GROUP BY 1) x
 WHERE s.campaign_id = x.campaign_id;

CREATE FUNCTION ledger_summary_reversed_contributions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_summaries s SET reversed_contributions = s.reversed_contributions + x.n
      FROM (SELECT d.campaign_id, count(*) AS n
              FROM new_rows r JOIN donations d ON d.id = r.donation_id
             WHERE d.kind <> 'blood' GROUP BY 1) x
     WHERE s.campaign_id = x.campaign_id;
    RETURN NULL;
END $$;

CREATE TRIGGER donation_reversals_reversed_contributions AFTER INSERT ON donation_reversals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION ledger_summary_reversed_contributions();
