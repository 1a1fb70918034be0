"""Campaign pages: the coordinator's (questionnaires, campaigns, participation, results) and
the participant's (its response: sections, answers saved as you go, submit, results)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from django_scopes import scopes_disabled

from skanse.campaigns import charts, exporters, reports, selectors, services, workbook
from skanse.campaigns import objectives as objectives_module
from skanse.campaigns.forms import (
    AssignForm,
    CampaignForm,
    ExtendForm,
    LaunchForm,
    ParticipationFilterForm,
    QuestionnaireImportForm,
    ResponseWorkbookForm,
    ReturnForm,
)
from skanse.campaigns.models import (
    Answer,
    Campaign,
    Evidence,
    Question,
    QuestionnaireVersion,
    Response,
)
from skanse.core.errors import apply_to_form, perform
from skanse.core.files import attachment
from skanse.core.paging import paginate
from skanse.library.documents import LibraryError
from skanse.programme.models import Milestone, Programme
from skanse.reporting import selectors as reporting_selectors
from skanse.reporting import services as reporting_services
from skanse.tenancy.access import coordinator_only, get_for_org, requires
from skanse.tenancy.models import Organisation
from skanse.tenancy.roles import Cap, Role

# --- Coordinator --------------------------------------------------------------------------------


def _campaign_list(request, form, status=200):
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "campaigns": selectors.campaign_list(),
            "questionnaires": QuestionnaireVersion.objects.order_by("-created_at"),
            "form": form,
        },
        status=status,
    )


@require_safe
@requires(Cap.CAMPAIGNS_VIEW)
def campaign_list(request, org):
    coordinator_only(request)
    return _campaign_list(request, QuestionnaireImportForm())


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def questionnaire_import(request, org):
    coordinator_only(request)
    form = QuestionnaireImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.questionnaire_import(
                form.cleaned_data["file"].read(), actor=request.user
            )
        except LibraryError as error:
            form.add_error(
                "file", f"{error.where}: {error.message}" if error.where else error.message
            )
        else:
            if version is None:
                messages.info(request, _("This questionnaire version is imported already."))
            else:
                messages.success(request, _("%(name)s was imported.") % {"name": version})
            return redirect("campaign_list", org=org)
    return _campaign_list(request, form, status=400)


@requires(Cap.CAMPAIGNS_MANAGE)
def campaign_create(request, org):
    coordinator_only(request)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The campaign was created. Launch it when ready."))
            return redirect("campaign_detail", org=org, campaign=campaign.uuid)
    return render(
        request, "campaigns/campaign_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_safe
@requires(Cap.CAMPAIGNS_VIEW)
def campaign_detail(request, org, campaign):
    coordinator_only(request)
    obj = get_object_or_404(
        Campaign.objects.select_related("questionnaire_version", "previous"), uuid=campaign
    )
    rows, counts, total = selectors.participation(obj)
    filters = ParticipationFilterForm(request.GET, counts=counts)
    shown = rows
    if filters.is_valid():
        query, status = filters.cleaned_data["q"].casefold(), filters.cleaned_data["status"]
        shown = [
            r
            for r in rows
            if (not status or r.status == status)
            and (not query or query in r.organisation.name.casefold())
        ]
    page = paginate(request, shown, 25)
    results = selectors.campaign_results(obj, coordinator=True)
    trend = selectors.campaign_trend(obj)
    scale = obj.questionnaire_version.scale
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": obj,
            "rows": rows,
            "counts": counts,
            "total": total,
            "filters": filters,
            "page": page,
            "query": urlencode(
                {k: v for k, v in filters.cleaned_data.items() if v} if filters.is_valid() else {}
            ),
            "extend_form": ExtendForm(),
            "launch_form": LaunchForm(),
            "results": results,
            "tracks": selectors.track_results(obj),
            "trend": trend,
            "min_group": selectors.min_group(),
            "chart": charts.svg(
                charts.comparison(results, scale, own=False),
                title=_("National maturity by section"),
            )
            if rows
            else None,
            "trend_chart": charts.svg(charts.trend(trend), title=_("Trend since the baseline"))
            if len(trend["campaigns"]) > 1
            else None,
            "reports": reporting_selectors.reports_for(
                request.organisation,
                request.capabilities,
                kind=reports.NATIONAL,
                subject_uuid=obj.uuid,
            )[:4],
        },
    )


@require_POST
@requires(Cap.CAMPAIGNS_VIEW)
def campaign_report(request, org, campaign):
    """Make the national report (Danish or English) in the worker."""
    coordinator_only(request)
    obj = get_object_or_404(Campaign, uuid=campaign)
    return _request_report(
        request,
        kind=reports.NATIONAL,
        subject=obj,
        title=_("National report: %(campaign)s") % {"campaign": obj.name},
        back=redirect("campaign_detail", org=org, campaign=obj.uuid),
    )


def _request_report(request, *, kind, subject, title, back):
    try:
        report = reporting_services.report_request(
            actor=request.user,
            organisation=request.organisation,
            kind=kind,
            subject_uuid=subject.uuid,
            title=title,
            language=request.POST.get("language", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    return redirect("report_detail", org=request.organisation.slug, report=report.uuid)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def campaign_launch(request, org, campaign):
    coordinator_only(request)
    obj = get_object_or_404(Campaign, uuid=campaign)
    form = LaunchForm(request.POST)
    if form.is_valid():
        kinds = ["municipality"] + (
            ["region"] if form.cleaned_data["participants"] == "municipalities_regions" else []
        )
        participants = Organisation.objects.filter(kind__in=kinds, is_active=True)
        try:
            count = services.campaign_launch(
                actor=request.user, campaign=obj, participants=participants
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The campaign was launched to %(n)d organisations.") % {"n": count}
            )
    return redirect("campaign_detail", org=org, campaign=obj.uuid)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def campaign_close(request, org, campaign):
    coordinator_only(request)
    obj = get_object_or_404(Campaign, uuid=campaign)
    perform(
        request,
        lambda: services.campaign_close(actor=request.user, campaign=obj),
        _("The campaign was closed."),
    )
    return redirect("campaign_detail", org=org, campaign=obj.uuid)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def campaign_remind(request, org, campaign):
    coordinator_only(request)
    obj = get_object_or_404(Campaign, uuid=campaign)
    perform(
        request,
        lambda: services.campaign_remind(actor=request.user, campaign=obj),
        lambda count: _("Reminders are on their way to %(n)d organisations.") % {"n": count},
    )
    return redirect("campaign_detail", org=org, campaign=obj.uuid)


def _participant_response(request, response_uuid) -> Response:
    """The coordinator acts on a participant's response by its UUID (global campaign work)."""
    with scopes_disabled():
        return get_object_or_404(
            Response.objects.select_related("organisation", "campaign"), uuid=response_uuid
        )


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def participant_return(request, org, response):
    coordinator_only(request)
    obj = _participant_response(request, response)
    form = ReturnForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.response_return(actor=request.user, response=obj, **form.cleaned_data),
            _("The response of %(org)s was returned.") % {"org": obj.organisation},
        )
    else:
        messages.error(request, _("Say what needs correcting."))
    return _back_to_participation(request, org, obj)


