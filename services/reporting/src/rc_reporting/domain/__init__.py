"""The reporting domain: report types, period rules, roll-up assembly (pure: no I/O)."""
