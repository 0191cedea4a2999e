"""Events published by the campaigns service (filled in by the campaigns issue)."""
