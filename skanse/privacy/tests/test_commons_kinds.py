"""Privacy's kinds in commons: model processing activities and processor agreement templates,
and importing the compliance tool's register of model activities as templates."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from skanse.commons import selectors
from skanse.commons import services as commons_services
from skanse.commons.models import Template
from skanse.privacy.commons_kinds import ImportProblem, import_ropa_templates
from skanse.privacy.models import ProcessingActivity, ProcessorAgreement
from tests.helpers import events

SAMPLES = Path(__file__).parent / "ropa_samples"
GOOD = [SAMPLES / "demo_article30_01.json", SAMPLES / "demo_article30_02.json"]


def _import(personas, paths):
    return import_ropa_templates(
        [(str(p), p.read_bytes()) for p in paths], organisation=personas.coordinator_org
    )


def _templates():
    with scopes_disabled():
        return list(Template.objects.filter(kind="model_activity").order_by("key"))


def test_the_register_becomes_published_model_activities(personas):
    result = _import(personas, GOOD)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    library, aids = _templates()
    assert library.key == "kl_article30-demo_article30_01"
    payload = library.published_version.payload
    assert payload["name"] == "01. Udlån af materialer fra kommunens biblioteker"
    assert payload["legal_bases"] == ["art6_1_e", "dbl_11"]
    assert payload["kle_numbers"] == ["20.01", "20.03"]
    assert aids.published_version.payload["legal_bases"] == ["art6_1_e", "art9_2_h"]
    assert aids.published_version.payload["kle_numbers"] == ["27"]
    assert len(events(personas.coordinator_org, "commons.template.published")) == 2


def test_the_command_imports_files_and_reimporting_changes_nothing(personas, capsys):
    call_command("import-ropa-templates", *map(str, GOOD))
    call_command("import-ropa-templates", *map(str, GOOD))
    assert "0 new templates, 0 new versions, 2 unchanged" in capsys.readouterr().out
    assert len(_templates()) == 2


def test_an_unknown_legal_basis_names_the_file_and_place_and_nothing_is_imported(personas):
    with pytest.raises(CommandError) as refused:
        call_command(
            "import-ropa-templates", *map(str, GOOD), str(SAMPLES / "bad_legal_basis.json")
        )
    message = str(refused.value)
    assert "bad_legal_basis.json: gdprChoices[1]" in message
    assert "register-gdpr-p6-z" in message
    assert _templates() == []


def test_broken_json_names_the_line(personas):
    with pytest.raises(CommandError) as refused:
        call_command("import-ropa-templates", str(SAMPLES / "broken_json.json"))
    assert "broken_json.json: line 4" in str(refused.value)


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"\xff\xfe\x00", "byte 0"),
        (b"[1, 2]", "one JSON object"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (json.dumps({"name": "x", "kleGroups": ["27.xx"]}).encode(), "kleGroups[0]"),
        (json.dumps({"name": "", "gdprChoices": []}).encode(), "name"),
        (json.dumps({"name": "x", "gdprChoices": "p6"}).encode(), "gdprChoices"),
        (json.dumps({"name": "x" * 300}).encode(), "name"),
    ],
)
def test_hostile_or_malformed_files_are_refused(personas, content, where):
    with pytest.raises(ImportProblem) as refused:
        import_ropa_templates([("evil.json", content)], organisation=personas.coordinator_org)
    assert where in str(refused.value)
    assert _templates() == []


def test_an_oversized_file_is_refused_before_it_is_read(personas, tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b'{"name": "x", "description": "' + b"a" * 300_000 + b'"}')
    with pytest.raises(CommandError) as refused:
        call_command("import-ropa-templates", str(big))
    assert "larger than 256 KB" in str(refused.value)


def test_a_changed_file_is_a_new_version_that_adopters_can_take(personas, tmp_path):
    _import(personas, GOOD)
    template = _templates()[0]
    with scopes_disabled():
        adoption = commons_services.adopt(
            actor=personas.dpo, organisation=personas.org, template=template
        )
        activity = ProcessingActivity.objects.get(pk=adoption.object_id)
    assert activity.source == "commons"
    assert activity.legal_bases == ["art6_1_e", "dbl_11"]
    changed = json.loads(GOOD[0].read_text())
    changed["description"] = "Nu også e-bøger og arrangementer."
    path = tmp_path / GOOD[0].name
    path.write_text(json.dumps(changed))
    result = _import(personas, [path, GOOD[1]])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    with scopes_disabled():
        waiting = list(selectors.updates_available(personas.org))
        assert waiting == [adoption]
        states = {r.field.name: r.state for r in selectors.adoption_diff(waiting[0])}
        assert states["description"] == "theirs"
        commons_services.sync(actor=personas.dpo, adoption=adoption, take=["description"])
        activity.refresh_from_db()
    assert activity.description == "Nu også e-bøger og arrangementer."
    assert events(personas.org, "privacy.activity.changed")[-1].changes["description"][1] == (
        "Nu også e-bøger og arrangementer."
    )


def test_a_processor_agreement_template_is_adopted_as_the_municipalitys_agreement(personas):
    with scopes_disabled():
        version = commons_services.template_create(
            actor=personas.coordinator,
            organisation=personas.coordinator_org,
            kind="processor_agreement",
            key="dba",
            name="Fælles databehandleraftale",
            payload={
                "name": "Fælles databehandleraftale",
                "template": "dt_scc",
                "breach_notice": "24",
            },
        )
        commons_services.template_publish(actor=personas.coordinator, version=version)
        adoption = commons_services.adopt(
            actor=personas.admin, organisation=personas.org, template=version.template
        )
        agreement = ProcessorAgreement.objects.get(pk=adoption.object_id)
    assert agreement.organisation == personas.org
    assert (agreement.template, agreement.breach_notice) == ("dt_scc", "24")
    assert events(personas.org, "privacy.agreement.created")


def test_the_diff_page_shows_pick_lists_by_their_labels(personas):
    from django.urls import reverse

    from tests.helpers import da, shows

    _import(personas, GOOD)
    template = _templates()[1]
    with scopes_disabled():
        adoption = commons_services.adopt(
            actor=personas.dpo, organisation=personas.org, template=template
        )
        draft = commons_services.version_start(actor=personas.coordinator, template=template)
        payload = {**draft.payload, "legal_bases": ["art6_1_e", "art9_2_h", "dbl_11"]}
        commons_services.draft_save(
            actor=personas.coordinator, version=draft, payload=payload, change_note="§ 11"
        )
        commons_services.template_publish(actor=personas.coordinator, version=draft)
    page = personas.client(personas.dpo).get(
        reverse("commons_adoption", args=[personas.org.slug, adoption.uuid])
    )
    assert page.status_code == 200
    assert shows(page, da("Data Protection Act § 11 CPR numbers"))
    assert 'id="take-legal_bases" checked' in page.content.decode()


def test_the_coordinator_edits_a_model_activity_in_the_generated_form(personas):
    from django.urls import reverse

    _import(personas, GOOD[:1])
    template = _templates()[0]
    client = personas.client(personas.coordinator)
    client.post(
        reverse("commons_version_start", args=[personas.coordinator_org.slug, template.uuid])
    )
    draft_url = reverse("commons_draft", args=[personas.coordinator_org.slug, template.uuid])
    form = client.get(draft_url)
    assert form.status_code == 200
    assert "20.01\n20.03" in form.content.decode()
    reply = client.post(
        draft_url,
        {
            "name": "01. Udlån",
            "legal_bases": ["art6_1_e", "dbl_11"],
            "kle_numbers": "20.01\n20.05",
            "erasure": "5y",
            "change_note": "Slettefrist",
        },
    )
    assert reply.status_code == 302
    with scopes_disabled():
        draft = template.versions.get(status="draft")
    assert draft.payload["kle_numbers"] == ["20.01", "20.05"]
    assert draft.payload["erasure"] == "5y"
    wrong = client.post(draft_url, {"name": "01. Udlån", "erasure": "forever"})
    assert wrong.status_code == 400
