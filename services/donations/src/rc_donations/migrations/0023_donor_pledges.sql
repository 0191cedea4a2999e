-- A donor's pledges are part of what the donor may ask to see (GET /donors/{id}), and count toward who
-- may see the donor (entrypoints/access.py): both read pledges by donor, which scanned the table.
CREATE INDEX IF NOT EXISTS pledges_donor ON pledges (donor_id) WHERE donor_id IS NOT NULL;
