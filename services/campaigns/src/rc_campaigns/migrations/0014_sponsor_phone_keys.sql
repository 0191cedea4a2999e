-- A sponsor whose contact is a phone number is keyed by the number's written form (rc_shared.contact, the
-- shared SQL function rc_phone_key): "0912 345 678", "0912345678" and "+84 912 345 678" were three sponsors,
-- so one person could be paired twice with one household over the same months (the overlap check compares
-- sponsorships of one sponsor). Other contacts keep their key.
--
-- The keys stored before are rewritten; a sponsor recorded twice under two spellings of one number keeps both
-- records and their keys (its sponsorships are left for staff to merge), as migration 0010 did for tones. The trigger that
-- keys a new sponsor (0011) applies the rule too, so a pod of the release before, still running during the
-- rollout, cannot store a number as typed.
WITH changed AS (
    SELECT id, sponsor_type, name_key, rc_phone_key(btrim(contact)) AS new_key FROM sponsors
     WHERE rc_phone_key(btrim(contact)) IS NOT NULL AND contact_key <> rc_phone_key(btrim(contact))
), counted AS (
    SELECT *, count(*) OVER (PARTITION BY sponsor_type, name_key, new_key) AS takers FROM changed
), safe AS (  -- a key no sponsor of that type and name holds now, and only one would take (one statement)
    SELECT c.id, c.new_key FROM counted c
     WHERE c.takers = 1
       AND NOT EXISTS (SELECT 1 FROM sponsors s WHERE (s.sponsor_type, s.name_key, s.contact_key)
                                                   = (c.sponsor_type, c.name_key, c.new_key))
)
UPDATE sponsors s SET contact_key = safe.new_key FROM safe WHERE s.id = safe.id;

CREATE OR REPLACE FUNCTION rc_tone_keys_of_sponsor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.name_key := rc_tone_key(NEW.name_key);
    NEW.contact_key := coalesce(rc_phone_key(btrim(NEW.contact)), rc_tone_key(NEW.contact_key));
    RETURN NEW;
END
$$;
