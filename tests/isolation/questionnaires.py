"""Isolation matrix rows for questionnaire authoring in skanse.campaigns (see __init__.py)."""

ORG_ROWS = {}
API_ROWS = {}
BUILDERS = {}
PARAMS = {}
TENANT_OBJECTS = ()
