-- The people search finds a person by a whole phone number as well as by an identity number (the
-- index on id_number is migration 0007's), without reading every person's record.
CREATE INDEX IF NOT EXISTS personal_data_phone ON personal_data (phone) WHERE phone IS NOT NULL;
