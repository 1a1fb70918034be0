"""The API's documentation page: the OpenAPI schema, readable and accessible.

The interactive explorer (Swagger UI, at /api/v1/explorer) is third-party markup we cannot
make WCAG-compliant; this page is the documentation of record.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from skanse.api.urls import api

METHOD_ORDER = ("get", "post", "put", "patch", "delete")


def _operations(schema: dict) -> list[dict]:
    tags: dict[str, list] = {}
    for path, methods in schema["paths"].items():
        for method in METHOD_ORDER:
            operation = methods.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["other"])[0]
            tags.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {"name": p["name"], "in": p["in"], "required": p.get("required", False)}
                        for p in operation.get("parameters", [])
                    ],
                    "body": "requestBody" in operation,
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return [{"tag": tag, "operations": ops} for tag, ops in tags.items()]


@require_safe
def api_docs(request):
    schema = api.get_openapi_schema()
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "groups": _operations(schema),
        },
    )
