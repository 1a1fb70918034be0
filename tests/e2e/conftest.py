"""Browser tests: pytest-django's live server, the system Chromium driven by Playwright, axe-core.

One Chromium per session (pytest-playwright's `browser`, launched from /usr/bin/chromium because
Playwright cannot download its own here), a fresh browser context per test.

The live server runs in a thread of this process, so the tests share the database (in memory
for SQLite) and `django.core.mail.outbox` with it. The database is flushed after each test,
so `_reference_data` puts the migrations' reference data (regions, municipalities, the
coordinator) back before the next. The live server serves static files from the
finders (pytest-django uses Django's StaticFilesHandler), as `make demo` does through WhiteNoise.
"""

from dataclasses import dataclass

import pytest

from tests.e2e.browser import assert_browser_quiet, watch
from tests.personas import add_member, make_user

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread, and Django then refuses the
    synchronous ORM calls the fixtures and tests make, unless told it is on purpose. `make
    test-browser` sets this too; set here only for the browser tests, not the rest of the suite.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, with the system Chromium and quiet flags."""
    args = list(CHROMIUM_ARGS)
    if browser_type_launch_args.get("headless") is False:  # pytest --headed
        args.remove("--headless")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": args}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Pages open relative to the live server (pytest-playwright passes this to each context).

    Defined here also because pytest-playwright's own fallback fixture warns under pytest 9.
    """
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An English browser on purpose: Skanse must stay Danish until the person chooses English.
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/Copenhagen"}


@pytest.fixture
def page(context):
    """A page in the test's fresh browser context, watched for CSP violations and errors."""
    page = watch(context.new_page())
    yield page
    assert_browser_quiet(page)


@pytest.fixture
def open_page(new_context):
    """Open a page in another fresh context: a second person, or someone with no session."""
    pages = []

    def _open():
        page = watch(new_context().new_page())
        pages.append(page)
        return page

    yield _open
    for page in pages:
        assert_browser_quiet(page)


@pytest.fixture(autouse=True)
def _reference_data(live_server):
    """Every browser test: the live server, and the reference data from the migrations.

    The database is flushed after each test that uses the live server. pytest-django's
    `django_db_serialized_rollback` cannot restore it here: Playwright's sync API changes the
    context Django keeps its connections in, and the serialized copy stays on the old one.
    """
    from skanse.tenancy import reference
    from skanse.tenancy.models import Organisation, Region

    if not Organisation.objects.filter(slug=reference.COORDINATOR["slug"]).exists():
        reference.load(Region, Organisation)


@dataclass
class E2EPersonas:
    org: object  # Aarhus Kommune
    other_org: object  # Vejle Kommune
    coordinator_org: object  # KL
    admin: object  # Aarhus: organisation admin
    contributor: object  # Aarhus: contributor
    outsider: object  # Vejle: organisation admin
    coordinator: object  # KL: coordinator admin
    membership: dict  # email -> Membership


@pytest.fixture
def personas(live_server, settings) -> E2EPersonas:
    """The people the browser tests log in as, after tests/personas.py's personas."""
    from skanse.tenancy.models import Organisation
    from skanse.tenancy.roles import Role

    # Links in emails must lead to the live server.
    settings.SITE_URL = live_server.url
    org = Organisation.objects.get(slug="aarhus")
    other = Organisation.objects.get(slug="vejle")
    coordinator_org = Organisation.objects.get(slug="kl")
    # The MFA policy has its own test; here the personas log in with a password only.
    Organisation.objects.update(mfa_required_roles=[])
    people, memberships = {}, {}
    for key, email, name, organisation, role in [
        ("admin", "admin@aarhus.test", "Anne Admin", org, Role.ORG_ADMIN),
        ("contributor", "contributor@aarhus.test", "Carl Bidrag", org, Role.CONTRIBUTOR),
        ("outsider", "admin@vejle.test", "Vera Vejle", other, Role.ORG_ADMIN),
        ("coordinator", "coordinator@kl.test", "Kim Koordinator", coordinator_org,
         Role.COORDINATOR_ADMIN),
    ]:  # fmt: skip
        user = make_user(email, name=name, is_demo=False)
        people[key] = user
        memberships[email] = add_member(organisation, user, role)
    return E2EPersonas(
        org=org,
        other_org=other,
        coordinator_org=coordinator_org,
        membership=memberships,
        **people,
    )
