"""The console's pure rules (no I/O): what it shows and offers in the user's language (model), its money forms
(money), its campaign operations (campaign_ops) and its reports' filters and charts (reports)."""
