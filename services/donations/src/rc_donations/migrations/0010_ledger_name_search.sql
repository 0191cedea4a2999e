-- The public ledger's name search takes its matches from one index scan of the campaign's lines: the
-- campaign is a column of the trigram index (btree_gin, a trusted extension like pg_trgm), so no plan
-- intersects the name's matches with a range over the whole campaign (every line of it) first.
-- Same partial predicate as before: only the lines of consenting donors are in it.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX ledger_lines_campaign_name ON ledger_lines USING gin (campaign_id, name_key gin_trgm_ops)
    WHERE name_key IS NOT NULL;
DROP INDEX ledger_lines_name;