def _back_to_participation(request, org, response):
    """To the campaign page, showing the participants the coordinator was looking at."""
    url = reverse("campaign_detail", kwargs={"org": org, "campaign": response.campaign.uuid})
    shown = QueryDict(request.POST.get("shown", ""))
    query = urlencode({k: shown[k] for k in ("q", "status", "page") if shown.get(k)})
    return redirect(f"{url}?{query}#participation" if query else url)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def participant_remind(request, org, response):
    coordinator_only(request)
    obj = _participant_response(request, response)
    perform(
        request,
        lambda: services.response_remind(actor=request.user, response=obj),
        _("A reminder is on its way to %(org)s.") % {"org": obj.organisation},
    )
    return _back_to_participation(request, org, obj)


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def participant_extend(request, org, response):
    coordinator_only(request)
    obj = _participant_response(request, response)
    form = ExtendForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.response_extend(actor=request.user, response=obj, **form.cleaned_data),
            _("The deadline of %(org)s was moved.") % {"org": obj.organisation},
        )
    else:
        messages.error(request, _("Give a valid date."))
    return _back_to_participation(request, org, obj)


# --- Participant ------------------------------------------------------------------------------


@require_safe
@requires(Cap.RESPONSES_VIEW)
def response_list(request, org):
    return render(
        request,
        "campaigns/response_list.html",
        {"responses": selectors.responses_of(request.organisation)},
    )


def _response(request, response_uuid) -> Response:
    return get_for_org(
        request,
        Response.objects.select_related("campaign__questionnaire_version"),
        uuid=response_uuid,
    )


def _is_contributor(request) -> bool:
    return request.membership.role == Role.CONTRIBUTOR


