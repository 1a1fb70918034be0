import io

import pytest
from pypdf import PdfReader

from skanse.reporting import charts
from skanse.reporting.pdf import html_to_pdf

pytestmark = pytest.mark.django_db  # charts are cached in the database cache


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_html_becomes_a_pdf_with_its_text():
    pdf = html_to_pdf("<h1>Æblegrød med fløde</h1>")
    assert pdf.startswith(b"%PDF-")
    assert "Æblegrød med fløde" in text_of(pdf)


def test_the_renderer_fetches_nothing(tmp_path, caplog):
    secret = tmp_path / "secret.css"
    secret.write_text("h1 { display: none }")
    html = (
        f'<link rel="stylesheet" href="file://{secret}">'
        '<img src="http://127.0.0.1:9/x.png" alt="x"><h1>Shown</h1>'
    )
    # The refused stylesheet would have hidden the heading; the page renders without it.
    assert "Shown" in text_of(html_to_pdf(html))


def test_a_chart_is_inline_svg_with_a_title():
    spec = {
        "data": {"values": [{"k": "a", "v": 1}, {"k": "b", "v": 3}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "k", "type": "nominal"},
            "y": {"field": "v", "type": "quantitative"},
        },
    }
    markup = charts.svg(spec, title="Two <bars>")
    assert markup.startswith("<svg")
    assert 'role="img"' in markup
    assert "<title>Two &lt;bars></title>" in markup


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", 'x"><script>'])
def test_data_cannot_smuggle_a_script_into_a_chart(value):
    spec = {
        "data": {"values": [{"k": value, "v": 1}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "k", "type": "nominal"},
            "y": {"field": "v", "type": "quantitative"},
        },
    }
    assert "<script" not in charts.svg(spec, title="t").lower()
