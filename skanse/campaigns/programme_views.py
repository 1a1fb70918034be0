"""The coordinator's pages for keeping the programme and the peer groups. Everyone reads the
programme on its own page (views.programme_overview); only the coordinator edits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from skanse.campaigns import programme_services as services
from skanse.campaigns.models import Objective, PeerGroup, Recommendation
from skanse.campaigns.programme_forms import (
    MilestoneForm,
    ObjectiveForm,
    PeerGroupForm,
    ProgrammeForm,
    RecommendationForm,
    TextsForm,
    TrackForm,
)
from skanse.core.errors import apply_to_form, perform
from skanse.programme.models import Milestone, Programme, Track
from skanse.tenancy.access import coordinator_only, requires
from skanse.tenancy.roles import Cap


class _NoProgramme(Exception):
    pass


def _programme() -> Programme:
    programme = Programme.objects.order_by("-starts").first()
    if programme is None:
        raise _NoProgramme
    return programme


def _or_set_up_first(page):
    """Tracks, objectives, recommendations and milestones belong to a programme: without one,
    the coordinator is sent to set it up first."""

    def wrapped(request, *args, **kwargs):
        try:
            return page(request, *args, **kwargs)
        except _NoProgramme:
            messages.info(request, _("Set up the programme first."))
            return redirect("programme_edit", org=request.organisation.slug)

    return wrapped


def _form_page(request, form, *, title, save, back, delete_url=None):
    """Show `form`; on a valid POST call `save(cleaned_data)` and go `back`."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    return render(
        request,
        "campaigns/programme_form.html",
        {"form": form, "title": title, "back": back, "delete_url": delete_url},
        status=400 if form.errors else 200,
    )


def _who(request) -> dict:
    return {"actor": request.user, "organisation": request.organisation}


def _back(request) -> str:
    return reverse("programme", args=[request.organisation.slug])


def _url(request, name, obj) -> str | None:
    return reverse(name, args=[request.organisation.slug, obj.uuid]) if obj is not None else None


@requires(Cap.CAMPAIGNS_MANAGE)
def programme_edit(request, org):
    coordinator_only(request)
    programme = Programme.objects.order_by("-starts").first()
    initial = {}
    if programme is not None:
        initial = TextsForm.initial_of(programme) | {
            "starts": programme.starts,
            "ends": programme.ends,
        }
    form = ProgrammeForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        title=_("The programme"),
        save=lambda data: services.programme_save(**_who(request), programme=programme, **data),
        back=_back(request),
    )


@_or_set_up_first
def _track_page(request, track):
    programme = _programme()
    initial = (
        TextsForm.initial_of(track) | {"key": track.key, "order": track.order} if track else {}
    )
    form = TrackForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        title=track.name_i18n if track else _("New track"),
        save=lambda data: services.track_save(
            **_who(request), programme=programme, track=track, **data
        ),
        back=_back(request),
    )


@requires(Cap.CAMPAIGNS_MANAGE)
def track_create(request, org):
    coordinator_only(request)
    return _track_page(request, None)


@requires(Cap.CAMPAIGNS_MANAGE)
def track_edit(request, org, track):
    coordinator_only(request)
    return _track_page(request, get_object_or_404(Track, uuid=track))


@_or_set_up_first
def _objective_page(request, objective):
    programme = _programme()
    initial = {}
    if objective is not None:
        initial = TextsForm.initial_of(objective) | {
            "track": objective.track,
            "section_key": objective.section_key,
            "question_key": objective.question_key,
            "threshold": objective.threshold,
            "target_percent": round(objective.target_share * 100),
            "due_campaign": objective.due_campaign,
        }
    form = ObjectiveForm(request.POST or None, initial=initial, programme=programme)

    def save(data):
        data = dict(data)
        data["target_share"] = data.pop("target_percent") / 100
        return services.objective_save(
            **_who(request), programme=programme, objective=objective, **data
        )

    delete = _url(request, "objective_delete", objective)
    return _form_page(
        request,
        form,
        title=objective.name_i18n if objective else _("New objective"),
        save=save,
        back=_back(request),
        delete_url=delete,
    )


@requires(Cap.CAMPAIGNS_MANAGE)
def objective_create(request, org):
    coordinator_only(request)
    return _objective_page(request, None)


@requires(Cap.CAMPAIGNS_MANAGE)
def objective_edit(request, org, objective):
    coordinator_only(request)
    return _objective_page(request, get_object_or_404(Objective, uuid=objective))


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def objective_delete(request, org, objective):
    coordinator_only(request)
    obj = get_object_or_404(Objective, uuid=objective)
    perform(
        request,
        lambda: services.objective_delete(**_who(request), objective=obj),
        _("The objective was deleted."),
    )
    return redirect(_back(request))