def _members(organisation):
    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation)
        .order_by("name", "email")
    )


def _response_detail(request, obj, upload_form=None, status=200):
    sections = selectors.sections_with_progress(obj)
    assignments = {a.section_id: a.assignee for a in obj.assignments.select_related("assignee")}
    for section in sections:
        section.assignee = assignments.get(section.pk)
    if _is_contributor(request):
        # Contributors see and answer only the sections assigned to them.
        sections = [s for s in sections if s.assignee == request.user]
    form = AssignForm(
        sections=obj.campaign.questionnaire_version.sections.all(),
        members=_members(request.organisation),
    )
    return render(
        request,
        "campaigns/response_detail.html",
        {
            "response": obj,
            "sections": sections,
            "assign_form": form,
            "upload_form": upload_form or ResponseWorkbookForm(),
            "total": sum(s.total for s in sections),
        },
        status=status,
    )


@require_safe
@requires(Cap.RESPONSES_VIEW)
def response_detail(request, org, response):
    return _response_detail(request, _response(request, response))


@require_safe
@requires(Cap.RESPONSES_VIEW)
def response_workbook(request, org, response):
    """The response as Excel to answer offline (a contributor's: the assigned sections)."""
    obj = _response(request, response)
    section_ids = None
    if _is_contributor(request):
        section_ids = list(
            obj.assignments.filter(assignee=request.user).values_list("section_id", flat=True)
        )
    content = workbook.response_workbook(obj, section_ids=section_ids)
    reply = HttpResponse(content, content_type=workbook.CONTENT_TYPE)
    reply["Content-Disposition"] = f'attachment; filename="response-{obj.uuid}.xlsx"'
    return reply


@require_POST
@requires(Cap.RESPONSES_ANSWER)
def response_upload(request, org, response):
    obj = _response(request, response)
    form = ResponseWorkbookForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.apply_response_workbook(
                actor=request.user,
                response=obj,
                membership=request.membership,
                content=form.cleaned_data["file"].read(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d answer was saved from the workbook.",
                    "%(n)d answers were saved from the workbook.",
                    count,
                )
                % {"n": count},
            )
            return redirect("response_detail", org=org, response=obj.uuid)
    return _response_detail(request, obj, upload_form=form, status=400)


def _may_answer(request, response, section_id) -> bool:
    return (
        response.status != Response.Status.SUBMITTED
        and response.campaign.status == Campaign.Status.OPEN
        and services.can_answer(request.user, request.membership, response, section_id)
    )


def _question_context(request, response, question, answer, error=None, saved=False, editable=None):
    if editable is None:
        editable = _may_answer(request, response, question.section_id)
    return {
        "response": response,
        "question": question,
        "answer": answer,
        "error": error,
        "saved": saved,
        "scale": response.campaign.questionnaire_version.scale,
        "editable": editable,
        "upload_max_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
    }


@require_safe
@requires(Cap.RESPONSES_VIEW)
def response_section(request, org, response, section):
    obj = _response(request, response)
    section_obj = get_object_or_404(obj.campaign.questionnaire_version.sections, uuid=section)
    if _is_contributor(request) and not services.can_answer(
        request.user, request.membership, obj, section_obj.pk
    ):
        raise Http404
    questions = list(section_obj.questions.order_by("order"))
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(response=obj, question__in=questions).prefetch_related(
            "files"
        )
    }
    # One permission check for the section, not one per question.
    editable = _may_answer(request, obj, section_obj.pk)
    items = [
        _question_context(request, obj, q, answers.get(q.pk), editable=editable) for q in questions
    ]
    return render(
        request,
        "campaigns/response_section.html",
        {
            "response": obj,
            "section": section_obj,
            "items": items,
            "carried": sum(1 for a in answers.values() if a.carried_over),
        },
    )


