"""Isolation matrix rows for the coordinator's programme and peer-group pages (global rows,
kept by the coordinator; see __init__.py)."""

import datetime

from skanse.tenancy.roles import Cap
from tests.isolation import Row


def _programme():
    from skanse.programme.models import Programme

    programme = Programme.objects.order_by("-starts").first()
    if programme is None:
        programme = Programme.objects.create(
            name="Matrix programme",
            starts=datetime.date(2026, 1, 1),
            ends=datetime.date(2028, 12, 31),
        )
    return programme


def _track(personas=None, org=None, user=None):
    from skanse.programme.models import Track

    programme = _programme()
    return Track.objects.get_or_create(programme=programme, key="matrix", defaults={"name": "M"})[0]


def _objective(personas, org, user):
    from skanse.campaigns.models import Objective

    return Objective.objects.get_or_create(
        programme=_programme(),
        name="Matrix objective",
        defaults={"track": _track(), "section_key": "one", "threshold": 3, "target_share": 0.8},
    )[0]


def _recommendation(personas, org, user):
    from skanse.campaigns.models import Recommendation

    return Recommendation.objects.get_or_create(
        programme=_programme(), name="Matrix recommendation", defaults={"track": _track()}
    )[0]


def _milestone(personas, org, user):
    from skanse.programme.models import Milestone

    return Milestone.objects.get_or_create(
        name="Matrix milestone", defaults={"track": _track(), "year": 2027, "quarter": 2}
    )[0]


def _peer_group(personas, org, user):
    from skanse.campaigns.models import PeerGroup

    return PeerGroup.objects.get_or_create(name="Matrix peers")[0]


def _texts(**more):
    def data(personas, org):
        from django_scopes import scopes_disabled

        with scopes_disabled():
            track = _track()
        return {"name": "Matrix", "name_da": "Matrix", "track": track.pk, **more}

    return data


ORG_ROWS = {
    "programme_edit": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        coordinator_only=True,
        data={"name": "P", "name_da": "P", "starts": "2026-01-01", "ends": "2028-12-31"},
    ),
    "track_create": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        coordinator_only=True,
        data={"name": "T", "name_da": "T", "key": "matrix-new", "order": "1"},
    ),
    "track_edit": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        obj="track",
        coordinator_only=True,
        data={"name": "T", "name_da": "T", "key": "matrix", "order": "1"},
    ),
    "objective_create": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        coordinator_only=True,
        data=_texts(section_key="one", threshold="3", target_percent="80"),
    ),
    "objective_edit": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        obj="objective",
        coordinator_only=True,
        data=_texts(section_key="one", threshold="3", target_percent="70"),
    ),
    "objective_delete": Row(
        Cap.CAMPAIGNS_MANAGE, ("POST",), obj="objective", coordinator_only=True
    ),
    "recommendation_create": Row(
        Cap.CAMPAIGNS_MANAGE, ("GET", "POST"), coordinator_only=True, data=_texts(order="0")
    ),
    "recommendation_edit": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        obj="recommendation",
        coordinator_only=True,
        data=_texts(order="1"),
    ),
    "recommendation_delete": Row(
        Cap.CAMPAIGNS_MANAGE, ("POST",), obj="recommendation", coordinator_only=True
    ),
    "milestone_create": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        coordinator_only=True,
        data=_texts(year="2027", quarter="3"),
    ),
    "milestone_edit": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        obj="milestone",
        coordinator_only=True,
        data=_texts(year="2027", quarter="4", done="on"),
    ),
    "milestone_delete": Row(
        Cap.CAMPAIGNS_MANAGE, ("POST",), obj="milestone", coordinator_only=True
    ),
    "peer_group_list": Row(Cap.CAMPAIGNS_VIEW, coordinator_only=True),
    "peer_group_create": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        coordinator_only=True,
        data=lambda personas, org: {"name": "New peers", "members": [personas.org.pk]},
    ),
    "peer_group_edit": Row(
        Cap.CAMPAIGNS_MANAGE,
        ("GET", "POST"),
        obj="peer_group",
        coordinator_only=True,
        data=lambda personas, org: {"name": "Matrix peers", "members": [personas.org.pk]},
    ),
    "peer_group_delete": Row(
        Cap.CAMPAIGNS_MANAGE, ("POST",), obj="peer_group", coordinator_only=True
    ),
}
API_ROWS = {}
BUILDERS = {
    "track": _track,
    "objective": _objective,
    "recommendation": _recommendation,
    "milestone": _milestone,
    "peer_group": _peer_group,
}
PARAMS = {
    "track": "track",
    "objective": "objective",
    "recommendation": "recommendation",
    "milestone": "milestone",
    "peer_group": "group",
}
TENANT_OBJECTS = ()
