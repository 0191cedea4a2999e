"""Typed clients of the services' HTTP APIs, one sub-package per service, generated from docs/openapi.

Do not edit: ``./dev openapi generate`` rewrites every sub-package; a contract test fails when one is stale.
"""