@_or_set_up_first
def _recommendation_page(request, recommendation):
    programme = _programme()
    initial = {}
    if recommendation is not None:
        initial = TextsForm.initial_of(recommendation) | {
            "track": recommendation.track,
            "objectives": list(recommendation.objectives.all()),
            "requirements": "\n".join(r.urn for r in recommendation.requirements.all()),
            "order": recommendation.order,
        }
    form = RecommendationForm(request.POST or None, initial=initial, programme=programme)

    def save(data):
        data = dict(data)
        data["requirements"] = services.requirements_by_urn(data["requirements"])
        data["objectives"] = list(data["objectives"])
        return services.recommendation_save(
            **_who(request), programme=programme, recommendation=recommendation, **data
        )

    delete = _url(request, "recommendation_delete", recommendation)
    return _form_page(
        request,
        form,
        title=recommendation.name_i18n if recommendation else _("New recommendation"),
        save=save,
        back=_back(request),
        delete_url=delete,
    )


@requires(Cap.CAMPAIGNS_MANAGE)
def recommendation_create(request, org):
    coordinator_only(request)
    return _recommendation_page(request, None)


@requires(Cap.CAMPAIGNS_MANAGE)
def recommendation_edit(request, org, recommendation):
    coordinator_only(request)
    return _recommendation_page(request, get_object_or_404(Recommendation, uuid=recommendation))


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def recommendation_delete(request, org, recommendation):
    coordinator_only(request)
    obj = get_object_or_404(Recommendation, uuid=recommendation)
    perform(
        request,
        lambda: services.recommendation_delete(**_who(request), recommendation=obj),
        _("The recommendation was deleted."),
    )
    return redirect(_back(request))


@_or_set_up_first
def _milestone_page(request, milestone):
    programme = _programme()
    initial = {}
    if milestone is not None:
        initial = {
            "track": milestone.track,
            "name": milestone.name,
            "name_da": (milestone.translations or {}).get("da", {}).get("name", ""),
            "year": milestone.year,
            "quarter": milestone.quarter,
            "done": milestone.done,
        }
    form = MilestoneForm(request.POST or None, initial=initial, programme=programme)
    delete = _url(request, "milestone_delete", milestone)
    return _form_page(
        request,
        form,
        title=milestone.name_i18n if milestone else _("New milestone"),
        save=lambda data: services.milestone_save(**_who(request), milestone=milestone, **data),
        back=_back(request),
        delete_url=delete,
    )


@requires(Cap.CAMPAIGNS_MANAGE)
def milestone_create(request, org):
    coordinator_only(request)
    return _milestone_page(request, None)


@requires(Cap.CAMPAIGNS_MANAGE)
def milestone_edit(request, org, milestone):
    coordinator_only(request)
    return _milestone_page(request, get_object_or_404(Milestone, uuid=milestone))


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def milestone_delete(request, org, milestone):
    coordinator_only(request)
    obj = get_object_or_404(Milestone, uuid=milestone)
    perform(
        request,
        lambda: services.milestone_delete(**_who(request), milestone=obj),
        _("The milestone was deleted."),
    )
    return redirect(_back(request))


# --- Peer groups ------------------------------------------------------------------------------


@require_safe
@requires(Cap.CAMPAIGNS_VIEW)
def peer_group_list(request, org):
    coordinator_only(request)
    groups = PeerGroup.objects.prefetch_related("members").order_by("name")
    return render(request, "campaigns/peer_group_list.html", {"groups": groups})


def _peer_group_page(request, group):
    initial = {"name": group.name, "members": list(group.members.all())} if group else {}
    form = PeerGroupForm(request.POST or None, initial=initial)
    back = reverse("peer_group_list", args=[request.organisation.slug])
    return _form_page(
        request,
        form,
        title=group.name if group else _("New peer group"),
        save=lambda data: services.peer_group_save(
            **_who(request), group=group, name=data["name"], members=list(data["members"])
        ),
        back=back,
        delete_url=_url(request, "peer_group_delete", group),
    )


@requires(Cap.CAMPAIGNS_MANAGE)
def peer_group_create(request, org):
    coordinator_only(request)
    return _peer_group_page(request, None)


@requires(Cap.CAMPAIGNS_MANAGE)
def peer_group_edit(request, org, group):
    coordinator_only(request)
    return _peer_group_page(request, get_object_or_404(PeerGroup, uuid=group))


@require_POST
@requires(Cap.CAMPAIGNS_MANAGE)
def peer_group_delete(request, org, group):
    coordinator_only(request)
    obj = get_object_or_404(PeerGroup, uuid=group)
    perform(
        request,
        lambda: services.peer_group_delete(**_who(request), group=obj),
        _("The peer group was deleted."),
    )
    return redirect("peer_group_list", org=org)