@require_POST
@requires(Cap.RESPONSES_ANSWER)
def answer_save(request, org, response, question):
    obj = _response(request, response)
    question_obj = get_object_or_404(
        Question.objects.select_related("section"),
        section__version=obj.campaign.questionnaire_version,
        uuid=question,
    )
    if not services.can_answer(request.user, request.membership, obj, question_obj.section_id):
        raise PermissionDenied
    value = (
        request.POST.getlist("value")
        if question_obj.type == "multiple_choice"
        else request.POST.get("value")
    )
    revision = request.POST.get("revision")
    error, saved, status = None, False, 200
    try:
        answer = services.answer_save(
            actor=request.user,
            response=obj,
            question=question_obj,
            value=value,
            not_relevant=request.POST.get("not_relevant") == "on",
            comment=request.POST.get("comment", ""),
            evidence_link=request.POST.get("evidence_link", ""),
            revision=int(revision) if revision and revision.isdigit() else None,
        )
        saved = True
    except ValidationError as exc:
        error, status = " ".join(exc.messages), 400
        answer = Answer.objects.filter(response=obj, question=question_obj).first()
    if not request.htmx:
        if error:
            messages.error(request, f"{question_obj.key}: {error}")
        return redirect(
            "response_section", org=org, response=obj.uuid, section=question_obj.section.uuid
        )
    context = _question_context(request, obj, question_obj, answer, error, saved)
    return render(request, "campaigns/question.html", context, status=status)


def _answerable_question(request, response_obj, question_uuid) -> Question:
    question = get_object_or_404(
        Question.objects.select_related("section"),
        section__version=response_obj.campaign.questionnaire_version,
        uuid=question_uuid,
    )
    if not services.can_answer(request.user, request.membership, response_obj, question.section_id):
        raise PermissionDenied
    return question


@require_POST
@requires(Cap.RESPONSES_ANSWER)
def evidence_upload(request, org, response, question):
    """Attach a file to an answer; htmx swaps the question card, with the file or the error."""
    obj = _response(request, response)
    question_obj = _answerable_question(request, obj, question)
    upload = request.FILES.get("file")
    error = None
    if upload is None:
        error = _("Choose a file to upload.")
    else:
        try:
            services.evidence_add(
                actor=request.user, response=obj, question=question_obj, upload=upload
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, f"{question_obj.key}: {error}")
        else:
            messages.success(request, _("The file was attached."))
        return redirect(
            "response_section", org=org, response=obj.uuid, section=question_obj.section.uuid
        )
    answer = (
        Answer.objects.filter(response=obj, question=question_obj).prefetch_related("files").first()
    )
    context = _question_context(request, obj, question_obj, answer)
    context["file_error"] = error
    return render(request, "campaigns/question.html", context, status=400 if error else 200)


def _evidence(request, evidence_uuid) -> Evidence:
    evidence = get_for_org(
        request,
        Evidence.objects.select_related("answer__response__campaign", "answer__question"),
        uuid=evidence_uuid,
    )
    # Contributors reach only the files of the sections assigned to them.
    if _is_contributor(request) and not services.can_answer(
        request.user,
        request.membership,
        evidence.answer.response,
        evidence.answer.question.section_id,
    ):
        raise Http404
    return evidence


@require_safe
@requires(Cap.RESPONSES_VIEW)
def evidence_download(request, org, evidence):
    obj = _evidence(request, evidence)
    return attachment(obj.file, name=obj.name, content_type=obj.content_type)


@require_POST
@requires(Cap.RESPONSES_ANSWER)
def evidence_delete(request, org, evidence):
    obj = _evidence(request, evidence)
    response_obj = obj.answer.response
    question_obj = _answerable_question(request, response_obj, obj.answer.question.uuid)
    perform(
        request,
        lambda: services.evidence_remove(actor=request.user, evidence=obj),
        _("The file %(name)s was removed.") % {"name": obj.name},
    )
    return redirect(
        "response_section", org=org, response=response_obj.uuid, section=question_obj.section.uuid
    )


@require_POST
@requires(Cap.RESPONSES_ANSWER)
def response_confirm(request, org, response, section):
    obj = _response(request, response)
    section_obj = get_object_or_404(obj.campaign.questionnaire_version.sections, uuid=section)
    if not services.can_answer(request.user, request.membership, obj, section_obj.pk):
        raise PermissionDenied
    count = services.answer_confirm_carried(actor=request.user, response=obj, section=section_obj)
    messages.success(
        request,
        ngettext(
            "%(n)d carried-over answer was confirmed.",
            "%(n)d carried-over answers were confirmed.",
            count,
        )
        % {"n": count},
    )
    return redirect("response_section", org=org, response=obj.uuid, section=section)


@require_POST
@requires(Cap.RESPONSES_SUBMIT)
def response_submit(request, org, response):
    obj = _response(request, response)
    perform(
        request,
        lambda: services.response_submit(actor=request.user, response=obj),
        _("The response was submitted. Thank you."),
    )
    return redirect("response_detail", org=org, response=obj.uuid)


