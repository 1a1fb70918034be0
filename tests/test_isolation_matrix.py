"""The isolation and permission matrix: every URL pattern and every API route, every persona.

Routes are enumerated from the URL resolver and the OpenAPI schema. A route without a row
here fails `test_every_route_has_a_row`, so nothing new can slip in unchecked.

For every organisation page: anonymous → login redirect; a member of another organisation
→ 404; an object of another organisation → 404; a role without the capability → 403; a
role with it → success. The API: no token → 401; the same rules with tokens.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from skanse.api.urls import api
from skanse.library.documents import FrameworkDoc, MappingDoc, MappingSetDoc, NodeDoc
from skanse.library.models import FrameworkVersion, ImportJob, MappingSet
from skanse.tenancy import services
from skanse.tenancy.models import Invitation, Membership
from skanse.tenancy.roles import Cap, capabilities_for
from tests.isolation import (
    Row,
    breaches,
    commons,
    design,
    dpia,
    evidence,
    inventory,
    kitos,
    privacy,
    programme,
    questionnaires,
    reporting,
    requirements,
)

# The domain apps' rows (one module each under tests/isolation/).
EXTENSIONS = (
    inventory,
    privacy,
    kitos,
    commons,
    requirements,
    questionnaires,
    reporting,
    evidence,
    programme,
    breaches,
    dpia,
    design,
)

LIBRARY_FILE = b"""format: skanse-library/1
kind: framework
urn: urn:test:api-upload
version: "1"
name: Uploaded
requirements:
  - {ref_id: U1, name: Uploaded one}
