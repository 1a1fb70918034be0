"""Reads for campaigns, and the results: scores, national figures and suppression.

Privacy by default: an aggregate over fewer than CAMPAIGN_MIN_GROUP organisations is never
shown (None everywhere: pages, exports, API), and the coordinator sees an organisation's own
figures only where it chose to share them for that campaign.
"""

import statistics

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Max, Q, Sum
from django.urls import reverse
from django_scopes import scopes_disabled

from skanse.campaigns import scoring
from skanse.campaigns.models import (
    Answer,
    Campaign,
    PeerGroup,
    Question,
    Response,
    Section,
    SectionAssignment,
)
from skanse.tenancy.roles import Cap, capabilities_for


def min_group() -> int:
    return settings.CAMPAIGN_MIN_GROUP


def campaign_list():
    return Campaign.objects.select_related("questionnaire_version").order_by("-opens_on")


def responses_of(organisation):
    return (
        Response.objects.filter(organisation=organisation)
        .select_related("campaign__questionnaire_version")
        .order_by("-campaign__opens_on")
    )


def sections_with_progress(response: Response):
    """The response's sections with their questions answered / total."""
    sections = list(
        Section.objects.filter(version=response.campaign.questionnaire_version).order_by("order")
    )
    totals = dict(
        Question.objects.filter(section__in=sections)
        .values("section_id")
        .annotate(n=Count("id"))
        .values_list("section_id", "n")
    )
    counts = {
        row["question__section_id"]: row
        for row in Answer.objects.filter(response=response)
        .values("question__section_id")
        .annotate(
            answered=Count("id", filter=Q(not_relevant=True) | Q(value__isnull=False)),
            carried=Count("id", filter=Q(carried_over=True)),
        )
    }
    answered = {key: row["answered"] for key, row in counts.items()}
    carried = {key: row["carried"] for key, row in counts.items() if row["carried"]}
    for section in sections:
        section.total = totals.get(section.pk, 0)
        section.answered = answered.get(section.pk, 0)
        section.carried = carried.get(section.pk, 0)
    return sections


def participation(campaign: Campaign):
    """Per participant: status, share answered, answers carried over and not yet confirmed (in a
    follow-up), last activity, reminders (coordinator page)."""
    total = Question.objects.filter(section__version=campaign.questionnaire_version).count()
    with scopes_disabled():
        rows = list(
            Response.objects.filter(campaign=campaign)
            .select_related("organisation__region")
            .order_by("organisation__name")
        )
    unconfirmed = {}
    if campaign.previous_id:
        unconfirmed = dict(
            Answer.objects.with_scopes_disabled()
            .filter(response__campaign=campaign, carried_over=True)
            .values_list("response_id")
            .annotate(n=Count("pk"))
        )
    counts = dict.fromkeys(Response.Status.values, 0)
    for row in rows:
        row.percent = round(100 * row.answered_count / total) if total else 0
        row.unconfirmed = unconfirmed.get(row.pk, 0)
        counts[row.status] += 1
    return rows, counts, total


def _section_scores(campaign: Campaign, *, submitted_only: bool = True, response=None) -> dict:
    """{response_id: {section_id: weighted 0–1 score}} in one aggregate query (of every
    submitted response, or of `response` whatever its status)."""
    answers = Answer.objects.with_scopes_disabled().filter(
        response__campaign=campaign, score__isnull=False, not_relevant=False
    )
    if response is not None:
        answers = answers.filter(response=response)
    elif submitted_only:
        answers = answers.filter(response__status=Response.Status.SUBMITTED)
    rows = answers.values("response_id", "question__section_id").annotate(
        weighted=Sum(F("score") * F("question__weight")), weight=Sum("question__weight")
    )
    result: dict[int, dict[int, float]] = {}
    for row in rows:
        if row["weight"]:
            result.setdefault(row["response_id"], {})[row["question__section_id"]] = (
                row["weighted"] / row["weight"]
            )
    return result


def _summary(values: list[float], scale: dict) -> dict | None:
    """Median and quartiles on the scale, or None when the group is too small to show."""
    if len(values) < min_group():
        return None
    values = sorted(values)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {
        "n": len(values),
        "median": scoring.to_level(median, scale),
        "q1": scoring.to_level(q1, scale),
        "q3": scoring.to_level(q3, scale),
    }


