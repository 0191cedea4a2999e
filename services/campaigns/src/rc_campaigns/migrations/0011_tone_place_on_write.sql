-- Keys written with the tone where the old convention puts it are stored with the new one.
--
-- Migration 0010 rewrote the keys it found, and the code after it writes the new convention; a pod of the
-- code before it, still running during the rollout, wrote "hòa" as typed, and nothing would rewrite it
-- later (the household typed "Hòa" again would then be registered twice). These triggers apply the same
-- rule (rc_tone_key) to every key written: on insert, and on an update that changes a key (a correction
-- that leaves the name and address keeps the keys as stored, so a household registered twice before 0010
-- keeps its second record's key; see 0010).
CREATE FUNCTION rc_tone_keys_of_beneficiary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.name_key := rc_tone_key(NEW.name_key);
    NEW.address_key := rc_tone_key(NEW.address_key);
    RETURN NEW;
END
$$;

CREATE TRIGGER beneficiaries_tone_keys_insert BEFORE INSERT ON beneficiaries
    FOR EACH ROW EXECUTE FUNCTION rc_tone_keys_of_beneficiary();
CREATE TRIGGER beneficiaries_tone_keys_update BEFORE UPDATE ON beneficiaries
    FOR EACH ROW
    WHEN (NEW.name_key IS DISTINCT FROM OLD.name_key OR NEW.address_key IS DISTINCT FROM OLD.address_key)
    EXECUTE FUNCTION rc_tone_keys_of_beneficiary();

CREATE FUNCTION rc_tone_keys_of_sponsor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.name_key := rc_tone_key(NEW.name_key);
    NEW.contact_key := rc_tone_key(NEW.contact_key);
    RETURN NEW;
END
$$;

CREATE TRIGGER sponsors_tone_keys BEFORE INSERT ON sponsors
    FOR EACH ROW EXECUTE FUNCTION rc_tone_keys_of_sponsor();
