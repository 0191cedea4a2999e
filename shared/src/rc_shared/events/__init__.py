"""Event payload models, by producing service. Importing a module registers its events."""