"""

ROLE_PERSONAS = [
    "admin",
    "security_officer",
    "dpo",
    "contributor",
    "auditor",
    "coordinator",
    "analyst",
]


# --- Organisation pages (/o/<org>/…) -------------------------------------------------------
ORG_ROWS = {
    "org_dashboard": Row(Cap.ORG_VIEW),
    "member_list": Row(Cap.MEMBERS_VIEW),
    "member_invite": Row(
        Cap.MEMBERS_MANAGE,
        ("GET", "POST"),
        data={"email": "new@example.test", "role": "contributor"},
    ),
    "member_detail": Row(Cap.MEMBERS_VIEW, obj="membership"),
    "member_role": Row(Cap.MEMBERS_MANAGE, ("POST",), obj="membership", data={"role": "auditor"}),
    "member_remove": Row(Cap.MEMBERS_MANAGE, ("POST",), obj="membership"),
    "invitation_resend": Row(Cap.MEMBERS_MANAGE, ("POST",), obj="invitation"),
    "invitation_revoke": Row(Cap.MEMBERS_MANAGE, ("POST",), obj="invitation"),
    "org_settings": Row(Cap.SETTINGS_MANAGE, ("GET", "POST")),
    "token_list": Row(Cap.TOKENS_OWN, ("GET", "POST"), data={"name": "matrix"}),
    "token_revoke": Row(Cap.TOKENS_OWN, ("POST",), obj="token"),
    "organisation_list": Row(Cap.ORGANISATIONS_VIEW, coordinator_only=True),
    "organisation_create": Row(
        Cap.ORGANISATIONS_MANAGE,
        ("GET", "POST"),
        coordinator_only=True,
        data={"name": "Matrix", "kind": "other"},
    ),
    "organisation_detail": Row(Cap.ORGANISATIONS_VIEW, obj="target", coordinator_only=True),
    "organisation_deactivate": Row(
        Cap.ORGANISATIONS_MANAGE, ("POST",), obj="target", coordinator_only=True
    ),
    "organisation_reactivate": Row(
        Cap.ORGANISATIONS_MANAGE, ("POST",), obj="target", coordinator_only=True
    ),
    "audit_list": Row(Cap.AUDIT_VIEW),
    "audit_export": Row(Cap.AUDIT_VIEW),
    "object_history": Row(Cap.AUDIT_VIEW, obj="history"),
    # The library: global content every member reads; authoring is the coordinator's.
    "library_index": Row(Cap.LIBRARY_VIEW),
    "library_version": Row(Cap.LIBRARY_VIEW, obj="version"),
    "library_export": Row(Cap.LIBRARY_VIEW, obj="version", extra={"fmt": "yaml"}),
    "library_compare": Row(Cap.LIBRARY_VIEW, obj="version"),
    "library_requirement": Row(Cap.LIBRARY_VIEW, obj="requirement"),
    "library_import": Row(Cap.LIBRARY_MANAGE, ("GET", "POST")),
    "library_import_job": Row(Cap.LIBRARY_MANAGE, obj="job"),
    "library_framework_create": Row(
        Cap.LIBRARY_MANAGE, ("GET", "POST"), data={"name": "Matrix", "ref_id": "MX"}
    ),
    "library_publish": Row(Cap.LIBRARY_MANAGE, ("POST",), obj="draft"),
    "library_new_version": Row(Cap.LIBRARY_MANAGE, ("POST",), obj="version"),
    "library_requirement_add": Row(
        Cap.LIBRARY_MANAGE,
        ("GET", "POST"),
        obj="draft",
        data={"ref_id": "N1", "name": "New", "assessable": "on"},
    ),
    "library_requirement_edit": Row(
        Cap.LIBRARY_MANAGE,
        ("GET", "POST"),
        obj="draft",
        extra={"requirement": "draft_requirement"},
        data={"ref_id": "D1", "name": "Changed"},
    ),
    "library_requirement_delete": Row(
        Cap.LIBRARY_MANAGE, ("POST",), obj="draft", extra={"requirement": "draft_requirement"}
    ),
    # Campaigns: the coordinator's side (global campaign work) …
    "campaign_list": Row(Cap.CAMPAIGNS_VIEW, coordinator_only=True),
    "questionnaire_import": Row(Cap.CAMPAIGNS_MANAGE, ("POST",), coordinator_only=True),
    "campaign_create": Row(Cap.CAMPAIGNS_MANAGE, ("GET", "POST"), coordinator_only=True),
    "campaign_detail": Row(Cap.CAMPAIGNS_VIEW, obj="campaign", coordinator_only=True),
    "campaign_dataset": Row(Cap.CAMPAIGNS_VIEW, obj="campaign", coordinator_only=True),
    "campaign_report": Row(
        Cap.CAMPAIGNS_VIEW,
        ("POST",),
        obj="campaign",
        coordinator_only=True,
        data={"language": "da"},
    ),
    "campaign_launch": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("POST",),
        obj="campaign_draft",
        coordinator_only=True,
        data={"participants": "municipalities"},
    ),
    "campaign_close": Row(Cap.CAMPAIGNS_MANAGE, ("POST",), obj="campaign", coordinator_only=True),
    "campaign_remind": Row(Cap.CAMPAIGNS_MANAGE, ("POST",), obj="campaign", coordinator_only=True),
    "participant_remind": Row(
        Cap.CAMPAIGNS_MANAGE, ("POST",), obj="participant", coordinator_only=True
    ),
    "participant_return": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("POST",),
        obj="participant",
        coordinator_only=True,
        data={"reason": "Check A1"},
    ),
    "participant_extend": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("POST",),
        obj="participant",
        coordinator_only=True,
        data={"deadline": "2099-01-01"},
    ),
    # … and the participant's: its own response.
    "programme": Row(Cap.ORG_VIEW),
    "response_list": Row(Cap.RESPONSES_VIEW),
    "response_detail": Row(Cap.RESPONSES_VIEW, obj="response"),
    "response_section": Row(Cap.RESPONSES_VIEW, obj="response", extra={"section": "section"}),
    "response_confirm": Row(
        Cap.RESPONSES_ANSWER, ("POST",), obj="response", extra={"section": "section"}
    ),
    "answer_save": Row(
        Cap.RESPONSES_ANSWER,
        ("POST",),
        obj="response",
        extra={"question": "question"},
        data={"value": "3"},
    ),
    "response_workbook": Row(Cap.RESPONSES_VIEW, obj="response"),
    "response_upload": Row(Cap.RESPONSES_ANSWER, ("POST",), obj="response"),
    "response_submit": Row(Cap.RESPONSES_SUBMIT, ("POST",), obj="response"),
    "response_share": Row(Cap.RESPONSES_SUBMIT, ("POST",), obj="response", data={"share": "yes"}),
    "response_assign": Row(Cap.RESPONSES_SUBMIT, ("POST",), obj="response"),
    "response_results": Row(Cap.RESPONSES_VIEW, obj="response"),
    "response_report": Row(Cap.RESPONSES_VIEW, ("POST",), obj="response", data={"language": "en"}),
}

# --- Pages outside an organisation: who may open them ----------------------------------------
PUBLIC = "public"  # anyone, logged in or not
LOGIN = "login"  # any logged-in person; anonymous → login page
OTHER_ROWS = {
    "home": LOGIN,
    "profile": LOGIN,
    "accessibility": PUBLIC,
    "set_language": PUBLIC,
    "invitation_accept": PUBLIC,  # the secret in the link is the credential; tested in tenancy
}
# allauth's own pages (login, password reset, MFA…): allauth decides; we check they render
# for the anonymous or logged-in person they are for, and never leak tenant data.
ALLAUTH_PREFIX = "accounts/"
# The API: docs and schema are public; every operation is in API_ROWS.
API_PUBLIC = {"api-v1:openapi-json", "api-v1:openapi-view"}

API_ROWS = {
    ("GET", "/api/v1/organisations"): Row(Cap.ORG_VIEW),
    ("GET", "/api/v1/organisations/{uuid}"): Row(Cap.ORG_VIEW, obj="organisation"),
    ("GET", "/api/v1/memberships"): Row(Cap.MEMBERS_VIEW),
    ("GET", "/api/v1/memberships/{uuid}"): Row(Cap.MEMBERS_VIEW, obj="membership"),
    ("PATCH", "/api/v1/memberships/{uuid}"): Row(
        Cap.MEMBERS_MANAGE, obj="membership", data={"role": "auditor"}
    ),
    ("DELETE", "/api/v1/memberships/{uuid}"): Row(Cap.MEMBERS_MANAGE, obj="membership"),
    ("POST", "/api/v1/invitations"): Row(
        Cap.MEMBERS_MANAGE, data={"email": "api@example.test", "role": "dpo"}
    ),
    ("GET", "/api/v1/audit-events"): Row(Cap.AUDIT_VIEW),
    ("GET", "/api/v1/library/versions"): Row(Cap.LIBRARY_VIEW),
    ("GET", "/api/v1/library/versions/{uuid}"): Row(Cap.LIBRARY_VIEW, obj="version"),
    ("GET", "/api/v1/library/versions/{uuid}/requirements"): Row(Cap.LIBRARY_VIEW, obj="version"),
    ("GET", "/api/v1/library/mapping-sets"): Row(Cap.LIBRARY_VIEW),
    ("GET", "/api/v1/library/mapping-sets/{uuid}/mappings"): Row(
        Cap.LIBRARY_VIEW, obj="mapping_set"
    ),
    ("POST", "/api/v1/library/imports"): Row(Cap.LIBRARY_MANAGE, obj="upload"),
    # Campaigns: every member reads the campaigns its organisation runs or takes part in.
    ("GET", "/api/v1/campaigns"): Row(Cap.ORG_VIEW),
    ("GET", "/api/v1/campaigns/{uuid}/questions"): Row(Cap.ORG_VIEW, obj="campaign"),
    ("GET", "/api/v1/campaigns/{uuid}/results"): Row(Cap.ORG_VIEW, obj="campaign"),
    ("GET", "/api/v1/responses"): Row(Cap.RESPONSES_VIEW),
    ("GET", "/api/v1/responses/{uuid}"): Row(Cap.RESPONSES_VIEW, obj="response"),
    ("GET", "/api/v1/responses/{uuid}/answers"): Row(Cap.RESPONSES_VIEW, obj="response"),
    ("PUT", "/api/v1/responses/{uuid}/answers/{key}"): Row(
        Cap.RESPONSES_ANSWER, obj="response", data={"value": 3}
    ),
    ("POST", "/api/v1/responses/{uuid}/submit"): Row(Cap.RESPONSES_SUBMIT, obj="response"),
}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            for route, name in _walk(entry.url_patterns, prefix + str(entry.pattern)):
                yield route, (f"{namespace}:{name}" if namespace and name else name)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


def all_routes():
    return list(_walk(get_resolver().url_patterns))


def api_operations():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method in operations:
            yield method.upper(), path


def test_every_route_has_a_row():
    missing = []
    for route, name in all_routes():
        if route.startswith("o/<slug:org>/"):
            if name not in ORG_ROWS:
                missing.append(route)
        elif route.startswith("api/v1/"):
            continue  # operations are checked against the OpenAPI schema below
        elif route.startswith(ALLAUTH_PREFIX) and name not in OTHER_ROWS:
            continue
        elif name not in OTHER_ROWS:
            missing.append(route)
    missing += [op for op in api_operations() if op not in API_ROWS]
    assert not missing, f"Routes without a row in the isolation matrix: {missing}"


def test_rows_name_existing_routes():
    names = {name for _route, name in all_routes()}
    assert set(ORG_ROWS) <= names
    assert set(OTHER_ROWS) <= names
    assert set(API_ROWS) <= set(api_operations())


# --- Objects the URLs point at ---------------------------------------------------------------


def _object(kind, personas, org, user):
    """An object of `kind` in `org` (for `user` where the object is personal)."""
    with scopes_disabled():
        if kind == "membership":
            # A member who is not an admin, so removing or demoting them is allowed.
            return (
                Membership.objects.filter(
                    organisation=org, role__in=["contributor", "coordinator_analyst"]
                )
                .order_by("role")
                .first()
            )
        if kind == "invitation":
            return Invitation.objects.create(
                organisation=org,
                email="invited@example.test",
                role="contributor",
                token_hash=f"matrix-{org.pk}",
                expires_at="2099-01-01T00:00Z",
            )
        if kind == "token":
            owner = user if user is not None else personas.admin
            if not Membership.objects.filter(organisation=org, user=owner).exists():
                owner = Membership.objects.filter(organisation=org).first().user
            token, _secret = services.token_create(actor=owner, organisation=org, name="t")
            return token
        if kind == "history":
            return Membership.objects.filter(organisation=org).first()
        if kind == "target":
            return personas.other_org
        if kind == "organisation":
            return org
        if kind in ("version", "draft", "requirement", "draft_requirement", "mapping_set"):
            return _library(kind)
        if kind in ("campaign", "campaign_draft", "section", "question"):
            return _campaign(personas)[kind]
        if kind == "response":
            # The coordinator has no response; it is refused by capability before the lookup.
            owner = personas.org if org.is_coordinator else org
            return _campaign(personas)["responses"][owner.pk]
        if kind == "participant":
            return _campaign(personas)["responses"][personas.org.pk]
        if kind == "job":
            return ImportJob.objects.create(
                organisation=org,
                file_name="x.yaml",
                started_by=user,
                status="done",
            )
        for extension in EXTENSIONS:
            if kind in extension.BUILDERS:
                return extension.BUILDERS[kind](personas, org, user)
    raise AssertionError(kind)


MATRIX_QUESTIONNAIRE = """
format: skanse-questionnaire/1
key: matrix
version: "1"
name: Matrix questionnaire
sections:
  - key: one
    title: One
    track: iso27001
    questions:
      - {key: A1, type: maturity, text: "How mature are you?"}
