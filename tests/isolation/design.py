"""Isolation matrix rows for skanse.design (see tests/isolation/__init__.py)."""

ORG_ROWS = {}
API_ROWS = {}
BUILDERS = {}
PARAMS = {}
TENANT_OBJECTS = ()
