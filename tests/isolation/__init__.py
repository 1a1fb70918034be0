"""Rows of the isolation and permission matrix (`tests/test_isolation_matrix.py`).

Each domain app that adds URLs or API routes has a module here with the same five names, which
the matrix merges into its own:

- `ORG_ROWS`: URL name → `Row` for pages under `/o/<org>/`;
- `API_ROWS`: `(method, path)` → `Row` for API operations, as the OpenAPI schema names them;
- `BUILDERS`: object kind → `build(personas, org, user)`, which returns an object of that kind
  belonging to `org` (called with scopes disabled; it may reuse an existing object);
- `PARAMS`: object kind → the URL argument that carries its uuid;
- `TENANT_OBJECTS`: the kinds that belong to an organisation (a foreign one must be a 404).

A row's `data` may be a callable `data(personas, org) -> dict` when the form data names other
objects of the organisation (e.g. a supplier's uuid).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    capability: str
    methods: tuple = ("GET",)
    obj: str | None = None  # the kind of object the URL names
    coordinator_only: bool = False
    data: dict | object = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # further URL arguments
