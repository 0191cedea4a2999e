-- A sponsor whose contact is a phone number is keyed by the number's written form (rc_shared.contact, the
-- shared SQL function rc_phone_key): "0912 345 678", "0912345678" and "+84 912 345 678" were three sponsors,
-- so one person could be paired twice with one household over the same months (the overlap check compares
-- sponsorships of one sponsor). Other contacts keep their key.
--
-- The keys stored before are rewritten; a sponsor recorded twice under two spellings of one number keeps its
-- second key (its sponsorships are left for staff to merge), as migration 0010 did for tones. The trigger that
-- keys a new sponsor (0011) applies the rule too, so a pod of the release before, still running during the
-- rollout, cannot store a number as typed.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT id, rc_phone_key(btrim(contact)) AS key FROM sponsors
         WHERE rc_phone_key(btrim(contact)) IS NOT NULL AND contact_key <> rc_phone_key(btrim(contact))
         ORDER BY id
    LOOP
        BEGIN
            UPDATE sponsors SET contact_key = r.key WHERE id = r.id;
        EXCEPTION WHEN unique_violation THEN
            NULL;  -- the same sponsor recorded under another spelling of the number: left for staff
        END;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION rc_tone_keys_of_sponsor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.name_key := rc_tone_key(NEW.name_key);
    NEW.contact_key := coalesce(rc_phone_key(btrim(NEW.contact)), rc_tone_key(NEW.contact_key));
    RETURN NEW;
END
$$;
