"""Questionnaire authoring pages (the coordinator's): questionnaires and their versions, a
draft's texts, scale, sections and questions, publishing, and the Excel round trip."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from skanse.campaigns import authoring, questionnaire_workbook
from skanse.campaigns.authoring_forms import (
    TRACK_CHOICES,
    MoveForm,
    QuestionForm,
    QuestionnaireCreateForm,
    ScaleForm,
    SectionForm,
    VersionForm,
    WorkbookUploadForm,
    question_initial,
    scale_initial,
)
from skanse.campaigns.models import Question, QuestionnaireVersion, Section
from skanse.core.errors import apply_to_form, perform
from skanse.tenancy.access import coordinator_only, requires
from skanse.tenancy.roles import Cap

GET_POST = require_http_methods(["GET", "POST"])


def _version(request, uuid) -> QuestionnaireVersion:
    coordinator_only(request)
    return get_object_or_404(
        QuestionnaireVersion.objects.select_related("questionnaire"), uuid=uuid
    )


def _draft(request, uuid) -> QuestionnaireVersion:
    version = _version(request, uuid)
    if version.status != QuestionnaireVersion.Status.DRAFT:
        raise Http404
    return version


def _section(request, uuid) -> Section:
    coordinator_only(request)
    return get_object_or_404(
        Section.objects.select_related("version__questionnaire"), uuid=uuid, version__status="draft"
    )


def _question(request, uuid) -> Question:
    coordinator_only(request)
    return get_object_or_404(
        Question.objects.select_related("section__version__questionnaire"),
        uuid=uuid,
        section__version__status="draft",
    )


def _to_version(org, version):
    return redirect("questionnaire_version", org=org, version=version.uuid)


def _form_page(request, template, form, **context):
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


# --- Questionnaires and versions ------------------------------------------------------------


@require_safe
@requires(Cap.CAMPAIGNS_VIEW)
def questionnaire_list(request, org):
    coordinator_only(request)
    return render(
        request,
        "campaigns/questionnaire_list.html",
        {"questionnaires": authoring.questionnaire_list()},
    )


@GET_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def questionnaire_create(request, org):
    coordinator_only(request)
    form = QuestionnaireCreateForm(request.POST or None, initial={"version": "1"})
    if request.method == "POST" and form.is_valid():
        try:
            draft = authoring.questionnaire_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The questionnaire was created. Add its sections."))
            return _to_version(org, draft)
    return _form_page(request, "campaigns/questionnaire_form.html", form)


def _version_page(request, version, upload_form=None, status=200):
    others = version.questionnaire.versions.order_by("-created_at")
    sections = list(authoring.version_page(version))
    tracks = dict(TRACK_CHOICES)
    for section in sections:
        section.track_label = tracks.get(section.track, section.track)
    draft = version.status == QuestionnaireVersion.Status.DRAFT
    context = {
        "version": version,
        "draft": draft,
        "manage": Cap.CAMPAIGNS_MANAGE in request.capabilities,
        "sections": sections,
        "versions": others,
        "upload_form": upload_form or WorkbookUploadForm(),
        "move_form": MoveForm(),
        "levels": sorted(version.scale.get("levels", []), key=lambda lv: lv["value"]),
    }
    if draft:
        context["problems"] = authoring.publish_problems(version)
    return render(request, "campaigns/questionnaire_version.html", context, status=status)


@require_safe
@requires(Cap.CAMPAIGNS_VIEW)
def questionnaire_version(request, org, version):
    return _version_page(request, _version(request, version))


@GET_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def questionnaire_version_edit(request, org, version):
    draft = _draft(request, version)
    da = draft.translations.get("da", {})
    initial = {
        "version": draft.version,
        "name": draft.name,
        "name_da": da.get("name", ""),
        "description": draft.description,
        "description_da": da.get("description", ""),
    }
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            authoring.version_update(
                actor=request.user, version=draft, label=data.pop("version"), **data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The questionnaire's texts were saved."))
            return _to_version(org, draft)
    return _form_page(request, "campaigns/questionnaire_version_form.html", form, version=draft)


@GET_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def questionnaire_scale(request, org, version):
    draft = _draft(request, version)
    scale = {**authoring.DEFAULT_SCALE, **draft.scale}
    form = ScaleForm(request.POST or None, scale=scale, initial=scale_initial(scale))
    if request.method == "POST" and form.is_valid():
        try:
            authoring.scale_update(
                actor=request.user,
                version=draft,
                minimum=form.cleaned_data["minimum"],
                maximum=form.cleaned_data["maximum"],
                target=form.cleaned_data["target"],
                levels=[
                    authoring.scale_level(
                        lv["value"],
                        lv["label"],
                        lv["label_da"],
                        lv["description"],
                        lv["description_da"],
                    )
                    for lv in form.level_data()
                ],
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The maturity scale was saved."))
            return _to_version(org, draft)
    return _form_page(request, "campaigns/questionnaire_scale.html", form, version=draft)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def questionnaire_publish(request, org, version):
    draft = _draft(request, version)
    perform(
        request,
        lambda: authoring.version_publish(actor=request.user, version=draft),
        _("Version %(v)s was published. It can no longer be changed.") % {"v": draft.version},
    )
    return _to_version(org, draft)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def questionnaire_new_draft(request, org, version):
    obj = _version(request, version)
    try:
        draft = authoring.version_new_draft(actor=request.user, version=obj)
    except ValidationError as error:  # a linked requirement left the library meanwhile
        messages.error(request, " ".join(error.messages))
        return _to_version(org, obj)
    messages.success(
        request,
        _("Draft version %(v)s was made from version %(old)s.")
        % {"v": draft.version, "old": obj.version},
    )
    return _to_version(org, draft)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def questionnaire_draft_delete(request, org, version):
    draft = _draft(request, version)
    authoring.draft_delete(actor=request.user, version=draft)
    messages.success(request, _("Draft version %(v)s was deleted.") % {"v": draft.version})
    return redirect("questionnaire_list", org=org)


# --- The Excel round trip -------------------------------------------------------------------


@require_safe
@requires(Cap.CAMPAIGNS_VIEW)
def questionnaire_export(request, org, version):
    obj = _version(request, version)
    response = HttpResponse(
        questionnaire_workbook.version_workbook(obj),
        content_type=questionnaire_workbook.CONTENT_TYPE,
    )
    name = f"{obj.questionnaire.key}-{obj.version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def questionnaire_upload(request, org, version):
    obj = _version(request, version)
    form = WorkbookUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            data = questionnaire_workbook.read(form.cleaned_data["file"].read(), obj.questionnaire)
            draft = authoring.draft_import(
                actor=request.user, questionnaire=obj.questionnaire, data=data
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("The workbook was imported as draft version %(v)s.") % {"v": draft.version},
            )
            return _to_version(org, draft)
    return _version_page(request, obj, upload_form=form, status=400)


# --- Sections ---------------------------------------------------------------------------------


@GET_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def section_edit(request, org, version=None, section=None):
    obj = _section(request, section) if section else None
    draft = obj.version if obj else _draft(request, version)
    initial = {}
    if obj is not None:
        initial = {
            "key": obj.key,
            "name": obj.name,
            "name_da": obj.translations.get("da", {}).get("name", ""),
            "track": obj.track,
        }
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.section_save(
                actor=request.user, version=draft, section=obj, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The section was saved."))
            return _to_version(org, draft)
    return _form_page(
        request, "campaigns/questionnaire_section.html", form, version=draft, section=obj
    )


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def section_delete(request, org, section):
    obj = _section(request, section)
    authoring.section_delete(actor=request.user, section=obj)
    messages.success(request, _("The section %(key)s was deleted.") % {"key": obj.key})
    return _to_version(org, obj.version)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def section_move(request, org, section):
    obj = _section(request, section)
    form = MoveForm(request.POST)
    if form.is_valid():
        authoring.section_move(
            actor=request.user, section=obj, direction=form.cleaned_data["direction"]
        )
    return _to_version(org, obj.version)


# --- Questions --------------------------------------------------------------------------------


@GET_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def question_edit(request, org, section=None, question=None):
    obj = _question(request, question) if question else None
    parent = obj.section if obj else _section(request, section)
    form = QuestionForm(request.POST or None, initial=question_initial(obj) if obj else {})
    if request.method == "POST" and form.is_valid():
        try:
            authoring.question_save(
                actor=request.user, section=parent, question=obj, **form.cleaned_data
            )
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The question was saved."))
            return _to_version(org, parent.version)
    return _form_page(
        request,
        "campaigns/questionnaire_question.html",
        form,
        version=parent.version,
        section=parent,
        question=obj,
    )


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def question_delete(request, org, question):
    obj = _question(request, question)
    authoring.question_delete(actor=request.user, question=obj)
    messages.success(request, _("The question %(key)s was deleted.") % {"key": obj.key})
    return _to_version(org, obj.section.version)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def question_move(request, org, question):
    obj = _question(request, question)
    form = MoveForm(request.POST)
    if form.is_valid():
        authoring.question_move(
            actor=request.user, question=obj, direction=form.cleaned_data["direction"]
        )
    return _to_version(org, obj.section.version)
