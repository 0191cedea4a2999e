-- The public ledger's lines keep the keys their reads and their integrity need, and not two more that
-- only repeated what the movements' own tables already guarantee (issue 7, the bulk pipeline: a bank
-- statement's row cost PostgreSQL ~4-5 µs less with both gone, of ~30 µs for the INSERT and its
-- triggers, measured on a bench database of 50,000 lines in rolled-back batches of 2,000).
--
-- * The foreign key to ledgers: a line is written only by the statement-level triggers of donations,
--   donation_reversals, distributions and distribution_reversals (migrations 0004, 0011), from their
--   new rows joined to ledgers, and each of those tables references ledgers (campaign_id) itself: the
--   same ledger row was checked and key-share locked twice per movement, once per row each.
-- * The primary key on id: no statement looks a line up by id (the pages, the searches and the
--   downloads read by campaign and line number; the donor trigger by donor_id), and a line's id is the
--   id of the one movement row whose insert wrote it, unique in that movement's table. The key the
--   reads use, (campaign_id, line_no), unique already, becomes the primary key.
ALTER TABLE ledger_lines
    DROP CONSTRAINT ledger_lines_campaign_id_fkey,
    DROP CONSTRAINT ledger_lines_pkey,
    DROP CONSTRAINT ledger_lines_no,
    ADD CONSTRAINT ledger_lines_no PRIMARY KEY (campaign_id, line_no);
