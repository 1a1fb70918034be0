from skanse.api.urls import api

SCHEMA = "/api/v1/openapi.json"

# The routes of organisations, members and the audit trail (other routers add their own).
OPERATIONS = {
    ("get", "/api/v1/organisations"),
    ("get", "/api/v1/organisations/{uuid}"),
    ("get", "/api/v1/memberships"),
    ("get", "/api/v1/memberships/{uuid}"),
    ("patch", "/api/v1/memberships/{uuid}"),
    ("delete", "/api/v1/memberships/{uuid}"),
    ("post", "/api/v1/invitations"),
    ("get", "/api/v1/audit-events"),
}


def _registered():
    """Every operation the routers define, whatever the schema says."""
    found = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    route = "/api/v1" + ("/" + prefix.strip("/") if prefix.strip("/") else "")
                    found.add((method.lower(), f"{route}/{path.lstrip('/')}".rstrip("/")))
    return found


def test_the_schema_lists_every_route(client, db):
    response = client.get(SCHEMA)
    assert response.status_code == 200
    schema = response.json()
    listed = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    assert listed == _registered()
    assert listed >= OPERATIONS


def test_the_schema_documents_token_authentication_and_the_error_shape(client, db):
    schema = client.get(SCHEMA).json()
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    patch = schema["paths"]["/api/v1/memberships/{uuid}"]["patch"]
    assert patch["security"] == [{"TokenAuth": []}]
    error = patch["responses"]["400"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"detail", "errors"}