@require_POST
@requires(Cap.RESPONSES_SUBMIT)
def response_share(request, org, response):
    obj = _response(request, response)
    services.response_share(
        actor=request.user, response=obj, share=request.POST.get("share") == "yes"
    )
    messages.success(request, _("Your choice about sharing was saved."))
    return redirect("response_detail", org=org, response=obj.uuid)


@require_POST
@requires(Cap.RESPONSES_SUBMIT)
def response_assign(request, org, response):
    obj = _response(request, response)
    form = AssignForm(
        request.POST,
        sections=obj.campaign.questionnaire_version.sections.all(),
        members=_members(request.organisation),
    )
    if form.is_valid():
        services.section_assign(actor=request.user, response=obj, **form.cleaned_data)
        messages.success(request, _("The section was assigned."))
    else:
        messages.error(request, _("Choose a section and a colleague."))
    return redirect("response_detail", org=org, response=obj.uuid)


@require_safe
@requires(Cap.RESPONSES_VIEW)
def response_results(request, org, response):
    obj = _response(request, response)
    results = selectors.own_results(obj)
    campaign = obj.campaign
    scale = campaign.questionnaire_version.scale
    return render(
        request,
        "campaigns/response_results.html",
        {
            "response": obj,
            "results": results,
            "tracks": selectors.track_results(campaign, organisation=request.organisation),
            "min_group": selectors.min_group(),
            "scale": scale,
            "chart": charts.svg(
                charts.comparison(results, scale), title=_("Your maturity by section, compared")
            ),
            "reports": reporting_selectors.reports_for(
                request.organisation,
                request.capabilities,
                kind=reports.MUNICIPALITY,
                subject_uuid=obj.uuid,
            )[:4],
        },
    )


@require_POST
@requires(Cap.RESPONSES_VIEW)
def response_report(request, org, response):
    """Make the organisation's own report of its response (Danish or English)."""
    obj = _response(request, response)
    return _request_report(
        request,
        kind=reports.MUNICIPALITY,
        subject=obj,
        title=_("%(campaign)s: report for %(organisation)s")
        % {"campaign": obj.campaign.name, "organisation": request.organisation.name},
        back=redirect("response_results", org=org, response=obj.uuid),
    )


@require_safe
@requires(Cap.ORG_VIEW)
def programme_overview(request, org):
    """The programme for every member: tracks, computed objectives, the master timeline."""
    programme = Programme.objects.order_by("-starts").first()
    if programme is None:
        return render(request, "campaigns/programme.html", {"programme": None})
    tracks = list(programme.tracks.order_by("order"))
    objectives = list(
        programme.objectives.select_related(
            "track",
            "due_campaign__previous__previous__previous",
            "due_campaign__questionnaire_version",
        )
    )
    for objective in objectives:
        objective.results = objectives_module.attainment(objective)
    for track in tracks:
        track.items = [o for o in objectives if o.track_id == track.pk]
    milestones = list(Milestone.objects.filter(track__programme=programme).select_related("track"))
    quarters: dict[tuple[int, int], list] = {}
    for milestone in milestones:
        quarters.setdefault((milestone.year, milestone.quarter), []).append(milestone)
    recommendations = list(programme.recommendations.prefetch_related("objectives", "requirements"))
    for track in tracks:
        track.recommendations_here = [r for r in recommendations if r.track_id == track.pk]
    return render(
        request,
        "campaigns/programme.html",
        {
            "programme": programme,
            "tracks": tracks,
            "objectives": objectives,
            "quarters": sorted(quarters.items()),
            "timeline": charts.svg(charts.timeline(milestones, tracks), title=_("Master timeline"))
            if milestones
            else None,
            "min_group": selectors.min_group(),
            "campaigns": programme.campaigns.order_by("opens_on"),
            "manage": Cap.CAMPAIGNS_MANAGE in request.capabilities
            and request.organisation.is_coordinator,
        },
    )


@require_safe
@requires(Cap.CAMPAIGNS_VIEW)
def campaign_dataset(request, org, campaign):
    """The anonymised dataset as Excel (see exporters.dataset_xlsx for what is left out)."""
    coordinator_only(request)
    obj = get_object_or_404(Campaign.objects.select_related("questionnaire_version"), uuid=campaign)
    try:
        content = exporters.dataset_xlsx(obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("campaign_detail", org=org, campaign=obj.uuid)
    response = HttpResponse(
        content, content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )
    response["Content-Disposition"] = f'attachment; filename="dataset-{obj.uuid}.xlsx"'
    return response
