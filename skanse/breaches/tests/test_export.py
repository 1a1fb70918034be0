import io

from django.urls import reverse
from django.utils import timezone
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
    assert any(row[13] == "Sagssystem" for row in rows[3:])
    assert any(row[19] == "Krypteret disk." for row in rows[3:])


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
