"""Helpers for the browser tests: what every page must pass, and the steps the tests share.

`assert_accessible(page)` is called on every page a test visits: the page's CSS and JS loaded,
axe-core finds no WCAG 2.1 A/AA violation, and the browser reported no Content Security Policy
violation and no script error.
"""

import base64
import hashlib
import hmac
import json
import re
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from weakref import WeakKeyDictionary

from django.conf import settings
from playwright.sync_api import ConsoleMessage, Page, Request, Response

from tests.personas import PASSWORD

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 10_000


@dataclass
class PageWatch:
    """What the browser reported while a page was open."""

    csp_violations: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)
    static_failures: list[str] = field(default_factory=list)


_watches: WeakKeyDictionary[Page, PageWatch] = WeakKeyDictionary()


def watch(page: Page) -> Page:
    """Listen to the console, script errors and static file responses of `page`."""
    seen = PageWatch()
    _watches[page] = seen

    def on_console(message: ConsoleMessage) -> None:
        text = message.text
        if message.type == "error" and "Content Security Policy" in text:
            seen.csp_violations.append(f"{page.url}: {text}")

    def on_response(response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            seen.static_failures.append(f"{response.status} {response.url}")

    def on_request_failed(request: Request) -> None:
        # Leaving a page aborts what it was still loading (often the favicon): not a failure.
        if "/static/" in request.url and request.failure != "net::ERR_ABORTED":
            seen.static_failures.append(f"{request.failure} {request.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.script_errors.append(f"{page.url}: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    return page


def assert_browser_quiet(page: Page) -> None:
    """No CSP violation and no uncaught script error since the page was opened."""
    seen = _watches[page]
    assert not seen.csp_violations, "Content Security Policy violations:\n" + "\n".join(
        seen.csp_violations
    )
    assert not seen.script_errors, "Script errors:\n" + "\n".join(seen.script_errors)


def assert_static_loaded(page: Page) -> None:
    """The stylesheets and scripts in <head> arrived and took effect."""
    seen = _watches[page]
    assert not seen.static_failures, "Static files failed:\n" + "\n".join(seen.static_failures)
    loaded = page.evaluate(
        """() => ({
            sheets: [...document.styleSheets].filter(s => s.href).map(s => {
                try { return [s.href, s.cssRules.length]; } catch (e) { return [s.href, -1]; }
            }),
            dkfds: typeof window.DKFDS,
            htmx: typeof window.htmx,
            font: getComputedStyle(document.body).fontFamily,
        })"""
    )
    assert len(loaded["sheets"]) == 2, loaded
    assert all(rules > 0 for _href, rules in loaded["sheets"]), loaded
    assert loaded["dkfds"] == "object", loaded
    assert loaded["htmx"] == "object", loaded
    assert "IBM Plex Sans" in loaded["font"], loaded


_axe_source: list[str] = []


def _axe() -> str:
    if not _axe_source:
        _axe_source.append(AXE_PATH.read_text(encoding="utf-8"))
    return _axe_source[0]


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:300]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"      {line}" for line in summary.splitlines() if line.strip())
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Check the page as it is now: static files, axe-core WCAG 2.1 A/AA, a quiet console.

    axe-core goes in through the DevTools protocol (`page.evaluate`), which the page's strict
    CSP does not govern, so the page is checked with the very CSP it has in production.
    """
    page.wait_for_load_state("load")
    assert_static_loaded(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe())
    results = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        AXE_TAGS,
    )
    violations = results["violations"]
    assert not violations, (
        f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
        + _describe(violations)
    )
    assert_browser_quiet(page)


def visit(page: Page, path: str, status: int = 200) -> Page:
    """Open `path`, check the HTTP status, and check the page with `assert_accessible`."""
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
    assert_accessible(page)
    return page


def submit(page: Page, form: str = "main form") -> None:
    """Press the form's submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(form).locator("button[type=submit]").first.click()


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Log in through the real login form (which is checked with `assert_accessible`)."""
    visit(page, "/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    submit(page)


def log_out(page: Page) -> None:
    with page.expect_navigation():
        page.locator("header form[action$='/accounts/logout/'] button").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def totp(secret: str, at: float | None = None, *, period: int = 30, digits: int = 6) -> str:
    """An RFC 6238 time-based one-time password (HMAC-SHA1) from a base32 secret."""
    secret = secret.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // period)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


# The main menu's own links; DKFDS copies those that do not fit into a "More" menu.
MENU_LINKS = "nav.navigation-menu a.nav-link:not(#fds-more-menu a)"


def follow_menu(page: Page, href: str) -> None:
    """Follow the main menu's link to `href` as a person would: directly when it fits on the
    line, otherwise through the "More" menu."""
    link = page.locator(f"nav.navigation-menu a.nav-link[href='{href}']:not(#fds-more-menu a)")
    with page.expect_navigation():
        if link.is_visible():
            link.click()
        else:
            page.locator("nav.navigation-menu button.more-button").click()
            page.locator(f"#fds-more-menu a[href='{href}']").click()
