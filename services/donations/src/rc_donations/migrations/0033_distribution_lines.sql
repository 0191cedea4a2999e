-- GET /campaigns/{id}/distributions?after=: distributions in the order they were recorded, continued after
-- a line number (each distribution's own line of the public ledger: numbered per campaign under the ledger's
-- lock, so a later line is always committed after an earlier one). Paged by offset in the order of their
-- dates, a distribution dated back (up to 180 days) moved every later one by a place: a client paging them
-- read one twice and never saw the new one. This index reads the distributions' lines without walking the
-- campaign's gift lines between them (a distribution is one line among thousands of gifts).
CREATE INDEX ledger_lines_distributions ON ledger_lines (campaign_id, line_no) WHERE movement = 'distribution';
