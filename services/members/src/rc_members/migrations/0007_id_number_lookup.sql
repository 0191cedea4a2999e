-- One identity number, one person: registrations, edits and imports look the number up before storing
-- it (the members service, under a transaction-scoped advisory lock per number). An index, not a
-- unique constraint: two records that already share a number stay readable until staff reconcile them.
CREATE INDEX IF NOT EXISTS personal_data_id_number ON personal_data (id_number) WHERE id_number IS NOT NULL;
