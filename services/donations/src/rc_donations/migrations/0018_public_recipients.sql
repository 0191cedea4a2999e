-- A distribution's recipient as the public answers name it (GET /campaigns/{id}/public-ledger): a random
-- pseudonym per campaign and beneficiary, the same for every distribution of the campaign to them and
-- another in each campaign. Random, not derived: a pseudonym computed from the beneficiary id (which
-- donations API 1.1.0 published, and staff see) could be computed again by anyone who has the id.
CREATE TABLE public_recipients (
    campaign_id    uuid NOT NULL,
    beneficiary_id uuid NOT NULL,
    pseudonym      uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    PRIMARY KEY (campaign_id, beneficiary_id)
);

INSERT INTO public_recipients (campaign_id, beneficiary_id)
SELECT DISTINCT campaign_id, beneficiary_id FROM distributions
ON CONFLICT DO NOTHING;

CREATE FUNCTION public_recipient_of_distribution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public_recipients (campaign_id, beneficiary_id) VALUES (NEW.campaign_id, NEW.beneficiary_id)
    ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;

CREATE TRIGGER distributions_public_recipient AFTER INSERT ON distributions
    FOR EACH ROW EXECUTE FUNCTION public_recipient_of_distribution();
