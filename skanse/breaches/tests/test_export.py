import io

from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope
from openpyxl import load_workbook

from skanse.breaches import exporters
from skanse.breaches.tests.conftest import ago, make_breach


def _url(personas, name):
    return reverse(name, kwargs={"org": personas.org.slug})


def test_the_excel_log_holds_every_breach_notified_or_not(
    personas, inv, django_assert_max_num_queries
):
    make_breach(
        personas.org,
        title="Anmeldt brud",
        subjects_count=40,
        risk="risk",
        authority_notified_at=ago(hours=1),
        systems=[inv["own"]["system"].uuid],
    )
    make_breach(personas.org, title="Ikke anmeldt", risk="none", risk_reasoning="Krypteret disk.")
    make_breach(personas.other_org, title="Vejles brud")
    client = personas.client(personas.auditor)
    client.get(_url(personas, "breach_log_xlsx"))
    with django_assert_max_num_queries(12):
        response = client.get(_url(personas, "breach_log_xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    titles = [row[1] for row in rows[3:]]
    assert sorted(titles) == ["Anmeldt brud", "Ikke anmeldt"]
    by_title = {row[1]: dict(zip(rows[2], row, strict=True)) for row in rows[3:]}
    assert by_title["Anmeldt brud"]["IT systems"] == "Sagssystem"
    assert by_title["Anmeldt brud"]["Processor agreements"] is None  # none linked
    assert by_title["Ikke anmeldt"]["Reasoning for the risk assessment"] == "Krypteret disk."
    assert by_title["Ikke anmeldt"]["Notification"] == "No notification: assessed as no risk"
    assert by_title["Anmeldt brud"]["Approximate number of data subjects"] == 40  # a number


def test_the_pdf_log_is_a_pdf_with_the_breaches(personas):
    make_breach(personas.org, title="Fejlsendt brev")
    response = personas.client(personas.dpo).get(_url(personas, "breach_log_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_pdf_context_lists_every_field_of_every_breach(personas):
    make_breach(personas.org, title="Fejlsendt brev", measures="Brevet er hentet.")
    from django.template.loader import render_to_string

    from skanse.breaches.selectors import breach_log

    now = timezone.now()
    with scope(organisation=personas.org):
        breach = breach_log(personas.org)[0]
        fields = list(zip(exporters.log_columns(), exporters.log_row(breach, now), strict=True))
    html = render_to_string(
        "breaches/log.pdf.html",
        {
            "organisation": personas.org,
            "made": now,
            "breaches": [{"breach": breach, "fields": fields}],
        },
    )
    assert "Fejlsendt brev" in html
    assert "Brevet er hentet." in html


def test_the_downloads_are_named_in_the_readers_language(personas, settings):
    client = personas.client(personas.dpo)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    response = client.get(_url(personas, "breach_log_xlsx"))
    with translation.override("da"):
        stem = translation.gettext("breach-log")  # "log-over-brud" once the catalogue has it
    assert f'filename="{stem}-aarhus-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.title == "Brud"


def test_a_count_of_none_is_0_not_a_dash_in_the_pdf(personas):
    make_breach(personas.org, title="Ingen ramt", subjects_count=0)
    with scope(organisation=personas.org):
        from skanse.breaches.selectors import breach_log

        fields = dict(exporters.log_pdf_fields(breach_log(personas.org)[0], timezone.now()))
    assert fields["Approximate number of data subjects"] == "0"
    assert fields["Approximate number of records"] == ""
