"""The donations domain (pure: no I/O): a campaign's ledger and balances (ledger), gifts and donors (donations),
receipt numbers (receipts), pledges (pledges), blood donor eligibility (blood), bank-statement rows (statement)
and what a public ledger line may show (lines)."""
