"""PDF documents from Django templates, rendered by WeasyPrint.

A PDF template extends `reporting/pdf_base.html`, which carries the print stylesheet inline.
The renderer fetches nothing: no network, no files — a template that names an external
resource gets an empty document part instead of a request to somewhere (charts are inline SVG
from `charts.svg`)."""

from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template_name: str, context: dict, *, language: str | None = None) -> bytes:
    """The template rendered in `language` (the active one by default) as PDF bytes."""
    with translation.override(language or translation.get_language()):
        return html_to_pdf(render_to_string(template_name, context))


def html_to_pdf(html: str) -> bytes:
    import weasyprint  # imported late: it loads Pango, which pages that print nothing never need
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"PDF documents fetch nothing: {url}")

    document = weasyprint.HTML(string=html, url_fetcher=NoFetching(), base_url="about:blank")
    return document.write_pdf()
