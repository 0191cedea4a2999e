-- Duplicate beneficiaries are looked up across the whole organisation by kind, name and address
-- (not per unit any more): an index for that lookup.
CREATE INDEX beneficiaries_same_household ON beneficiaries (kind, name_key, address_key);