"""


def _campaign(personas):
    """An open campaign with responses for both municipalities (the section assigned to each
    contributor, who answers only assigned sections), and a draft campaign to launch."""
    with scopes_disabled():
        return _make_campaign(personas)


def _make_campaign(personas):
    import datetime

    from skanse.campaigns import services as campaign_services
    from skanse.campaigns.models import Campaign, Response, SectionAssignment

    opened = Campaign.objects.filter(name="Matrix open").first()
    if opened is None:
        version = campaign_services.questionnaire_import(MATRIX_QUESTIONNAIRE.encode())
        dates = {"opens_on": datetime.date(2026, 1, 1), "closes_on": datetime.date(2099, 1, 1)}
        opened = campaign_services.campaign_create(
            actor=None, name="Matrix open", questionnaire_version=version, kind="baseline", **dates
        )
        campaign_services.campaign_launch(
            actor=None, campaign=opened, participants=[personas.org, personas.other_org]
        )
        campaign_services.campaign_create(
            actor=None, name="Matrix draft", questionnaire_version=version, kind="baseline", **dates
        )
        section = version.sections.get()
        for response in Response.objects.filter(campaign=opened):
            contributor = Membership.objects.get(
                organisation=response.organisation, role="contributor"
            ).user
            SectionAssignment.objects.create(
                organisation=response.organisation,
                response=response,
                section=section,
                assignee=contributor,
            )
    section = opened.questionnaire_version.sections.get()
    return {
        "campaign": opened,
        "campaign_draft": Campaign.objects.get(name="Matrix draft"),
        "section": section,
        "question": section.questions.get(),
        "responses": {r.organisation_id: r for r in Response.objects.filter(campaign=opened)},
    }


def _library(kind):
    """A small published framework with a mapping set, and a draft with one requirement."""
    from skanse.library.services import ImportReport, framework_import, mapping_set_import

    published = FrameworkVersion.objects.filter(framework__urn="urn:test:matrix").first()
    if published is None:
        report = ImportReport()
        published = framework_import(
            FrameworkDoc(
                urn="urn:test:matrix",
                version="1",
                name="Matrix",
                requirements=[NodeDoc(ref_id="M1", name="One"), NodeDoc(ref_id="M2", name="Two")],
            ),
            report=report,
        )
        framework_import(
            FrameworkDoc(
                urn="urn:test:matrix-draft",
                version="1",
                name="Draft",
                status="draft",
                requirements=[NodeDoc(ref_id="D1", name="Draft one")],
            ),
            report=report,
        )
        mapping_set_import(
            MappingSetDoc(
                urn="urn:test:matrix-map",
                version="1",
                name="Map",
                source_urn="urn:test:matrix",
                target_urn="urn:test:matrix",
                mappings=[MappingDoc(source="M1", target="M2")],
            ),
            report=report,
        )
    draft = FrameworkVersion.objects.get(framework__urn="urn:test:matrix-draft")
    return {
        "version": published,
        "draft": draft,
        "requirement": published.requirements.first(),
        "draft_requirement": draft.requirements.first(),
        "mapping_set": MappingSet.objects.get(urn="urn:test:matrix-map"),
    }[kind]


PARAMS = {
    "campaign": "campaign",
    "campaign_draft": "campaign",
    "participant": "response",
    "response": "response",
    "membership": "member",
    "invitation": "invitation",
    "token": "token",
    "history": "object_uuid",
    "target": "target",
    "version": "version",
    "draft": "version",
    "requirement": "requirement",
    "job": "job",
}

for _extension in EXTENSIONS:
    ORG_ROWS.update(_extension.ORG_ROWS)
    API_ROWS.update(_extension.API_ROWS)
    PARAMS.update(_extension.PARAMS)


def _org_url(name, row, personas, org, user):
    kwargs = {"org": org.slug}
    if row.obj:
        kwargs[PARAMS[row.obj]] = _object(row.obj, personas, org, user).uuid
    for key, value in row.extra.items():
        if value == "draft_requirement":
            kwargs[key] = _library(value).uuid
        elif value in ("section", "question"):
            kwargs[key] = _campaign(personas)[value].uuid
        else:
            kwargs[key] = value
    return reverse(name, kwargs=kwargs)


def _data(row, org, personas=None):
    """The row's form data, with a role that exists in `org`'s kind of organisation."""
    data = row.data(personas, org) if callable(row.data) else row.data
    if "role" in data and org.is_coordinator:
        return {**data, "role": "coordinator_analyst"}
    return data


def _home_org(personas, who):
    return personas.coordinator_org if who in ("coordinator", "analyst") else personas.org


ORG_CASES = [(name, method) for name, row in ORG_ROWS.items() for method in row.methods]


@pytest.mark.parametrize(("name", "method"), ORG_CASES)
def test_anonymous_is_sent_to_login(personas, client, name, method):
    row = ORG_ROWS[name]
    url = _org_url(name, row, personas, personas.org, None)
    response = client.generic(
        method, url, _data(row, personas.org, personas) if method == "POST" else ""
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("name", "method"), ORG_CASES)
def test_a_member_of_another_organisation_gets_404(personas, name, method):
    row = ORG_ROWS[name]
    url = _org_url(name, row, personas, personas.org, personas.admin)
    client = personas.client(personas.outsider)
    data = _data(row, personas.org, personas)
    response = client.post(url, data) if method == "POST" else client.get(url)
    assert response.status_code == 404


# Objects that belong to an organisation (library content is global and shared by all).
TENANT_OBJECTS = ("membership", "invitation", "token", "history", "job", "response")
for _extension in EXTENSIONS:
    TENANT_OBJECTS += tuple(_extension.TENANT_OBJECTS)


@pytest.mark.parametrize(
    ("name", "method"), [(n, m) for n, m in ORG_CASES if ORG_ROWS[n].obj in TENANT_OBJECTS]
)
def test_another_organisations_object_gets_404(personas, name, method):
    """The member's own organisation in the URL, the other organisation's object in it."""
    row = ORG_ROWS[name]
    if row.obj == "job":  # import jobs live in the coordinator organisation
        org, member = personas.coordinator_org, personas.coordinator
    else:
        org, member = personas.org, personas.admin
    foreign = _object(row.obj, personas, personas.other_org, personas.outsider)
    kwargs = {"org": org.slug, PARAMS[row.obj]: foreign.uuid}
    for key, value in row.extra.items():
        kwargs[key] = _campaign(personas)[value].uuid
    url = reverse(name, kwargs=kwargs)
    client = personas.client(member)
    data = _data(row, org, personas)
    response = client.post(url, data) if method == "POST" else client.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize("who", ROLE_PERSONAS)
@pytest.mark.parametrize(("name", "method"), ORG_CASES)
def test_capability_decides(personas, who, name, method):
    row = ORG_ROWS[name]
    user = getattr(personas, who)
    org = _home_org(personas, who)
    role = personas.membership[user.email].role
    url = _org_url(name, row, personas, org, user)
    client = personas.client(user)
    response = client.post(url, _data(row, org, personas)) if method == "POST" else client.get(url)
    allowed = row.capability in capabilities_for(role)
    if not allowed:
        assert response.status_code == 403, (who, url, response.status_code)
    elif row.coordinator_only and not org.is_coordinator:
        assert response.status_code == 404
    else:
        assert response.status_code in (200, 302, 400), (who, url, response.status_code)
        if method == "POST" and response.status_code == 400:
            # A refusal must come from validation, not from access control.
            assert b"form-error" in response.content or b"alert-error" in response.content


@pytest.mark.parametrize("name", sorted(n for n, r in ORG_ROWS.items() if "POST" not in r.methods))
def test_read_only_pages_reject_post(personas, name):
    row = ORG_ROWS[name]
    url = _org_url(name, row, personas, personas.coordinator_org, personas.coordinator)
    response = personas.client(personas.coordinator).post(url)
    assert response.status_code in (403, 405)


@pytest.mark.parametrize("name", sorted(n for n, r in ORG_ROWS.items() if r.methods == ("POST",)))
def test_actions_reject_get(personas, name):
    row = ORG_ROWS[name]
    org = personas.coordinator_org if row.coordinator_only else personas.org
    user = personas.coordinator if row.coordinator_only else personas.admin
    response = personas.client(user).get(_org_url(name, row, personas, org, user))
    assert response.status_code == 405


# --- Pages outside an organisation -----------------------------------------------------------


def test_login_only_pages_send_anonymous_to_login(client):
    for name, kind in OTHER_ROWS.items():
        if kind == LOGIN:
            response = client.get(reverse(name))
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_public_pages_open_to_anonymous(client):
    assert client.get(reverse("accessibility")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert client.get(reverse("invitation_accept", args=["unknown"])).status_code == 404


def test_allauth_pages_render(personas, client):
    """Anonymous pages render; pages for logged-in people redirect the anonymous to login."""
    for route, name in all_routes():
        if not route.startswith(ALLAUTH_PREFIX) or "<" in route or name in OTHER_ROWS:
            continue
        response = client.get("/" + route)
        assert response.status_code in (200, 302, 404), (route, response.status_code)


# --- The API ---------------------------------------------------------------------------------


def _token(user, org):
    with scopes_disabled():
        _token_obj, secret = services.token_create(actor=user, organisation=org, name="api")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _api_path(path, row, personas, org, user):
    if row.obj == "upload":
        return path
    if row.obj:
        obj = _object(row.obj, personas, org, user)
        path = path.replace("{uuid}", str(obj.uuid))
    return path.replace("{key}", "A1")


def _api_call(client, method, path, data, headers):
    if path.endswith("/library/imports"):
        upload = SimpleUploadedFile("m.yaml", LIBRARY_FILE, content_type="application/yaml")
        return client.post(path, {"file": upload}, **headers)
    if method in ("POST", "PATCH", "PUT"):
        return client.generic(
            method, path, json.dumps(data), content_type="application/json", **headers
        )
    return client.generic(method, path, **headers)


API_CASES = sorted(API_ROWS)


@pytest.mark.parametrize(("method", "path"), API_CASES)
def test_api_without_token_is_401(personas, client, method, path):
    row = API_ROWS[(method, path)]
    url = _api_path(path, row, personas, personas.org, personas.admin)
    response = _api_call(client, method, url, _data(row, personas.org, personas), {})
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path"), API_CASES)
def test_api_revoked_or_wrong_token_is_401(personas, client, method, path):
    row = API_ROWS[(method, path)]
    url = _api_path(path, row, personas, personas.org, personas.admin)
    headers = {"HTTP_AUTHORIZATION": "Bearer skanse_00000000_not-a-token"}
    assert (
        _api_call(client, method, url, _data(row, personas.org, personas), headers).status_code
        == 401
    )


@pytest.mark.parametrize(
    ("method", "path"), [c for c in API_CASES if API_ROWS[c].obj in TENANT_OBJECTS]
)
def test_api_another_organisations_object_is_404(personas, client, method, path):
    row = API_ROWS[(method, path)]
    url = _api_path(path, row, personas, personas.other_org, personas.outsider)
    headers = _token(personas.admin, personas.org)
    assert (
        _api_call(client, method, url, _data(row, personas.org, personas), headers).status_code
        == 404
    )


@pytest.mark.parametrize("who", ROLE_PERSONAS)
@pytest.mark.parametrize(("method", "path"), API_CASES)
def test_api_capability_decides(personas, client, who, method, path):
    row = API_ROWS[(method, path)]
    user = getattr(personas, who)
    org = _home_org(personas, who)
    role = personas.membership[user.email].role
    url = _api_path(path, row, personas, org, user)
    response = _api_call(client, method, url, _data(row, org, personas), _token(user, org))
    if row.capability in capabilities_for(role):
        assert response.status_code in (200, 201, 204, 400), (who, url, response.content)
        if response.status_code == 400:
            # A refusal must come from validation (the error shape), not from access control.
            assert "detail" in response.json(), (who, url, response.content)
    else:
        assert response.status_code == 403, (who, url, response.status_code)


@pytest.mark.django_db
def test_api_docs_and_schema_are_public(client):
    assert client.get(reverse("api_docs")).status_code == 200
    assert client.get(reverse("api-v1:openapi-json")).status_code == 200
    assert client.get(reverse("api-v1:openapi-view")).status_code == 200