def campaign_results(campaign: Campaign, *, organisation=None, coordinator: bool = False):
    """Per section: the national, regional and peer figures; the organisation's own score;
    and, for the coordinator, the identified scores of those who share them."""
    scale = campaign.questionnaire_version.scale
    sections = list(
        Section.objects.filter(version=campaign.questionnaire_version).order_by("order")
    )
    scores = _section_scores(campaign)
    with scopes_disabled():
        meta = {
            r.pk: r for r in Response.objects.filter(pk__in=scores).select_related("organisation")
        }
    own = None
    if organisation is not None:
        with scopes_disabled():
            own = Response.objects.filter(campaign=campaign, organisation=organisation).first()
    own_scores = _section_scores(campaign, response=own).get(own.pk, {}) if own is not None else {}
    region_id = organisation.region_id if organisation is not None else None
    # Every member of the organisation's peer groups. (Not `organisation.peer_groups
    # .values_list("members")`: that reuses the filter's join and yields the organisation only.)
    peer_ids = (
        set(
            PeerGroup.members.through.objects.filter(peergroup__members=organisation).values_list(
                "organisation_id", flat=True
            )
        )
        if organisation is not None
        else set()
    )
    results = []
    for section in sections:
        national = [s[section.pk] for s in scores.values() if section.pk in s]
        regional = [
            s[section.pk]
            for rid, s in scores.items()
            if section.pk in s and meta[rid].organisation.region_id == region_id and region_id
        ]
        peers = [
            s[section.pk]
            for rid, s in scores.items()
            if section.pk in s and meta[rid].organisation_id in peer_ids
        ]
        row = {
            "section": section,
            "national": _summary(national, scale),
            "region": _summary(regional, scale) if region_id else None,
            "peers": _summary(peers, scale) if peer_ids else None,
            "own": None,
            "shared": [],
        }
        if own is not None:
            row["own"] = scoring.to_level(own_scores.get(section.pk), scale)
        if coordinator:
            row["shared"] = sorted(
                (meta[rid].organisation.name, scoring.to_level(s[section.pk], scale))
                for rid, s in scores.items()
                if section.pk in s and meta[rid].share_identified
            )
        results.append(row)
    return results


def assigned_to(user, organisation, role: str) -> list[dict]:
    """Open campaign work for the dashboard: sections assigned to `user`, and — for those who
    submit — the organisation's responses still to submit. Two queries at most."""
    items = []
    assignments = (
        SectionAssignment.objects.filter(
            organisation=organisation,
            assignee=user,
            response__campaign__status=Campaign.Status.OPEN,
        )
        .exclude(response__status=Response.Status.SUBMITTED)
        .select_related("section", "response__campaign")
    )
    for a in assignments:
        items.append(
            {
                "title": f"{a.response.campaign.name}: {a.section.name_i18n}",
                "url": reverse(
                    "response_section", args=[organisation.slug, a.response.uuid, a.section.uuid]
                ),
                "due": a.response.deadline,
            }
        )
    if Cap.RESPONSES_SUBMIT in capabilities_for(role):
        for response in (
            Response.objects.filter(
                organisation=organisation, campaign__status=Campaign.Status.OPEN
            )
            .exclude(status=Response.Status.SUBMITTED)
            .select_related("campaign")
        ):
            items.append(
                {
                    "title": response.campaign.name,
                    "url": reverse("response_detail", args=[organisation.slug, response.uuid]),
                    "due": response.deadline,
                }
            )
    return sorted(items, key=lambda item: item["due"])


def campaign_trend(campaign: Campaign) -> dict:
    """The national median per section for each campaign in the series, baseline first:
    {"campaigns": [...], "rows": [(section, [median or None, ...])]} — one aggregate query
    per open campaign; a median over fewer than the minimum group is None. A closed
    campaign's medians are kept in the cache until one of its responses changes."""
    chain = []
    current = campaign
    while current is not None:
        chain.append(current)
        current = current.previous
    chain.reverse()
    sections = list(
        Section.objects.filter(version=campaign.questionnaire_version).order_by("order")
    )
    medians: dict[str, list] = {s.key: [None] * len(chain) for s in sections}
    for index, step in enumerate(chain):
        for key, median in _section_medians(step).items():
            if key in medians:
                medians[key][index] = median
    return {"campaigns": chain, "rows": [(s, medians[s.key]) for s in sections]}


