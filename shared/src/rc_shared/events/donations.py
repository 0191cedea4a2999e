"""Events published by the donations service (filled in by the donations issue)."""
