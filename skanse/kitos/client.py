"""A small client for the KITOS API v2 (DOMAIN.md §1): token, paging, changedSinceGtEq.

Standard library only. Every response is size-limited and must be JSON of the expected
shape; anything else is a KitosError with a message for the sync log.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from django.utils.translation import gettext as _

PAGE_SIZE = 250  # KITOS's maximum (BoundedPaginationQuery)
MAX_PAGES = 200  # 50,000 objects per resource per run: a guard against a server that loops
MAX_RESPONSE_BYTES = 25 * 1024 * 1024
TIMEOUT = 60


class KitosError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class KitosClient:
    def __init__(self, base_url: str, *, timeout: float = TIMEOUT, page_size: int = PAGE_SIZE):
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise KitosError(_("The KITOS address must start with https://."))
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.page_size = page_size
        self.token: str | None = None

    def _request(self, method: str, path: str, params=None, body=None):
        url = self.base_url + path
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310 - http(s) checked above
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as error:
            if error.code in (401, 403):
                raise KitosError(
                    _("KITOS refused the API user (HTTP %(code)d).") % {"code": error.code}
                ) from None
            raise KitosError(
                _("KITOS answered HTTP %(code)d for %(path)s.") % {"code": error.code, "path": path}
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise KitosError(
                _("KITOS could not be reached: %(reason)s") % {"reason": reason}
            ) from None
        if len(raw) > MAX_RESPONSE_BYTES:
            raise KitosError(_("KITOS sent a response that is too large."))
        try:
            return json.loads(raw)
        except ValueError:
            raise KitosError(_("KITOS sent a response that is not JSON.")) from None

    def login(self, email: str, password: str) -> None:
        """Get a token for the API user (POST /api/authorize/GetToken, valid 24 hours)."""
        reply = self._request(
            "POST", "/api/authorize/GetToken", body={"email": email, "password": password}
        )
        token = (reply.get("response") or {}).get("token") if isinstance(reply, dict) else None
        if not token or not isinstance(token, str):
            raise KitosError(_("KITOS did not issue a token for the API user."))
        self.token = token

    def organisation_uuid(self, cvr: str) -> str:
        found = self._request(
            "GET", "/api/v2/organizations", {"cvrContent": cvr, "page": 0, "pageSize": 2}
        )
        matches = (
            [o for o in found if isinstance(o, dict) and o.get("cvr") == cvr]
            if isinstance(found, list)
            else []
        )
        if len(matches) != 1 or not matches[0].get("uuid"):
            raise KitosError(
                _("KITOS has no single organisation with CVR number %(cvr)s.") % {"cvr": cvr}
            )
        return matches[0]["uuid"]

    def pages(self, path: str, params: dict) -> Iterator[dict]:
        """Every object of a v2 list, page by page (`page` from 0, `pageSize`)."""
        for page in range(MAX_PAGES):
            batch = self._request("GET", path, {**params, "page": page, "pageSize": self.page_size})
            if not isinstance(batch, list):
                raise KitosError(
                    _("KITOS sent an unexpected answer for %(path)s.") % {"path": path}
                )
            yield from batch
            if len(batch) < self.page_size:
                return
        raise KitosError(_("KITOS sent more pages than a sync may read; try again."))
