import csv
import io

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from skanse.core.audit import audit_record
from skanse.tenancy import services

HEADER = ["time", "person", "action", "object_type", "object", "object_uuid", "changes", "via"]


def _url(org):
    return reverse("audit_export", args=[org.slug])


def _rows(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_it_exports_the_filtered_rows_as_a_csv_attachment(personas):
    membership = personas.membership[personas.contributor.email]
    with scope(organisation=personas.org):
        services.membership_change_role(actor=personas.admin, membership=membership, role="dpo")
        services.token_create(actor=personas.dpo, organisation=personas.org, name="sync")
    response = personas.client(personas.auditor).get(
        _url(personas.org), {"actor": str(personas.admin.uuid)}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    stamp = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="audit-{personas.org.slug}-{stamp}.csv"'
    )
    header, *rows = _rows(response)
    assert header == HEADER
    [row] = rows
    assert row[1:6] == [
        personas.admin.email,
        "tenancy.membership.role_changed",
        "tenancy.membership",
        str(membership),
        str(membership.uuid),
    ]
    # Machine-readable: field names and stored codes, whatever the reader's language.
    assert row[6] == "role: contributor → dpo"
    assert row[7] == "web"


def test_it_hides_other_tenants(personas):
    with scope(organisation=personas.other_org):
        services.token_create(actor=personas.outsider, organisation=personas.other_org, name="V")
    _header, *rows = _rows(personas.client(personas.admin).get(_url(personas.org)))
    assert len(rows) == 5  # the five Aarhus members being added
    assert all("vejle" not in cell for row in rows for cell in row)


def test_it_defuses_formulas_in_cells(personas):
    membership = personas.membership[personas.dpo.email]
    membership.user.name = '=HYPERLINK("http://evil.test")'
    audit_record(actor=None, organisation=personas.org, action="test.event", obj=membership)
    _header, *rows = _rows(personas.client(personas.admin).get(_url(personas.org)))
    assert rows[0][4].startswith("'=HYPERLINK")


def test_it_refuses_an_invalid_filter_instead_of_exporting_everything(personas):
    response = personas.client(personas.admin).get(
        _url(personas.org), {"date_from": "2001-03-04", "date_to": "2001-03-02"}
    )
    assert response.status_code == 400
    assert not response.streaming
    assert "date_to" in response.context["form"].errors


def test_its_query_count_stays_bounded(personas, django_assert_max_num_queries):
    client = personas.client(personas.admin)
    client.get(_url(personas.org))
    with django_assert_max_num_queries(6):
        assert len(_rows(client.get(_url(personas.org)))) == 6
    membership = personas.membership[personas.dpo.email]
    for _n in range(30):
        audit_record(
            actor=personas.admin, organisation=personas.org, action="test.event", obj=membership
        )
    with django_assert_max_num_queries(6):
        assert len(_rows(client.get(_url(personas.org)))) == 36
