"""Answering offline: a response downloaded as Excel, filled in and uploaded again — checked
cell by cell and saved all or nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from skanse.campaigns import services
from skanse.campaigns.models import Answer, Response, SectionAssignment
from skanse.campaigns.tests.conftest import answer, answer_all, da_n, launched, response_of, url
from skanse.tenancy.models import Membership
from tests.helpers import da, events, shows

KEYS = ["M1", "Y1", "P1", "S1", "C1", "N1", "D1", "T1"]


@pytest.fixture
def admin(personas):
    return personas.client(personas.admin)


def download(client, personas, response):
    reply = client.get(url("response_workbook", personas.org, response.uuid))
    assert reply.status_code == 200
    assert reply["Content-Disposition"] == f'attachment; filename="response-{response.uuid}.xlsx"'
    return load_workbook(io.BytesIO(reply.content))


def rows(book) -> dict:
    """{question key: (row number, [cells A–I])} of the answers sheet."""
    sheet = book[da("Answers")]
    return {
        r[0].value: (r[0].row, [c.value for c in r])
        for r in sheet.iter_rows(min_row=3)
        if r[0].value
    }


def save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fill(book, changes: dict) -> bytes:
    """Set cells by question key: {key: {"F": value, "G": "x", "H": comment}}."""
    sheet, found = book[da("Answers")], rows(book)
    for key, cells in changes.items():
        number = found[key][0] if key in found else sheet.max_row + 1
        if key not in found:
            sheet[f"A{number}"] = key
        for column, value in cells.items():
            sheet[f"{column}{number}"] = value
            if isinstance(value, str):
                sheet[f"{column}{number}"].data_type = "s"  # as typed text, not a formula
    return save(book)


def upload(client, personas, response, content: bytes, name="answers.xlsx"):
    return client.post(
        url("response_upload", personas.org, response.uuid),
        {"file": SimpleUploadedFile(name, content)},
    )


def saved(response) -> dict:
    with scopes_disabled():
        return {
            a.question.key: (a.value, a.not_relevant, a.comment)
            for a in Answer.objects.filter(response=response).select_related("question")
        }


def test_the_download_has_a_row_per_question_with_its_answer(personas, admin, response):
    answer(response, "M1", "4", comment="Good")
    answer(response, "C1", ["mfa", "edr"])
    answer(response, "Y1", not_relevant=True)
    book = download(admin, personas, response)
    sheet = book[da("Answers")]
    assert [sheet["A1"].value, sheet["B1"].value] == ["skanse-response/1", str(response.uuid)]
    assert sheet.row_dimensions[1].hidden
    assert sheet["A2"].value == da("Question key") and sheet["H2"].value == da("Comment")
    found = rows(book)
    assert list(found) == KEYS
    assert found["M1"][1][1:9] == [
        "Styring",
        "How mature?",
        da("Maturity level"),
        "1–5",
        4,
        None,
        "Good",
        1,
    ]
    choices = da("one or more of: %(keys)s") % {"keys": "mfa, edr, none"}
    assert found["C1"][1][4:7] == [choices, "edr, mfa", None]
    assert found["Y1"][1][4:7] == ["yes, partly, no", None, "x"]
    assert found["D1"][1][4] == "YYYY-MM-DD" and found["P1"][1][4] == "0–100"
    assert found["S1"][1][4] == "never, yearly, monthly"
    assert sheet.data_validations.dataValidation  # pick lists for the level, yes/no, choices


def test_a_filled_workbook_is_saved(personas, admin, campaign, response):
    answer_all(response, {"M1": 2, "S1": "never"})
    with scopes_disabled():
        response.status = Response.Status.SUBMITTED
        response.save()
    follow_up = launched(
        [personas.org],
        campaign.questionnaire_version,
        name="F1",
        kind="follow_up",
        previous=campaign,
    )
    current = response_of(follow_up, personas.org)
    book = download(admin, personas, current)
    content = fill(
        book,
        {
            "M1": {"F": 4, "H": "Better now"},
            "Y1": {"F": "partly"},
            "P1": {"F": 12.5},
            "C1": {"F": "edr, mfa"},
            "N1": {"G": "x"},
            "D1": {"F": "2026-03-01"},
            "T1": {"F": "=Not a formula"},
        },
    )
    reply = upload(admin, personas, current, content)
    assert reply.status_code == 302
    assert reply["Location"] == url("response_detail", personas.org, current.uuid)
    assert shows(
        admin.get(reply["Location"]),
        da_n(
            "%(n)d answer was saved from the workbook.",
            "%(n)d answers were saved from the workbook.",
            7,
        ),
    )
    assert saved(current) == {
        "M1": (4, False, "Better now"),
        "Y1": ("partly", False, ""),
        "P1": (12.5, False, ""),
        "S1": ("never", False, ""),
        "C1": (["edr", "mfa"], False, ""),
        "N1": (None, True, ""),
        "D1": ("2026-03-01", False, ""),
        "T1": ("=Not a formula", False, ""),
    }
    with scopes_disabled():
        carried = dict(
            Answer.objects.filter(response=current).values_list("question__key", "carried_over")
        )
    # The changed carried-over answer is confirmed by the change; the untouched one still
    # waits to be confirmed.
    assert carried["M1"] is False and carried["S1"] is True
    saves = events(personas.org, "campaigns.answer.saved")
    assert len(saves) == 7 + 2  # and the two answers of the first campaign
    assert {e.via for e in saves[2:]} == {"workbook"} and saves[-1].actor == personas.admin
    # Uploading the same workbook again changes nothing.
    assert upload(admin, personas, current, content).status_code == 302
    assert len(events(personas.org, "campaigns.answer.saved")) == 9


def test_every_wrong_cell_is_named_and_nothing_is_saved(personas, admin, response):
    content = fill(
        download(admin, personas, response),
        {
            "M1": {"F": 9},
            "Y1": {"F": "yes"},
            "P1": {"F": 150},
            "S1": {"F": "daily"},
            "D1": {"F": "01-02-2026"},
            "N1": {"G": "yes"},
            "X9": {"F": "3"},
        },
    )
    reply = upload(admin, personas, response, content)
    assert reply.status_code == 400
    sheet = da("Answers")
    for ref, message in [
        ("F3", da("Choose a level from %(min)s to %(max)s.") % {"min": 1, "max": 5}),
        ("F5", da("Give a percentage from 0 to 100.")),
        ("F6", da("Choose one of the options.")),
        ("G8", da("Write x for not relevant, or leave it empty.")),
        ("F9", da("Give a date as YYYY-MM-DD.")),
        ("A11", da("No question has this key.")),
    ]:
        assert shows(reply, f"{sheet}!{ref}: {message}"), ref
    assert shows(
        reply,
        da_n(
            "Nothing was saved: %(n)d cell is wrong.",
            "Nothing was saved: %(n)d cells are wrong.",
            6,
        ),
    )
    assert b"alert-error" in reply.content
    assert saved(response) == {}  # not even the right Y1
    assert not events(personas.org, "campaigns.answer.saved")


def test_a_duplicate_row_is_refused(personas, response):
    book = download(personas.client(personas.admin), personas, response)
    sheet = book[da("Answers")]
    sheet.append(["M1", None, None, None, None, 3])
    with pytest.raises(services.DomainError) as caught:
        apply(personas, response, save(book))
    assert (
        f"{da('Answers')}!A11: "
        + da("The question is in %(ref)s too.") % {"ref": f"{da('Answers')}!A3"}
        in caught.value.messages
    )


def apply(personas, response, content, who="admin"):
    user = getattr(personas, who)
    with scopes_disabled():
        membership = Membership.objects.get(user=user, organisation=personas.org)
    with scope(organisation=personas.org):
        return services.apply_response_workbook(
            actor=user, response=response, membership=membership, content=content
        )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,value\nM1,3\n", "The file is not an Excel workbook (.xlsx)."),
        (b"PK\x03\x04 broken zip", "The file is not an Excel workbook (.xlsx)."),
    ],
)
def test_a_file_that_is_not_excel_is_refused(personas, admin, response, content, message):
    reply = upload(admin, personas, response, content, name="answers.csv")
    assert reply.status_code == 400 and shows(reply, da(message))


def test_the_workbook_of_another_response_is_refused(personas, admin, campaign, response, small):
    other = launched([personas.org], small, name="Second")
    book = download(admin, personas, response_of(other, personas.org))
    reply = upload(admin, personas, response, fill(book, {"M1": {"F": 3}}))
    assert reply.status_code == 400
    assert shows(
        reply, da("This is not the workbook of this response. Download it again from this page.")
    )
    assert saved(response) == {}


def test_a_changed_header_or_sheet_is_refused(personas, admin, response):
    book = download(admin, personas, response)
    book[da("Answers")]["F2"] = "Value"
    with pytest.raises(services.DomainError) as caught:
        apply(personas, response, fill(book, {}))
    assert caught.value.messages == [
        da("%(ref)s: the header row has been changed.") % {"ref": f"{da('Answers')}!A2"}
    ]
    book[da("Answers")].title = "Sheet1"
    with pytest.raises(services.DomainError) as caught:
        apply(personas, response, save(book))
    assert caught.value.messages == [
        da("The workbook has no sheet named “%(name)s”.") % {"name": da("Answers")}
    ]


def test_a_file_over_the_limit_is_refused(personas, response, settings):
    settings.LIBRARY_IMPORT_MAX_BYTES = 100
    with pytest.raises(services.DomainError):
        apply(personas, response, b"x" * 101)


def test_an_answer_saved_after_the_download_is_not_overwritten(personas, admin, response):
    book = download(admin, personas, response)
    answer(response, "M1", 2)
    with pytest.raises(services.DomainError) as caught:
        apply(personas, response, fill(book, {"M1": {"F": 4}}))
    assert (
        f"{da('Answers')}!F3: " + da("Someone saved this answer after the workbook was downloaded.")
        in caught.value.messages
    )
    assert saved(response)["M1"] == (2, False, "")


def test_a_contributor_gets_and_sets_only_assigned_sections(personas, response):
    with scopes_disabled():
        gov = response.campaign.questionnaire_version.sections.get(key="gov")
        SectionAssignment.objects.create(
            organisation=personas.org, response=response, section=gov, assignee=personas.contributor
        )
    answer(response, "S1", "yearly")
    contributor = personas.client(personas.contributor)
    book = download(contributor, personas, response)
    assert list(rows(book)) == ["M1", "Y1", "P1"]
    content = fill(book, {"M1": {"F": 3}, "S1": {"F": "never"}})
    reply = upload(contributor, personas, response, content)
    assert reply.status_code == 400
    assert shows(
        reply, f"{da('Answers')}!A6: " + da("You cannot answer questions in this section.")
    )
    assert saved(response) == {"S1": ("yearly", False, "")}
    fresh = download(contributor, personas, response)
    assert apply(personas, response, fill(fresh, {"M1": {"F": 3}}), who="contributor") == 1
    assert saved(response)["M1"] == (3, False, "")


def test_a_submitted_response_refuses_uploads(personas, admin, response):
    book = download(admin, personas, response)
    with scopes_disabled():
        response.status = Response.Status.SUBMITTED
        response.save()
    reply = upload(admin, personas, response, fill(book, {"M1": {"F": 3}}))
    assert reply.status_code == 400
    assert shows(reply, da("The response is submitted and can no longer be changed."))
    assert saved(response) == {}


def test_it_needs_a_file_and_the_answering_capability(personas, admin, response):
    reply = admin.post(url("response_upload", personas.org, response.uuid))
    assert reply.status_code == 400 and b"form-error" in reply.content
    auditor = personas.client(personas.auditor)
    book = download(auditor, personas, response)  # reading is enough to download
    assert upload(auditor, personas, response, fill(book, {"M1": {"F": 3}})).status_code == 403
    assert saved(response) == {}


def test_the_response_page_offers_the_round_trip(personas, admin, response):
    page = admin.get(url("response_detail", personas.org, response.uuid))
    assert shows(page, da("Answer offline in Excel"))
    assert shows(page, url("response_workbook", personas.org, response.uuid))
    assert b'enctype="multipart/form-data"' in page.content


def _replaced(content: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, data if item.filename == name else source.read(item.filename))
    return out.getvalue()


def test_a_sheet_broken_deep_inside_is_refused_not_a_server_error(personas, admin, response):
    """openpyxl reads a sheet lazily: XML cut short is found only while the rows are read."""
    content = save(download(admin, personas, response))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
        source = archive.read(sheet)
    hostile = _replaced(content, sheet, source[:-40])
    page = upload(admin, personas, response, hostile)
    assert page.status_code == 400
    assert shows(page, da("The file is not an Excel workbook (.xlsx)."))


def test_a_zip_that_unpacks_too_far_is_refused_before_it_is_read(personas, admin, response):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (101 * 1024 * 1024))
    page = upload(admin, personas, response, out.getvalue())
    assert page.status_code == 400
    assert shows(page, da("The workbook unpacks to more than Skanse accepts."))
