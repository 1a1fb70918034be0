import pytest

from skanse.reporting import charts
from skanse.reporting.pdf import render_pdf


def test_a_template_becomes_a_pdf_with_its_text(tmp_path, settings):
    settings.TEMPLATES[0]["DIRS"] = [*settings.TEMPLATES[0]["DIRS"], tmp_path]
    (tmp_path / "t.html").write_text(
        '{% extends "reporting/pdf_base.html" %}{% block content %}<h1>Æblegrød</h1>{% endblock %}'
    )
    pdf = render_pdf("t.html", {})
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 1000


def test_the_renderer_fetches_nothing(tmp_path, settings):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    settings.TEMPLATES[0]["DIRS"] = [*settings.TEMPLATES[0]["DIRS"], tmp_path]
    (tmp_path / "t.html").write_text(
        '{% extends "reporting/pdf_base.html" %}{% block content %}'
        f'<img src="file://{secret}"><img src="http://127.0.0.1:9/x.png">'
        "{% endblock %}"
    )
    # WeasyPrint reports the refused fetches and renders the page without them.
    assert render_pdf("t.html", {}).startswith(b"%PDF-")


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
