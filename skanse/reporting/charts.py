"""Vega-Lite charts: one specification serves the page (as data for the browser, drawn as
inline SVG rendered on the server) and the PDF (the same SVG). Rendering needs no browser:
vl-convert runs Vega in an embedded engine."""

import hashlib
import json
import re

from django.core.cache import cache
from django.utils.safestring import mark_safe

# Our palette: DKFDS colours with AA contrast against white.
PALETTE = ["#0059b3", "#008139", "#b35f00", "#6b2c91", "#c5003e", "#00707a"]
FONT = "DejaVu Sans, Arial, sans-serif"

_SCRIPT = re.compile(r"<\s*script", re.IGNORECASE)


def base_config() -> dict:
    return {
        "font": FONT,
        "range": {"category": PALETTE},
        "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 340},
        "legend": {"labelFontSize": 11, "titleFontSize": 12},
        "view": {"stroke": None},
        "background": "white",
    }


def svg(spec: dict, *, title: str) -> str:
    """The chart as an SVG string with an accessible name; safe to put inline in HTML.

    Drawing takes tens of milliseconds, so the SVG is cached under a hash of the
    specification: the same figures are drawn once, and changed figures make a new key."""
    import vl_convert

    full = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", **spec}
    full["config"] = {**base_config(), **spec.get("config", {})}
    text = json.dumps(full, sort_keys=True, default=str)
    key = "chart:" + hashlib.sha256((text + "\0" + title).encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return mark_safe(cached)  # noqa: S308 - stored by this function after the check below
    markup = vl_convert.vegalite_to_svg(text)
    if _SCRIPT.search(markup):  # never: Vega writes plain SVG; refuse rather than trust
        raise ValueError("chart SVG contains a script")
    markup = markup.replace("<svg ", '<svg role="img" ', 1)
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    markup = re.sub(
        r"(<svg[^>]*>)", lambda m: m.group(1) + f"<title>{escaped}</title>", markup, count=1
    )
    cache.set(key, markup, 60 * 60 * 24)
    return mark_safe(markup)  # noqa: S308 - produced by Vega from our spec, checked above
