-- rc_shared.contact's written forms of a phone number and an identity number, in SQL, in every service's
-- database: the services' migrations put the numbers stored before that rule (as typed: "0912 345 678",
-- "+84912345678", "c1234567", "0301234567-001") in the form the APIs now keep, so that a number given before and after is
-- the same number (a returning donor is found by it). NULL for a text that is not one by the rule; the
-- integration tests compare these with the Python functions on the same inputs.
CREATE OR REPLACE FUNCTION rc_phone_key(typed text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    WITH d AS (
        SELECT regexp_replace(typed, '[^0-9]', '', 'g') AS digits, left(typed, 1) = '+' AS plus
         WHERE typed ~ '^\+?\(?[0-9](?:[ .()-]{0,2}[0-9]){7,14}$'
    ), i AS (
        SELECT digits, plus,
               CASE WHEN plus THEN digits WHEN left(digits, 2) = '00' THEN substr(digits, 3) END AS intl
          FROM d
    ), w AS (
        SELECT CASE WHEN plus THEN '+' ELSE '' END || digits AS plain,
               CASE WHEN left(intl, 2) = '84' THEN '0' || regexp_replace(substr(intl, 3), '^0+', '')
                    ELSE '+' || intl END AS written
          FROM i
    )
    SELECT CASE WHEN written ~ '^\+?[0-9]{8,15}$' THEN written ELSE plain END FROM w
$$;

CREATE OR REPLACE FUNCTION rc_id_number_key(typed text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT upper(translate(typed, ' .-', '')) WHERE typed ~ '^[0-9A-Za-z](?:[ .-]?[0-9A-Za-z]){5,19}$'
$$;
