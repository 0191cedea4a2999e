"""Adapters: the asyncpg projection repository and the report queries."""
