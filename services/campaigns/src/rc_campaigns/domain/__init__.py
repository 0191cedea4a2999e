"""The campaigns domain (pure: no I/O): the campaign lifecycle and Decree 93/2021 time limits (campaigns),
progress against targets (progress), beneficiaries' duplicate detection and minimisation (beneficiaries), blood
sessions and registrations (blood)."""