def _section_medians(campaign: Campaign) -> dict[str, float | None]:
    """{section key: national median on the scale, or None under the minimum group}."""
    cache_key = None
    if campaign.status == Campaign.Status.CLOSED:
        stamp = Response.objects.with_scopes_disabled().filter(campaign=campaign)
        stamp = stamp.aggregate(changed=Max("updated_at"), n=Count("pk"))
        cache_key = "campaigns:medians:{}:{}:{}:{}".format(
            campaign.pk, stamp["changed"] and stamp["changed"].timestamp(), stamp["n"], min_group()
        )
        cached = cache.get(cache_key)
        if cached is not None:
            return cached
    scale = campaign.questionnaire_version.scale
    by_key = {s.pk: s.key for s in Section.objects.filter(version=campaign.questionnaire_version)}
    per_key: dict[str, list[float]] = {}
    for scores in _section_scores(campaign).values():
        for section_id, value in scores.items():
            per_key.setdefault(by_key[section_id], []).append(value)
    result = {}
    for key in by_key.values():
        summary = _summary(per_key.get(key, []), scale)
        result[key] = summary["median"] if summary else None
    if cache_key is not None:
        cache.set(cache_key, result, timeout=None)
    return result


def _track_scores(campaign: Campaign, *, response=None) -> dict:
    """{response_id: {track key: weighted 0–1 score}} in one aggregate query, like
    `_section_scores` but over the track of each question's section."""
    answers = Answer.objects.with_scopes_disabled().filter(
        response__campaign=campaign, score__isnull=False, not_relevant=False
    )
    if response is not None:
        answers = answers.filter(response=response)
    else:
        answers = answers.filter(response__status=Response.Status.SUBMITTED)
    rows = answers.values("response_id", "question__section__track").annotate(
        weighted=Sum(F("score") * F("question__weight")), weight=Sum("question__weight")
    )
    result: dict[int, dict[str, float]] = {}
    for row in rows:
        if row["weight"]:
            result.setdefault(row["response_id"], {})[row["question__section__track"]] = (
                row["weighted"] / row["weight"]
            )
    return result


def track_results(campaign: Campaign, *, organisation=None) -> list[dict]:
    """Per track of the questionnaire (in section order): the national summary and, for a
    participant, its own level. Suppressed like the sections."""
    scale = campaign.questionnaire_version.scale
    tracks = list(
        dict.fromkeys(
            Section.objects.filter(version=campaign.questionnaire_version)
            .order_by("order")
            .values_list("track", flat=True)
        )
    )
    scores = _track_scores(campaign)
    own_scores = {}
    if organisation is not None:
        with scopes_disabled():
            own = Response.objects.filter(campaign=campaign, organisation=organisation).first()
        if own is not None:
            own_scores = _track_scores(campaign, response=own).get(own.pk, {})
    names = _track_names(tracks)
    return [
        {
            "track": track,
            "name": names.get(track, track),
            "national": _summary([s[track] for s in scores.values() if track in s], scale),
            "own": scoring.to_level(own_scores.get(track), scale),
        }
        for track in tracks
    ]


def _track_names(keys) -> dict[str, str]:
    from skanse.programme.models import Track

    return {t.key: t.name_i18n for t in Track.objects.filter(key__in=keys).order_by("-pk")}


def own_results(response: Response) -> list[dict]:
    """A participant's results per section beside the others', with its previous campaign's
    level and the change (what improved, what fell back)."""
    organisation = response.organisation
    results = campaign_results(response.campaign, organisation=organisation)
    previous = None
    if response.campaign.previous_id:
        previous = {
            row["section"].key: row["own"]
            for row in campaign_results(response.campaign.previous, organisation=organisation)
        }
    for row in results:
        before = previous.get(row["section"].key) if previous else None
        row["previous"] = before
        row["change"] = (
            round(row["own"] - before, 2) if before is not None and row["own"] is not None else None
        )
    return results
