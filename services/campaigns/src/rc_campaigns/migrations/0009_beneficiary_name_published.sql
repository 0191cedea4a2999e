-- A beneficiary's name is published only with their consent to it.
--
-- The public list of a campaign's beneficiaries (Decree 93 disclosure) named everyone supported or verified.
-- Publishing it is a purpose of its own (Law 91/2025: consent per purpose, silence is not consent; DOMAIN:
-- "needs consent or anonymity"), and the consent recorded at registration is for the support. A record now
-- says whether the person agreed to have their name published; without it the list shows the commune and the
-- support under an anonymous label. The records before this column gave no such consent: false (unnamed).
ALTER TABLE beneficiaries ADD COLUMN consent_to_publish boolean NOT NULL DEFAULT false;
