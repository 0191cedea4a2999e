-- Beneficiaries' and sponsors' comparison keys place a tone by one convention.
--
-- In a word ending in "oa", "oe" or "uy" the old convention puts the tone on the first vowel ("Hòa", "khỏe",
-- "Thủy"), the new one on the second ("Hoà", "khoẻ", "Thuỷ"). Both are typed every day, and the keys kept
-- them apart: "Lê Thị Thủy, huyện Hòa Bình" and "Lê Thị Thuỷ, huyện Hoà Bình" were two households, each
-- verified and each supported. The keys now take the new convention (rc_campaigns.domain.beneficiaries.
-- tone_key; rc_tone_key below is the same rule, kept so that a test can compare the two).
--
-- A record whose new key another record already has (the same household registered under both spellings
-- before this migration) keeps its old key: the unique index would refuse the change, and which of the two is
-- right is for staff to decide. Erased records keep their placeholder keys.
CREATE FUNCTION rc_tone_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT normalize(
        regexp_replace(
            regexp_replace(
                normalize(t, NFD),
                'o([' || chr(768) || chr(769) || chr(771) || chr(777) || chr(803) || '])([ae])(?=\s|$)', 'o\2\1', 'g'),
            'u([' || chr(768) || chr(769) || chr(771) || chr(777) || chr(803) || '])(y)(?=\s|$)', 'u\2\1', 'g'),
        NFC)
$$;

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT id FROM beneficiaries
        WHERE name_key NOT LIKE 'erased:%'
          AND (name_key <> rc_tone_key(name_key) OR address_key <> rc_tone_key(address_key))
    LOOP
        BEGIN
            UPDATE beneficiaries SET name_key = rc_tone_key(name_key), address_key = rc_tone_key(address_key)
            WHERE id = r.id;
        EXCEPTION WHEN unique_violation THEN
            NULL;  -- registered under the other spelling too: left for staff
        END;
    END LOOP;
    FOR r IN
        SELECT id FROM sponsors WHERE name_key <> rc_tone_key(name_key) OR contact_key <> rc_tone_key(contact_key)
    LOOP
        BEGIN
            UPDATE sponsors SET name_key = rc_tone_key(name_key), contact_key = rc_tone_key(contact_key)
            WHERE id = r.id;
        EXCEPTION WHEN unique_violation THEN
            NULL;
        END;
    END LOOP;
END
$$;
