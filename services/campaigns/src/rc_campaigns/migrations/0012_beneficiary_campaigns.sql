-- A beneficiary supported by more than one campaign.
--
-- A record was registered for one campaign (beneficiaries.campaign_id): a household supported by last year's
-- flood appeal could not be registered for this year's (a duplicate, organisation-wide) nor receive its
-- distributions (registered for another campaign). An enrolment adds a campaign to an existing record; its
-- verification stands. The registration's own campaign stays where it was.
CREATE TABLE beneficiary_campaigns (
    beneficiary_id  uuid        NOT NULL REFERENCES beneficiaries (id),
    campaign_id     uuid        NOT NULL REFERENCES campaigns (id),
    enrolled_on     date        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (beneficiary_id, campaign_id)
);
CREATE INDEX beneficiary_campaigns_campaign ON beneficiary_campaigns (campaign_id);
