"""Service layer: projection handlers (event -> projection change) and report queries."""
