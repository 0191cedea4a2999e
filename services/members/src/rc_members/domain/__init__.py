"""The members domain (pure: no I/O): the organisation tree as dated data (units), people, memberships, roles
and hours (people), and the checks of bulk-import rows (imports)."""
