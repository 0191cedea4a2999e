-- The campaigns a beneficiary was enrolled in after its registration (campaigns.beneficiary.enrolled.v1, events
-- 1.4.0): counted among each such campaign's registered (and, once verified, verified) beneficiaries from the
-- day of the enrolment, as one registered for it is from its registration.
CREATE TABLE rpt_beneficiary_campaigns (
    beneficiary_id  uuid NOT NULL,
    campaign_id     uuid NOT NULL,
    enrolled_on     date NOT NULL,
    PRIMARY KEY (beneficiary_id, campaign_id)
);
CREATE INDEX rpt_beneficiary_campaigns_campaign ON rpt_beneficiary_campaigns (campaign_id);
