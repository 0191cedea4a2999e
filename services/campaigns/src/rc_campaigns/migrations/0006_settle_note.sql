-- A settlement's note on what the campaign still held when it was settled (the decision that allots it):
-- required by the settle use case while money or goods are left undistributed.
ALTER TABLE campaigns ADD COLUMN settle_note text NOT NULL DEFAULT '';
