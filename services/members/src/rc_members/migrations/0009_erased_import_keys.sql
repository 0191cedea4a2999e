-- An erased person's import key no longer names them.
--
-- Case: erasure kept people.import_key as it was, so that an old sheet imported again finds the person
-- erased rather than a stranger to create. But the key is "card:<unit>:<member code>" in plain text, or an
-- unsalted sha256 of unit, name and birth date (anyone can test a guess), and the membership kept its
-- member code: the erased record still led back to the person. Now erasure replaces the key with a salted
-- hash of it ("erased:…", the salt one random value of this database, never shown) and clears the member
-- codes; an import computes the same hash of each row's key to find the erased record (and answers
-- "erased", without the record's id). People erased before this migration are brought to the same form.
CREATE TABLE erasure_salt (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    salt text    NOT NULL
);
INSERT INTO erasure_salt (salt) VALUES (gen_random_uuid()::text || gen_random_uuid()::text);

CREATE FUNCTION erased_import_key(p_key text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT 'erased:' || encode(sha256(convert_to(s.salt || p_key, 'UTF8')), 'hex') FROM erasure_salt s
$$;

UPDATE people SET import_key = erased_import_key(import_key)
 WHERE erased_at IS NOT NULL AND import_key IS NOT NULL AND import_key NOT LIKE 'erased:%';
UPDATE memberships m SET member_code = NULL
  FROM people p WHERE p.id = m.person_id AND p.erased_at IS NOT NULL AND m.member_code IS NOT NULL;
