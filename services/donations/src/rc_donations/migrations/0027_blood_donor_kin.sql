-- A blood donor's interval is checked against the gifts of every record that is the same person's: an
-- individual of the same folded name and phone (donors_phone), or of the same folded name and birth date
-- (this index). Before, a donor recorded once by phone and name and once with an identity number, or by
-- name and birth date alone, was two records, and the 84-day rule looked at one of them.
CREATE INDEX IF NOT EXISTS donors_name_birth ON donors (rc_name_key(name), birth_date)
    WHERE birth_date IS NOT NULL AND erased_at IS NULL AND donor_type = 'individual';
