-- The campaigns a beneficiary was enrolled in after its registration (campaigns.beneficiary.enrolled.v1,
-- events 1.4.0): a distribution of such a campaign may go to it, as to one registered for the campaign.
CREATE TABLE beneficiary_campaigns (
    beneficiary_id  uuid NOT NULL,
    campaign_id     uuid NOT NULL,
    enrolled_on     date NOT NULL,
    PRIMARY KEY (beneficiary_id, campaign_id)
);
