"""The documents that describe the code must agree with it."""

from pathlib import Path

from django.utils import translation

from skanse.tenancy.roles import access_model_table

ROOT = Path(__file__).resolve().parent.parent


def test_access_model_doc_has_the_current_table():
    text = (ROOT / "docs" / "access-model.md").read_text(encoding="utf-8")
    start = text.index("<!-- access-model:start -->\n") + len("<!-- access-model:start -->\n")
    end = text.index("<!-- access-model:end -->")
    with translation.override("en"):
        expected = access_model_table()
    assert text[start:end] == expected, "Run `skanse access-model` and paste it into the doc."


def test_readme_shows_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text
    assert "make test" in text
