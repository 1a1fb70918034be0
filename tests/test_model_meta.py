"""Every model is tenant-scoped or listed here as global, with the reason why.

A new model that is neither fails `test_every_model_is_scoped_or_listed`: decide, and say why.
"""

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django_scopes import ScopeError, scope

from skanse.core.models import TenantModel
from skanse.tenancy.models import Organisation

# Models of Skanse's own apps that belong to no single organisation.
GLOBAL_MODELS = {
    "accounts.user": "A person can be a member of several organisations.",
    "tenancy.organisation": "The tenant itself.",
    "tenancy.region": "Reference data: the Danish regions, the same for everyone.",
    "library.framework": "Library content: one framework, shared by every organisation.",
    "library.frameworkversion": "Library content: a published framework version, read-only.",
    "library.requirement": "Library content: a framework version's requirements.",
    "library.mappingset": "Library content: mappings between two framework versions.",
    "library.mapping": "Library content: one mapping between two requirements.",
    "programme.programme": "The programme, published by the coordinator for everyone.",
    "programme.track": "A track of the programme, published for everyone.",
    "programme.milestone": "A milestone of the master timeline, published for everyone.",
    "campaigns.questionnaire": "A questionnaire, published by the coordinator for participants.",
    "campaigns.questionnaireversion": "A published questionnaire version, read-only.",
    "campaigns.section": "A questionnaire's section, read by every participant.",
    "campaigns.question": "A questionnaire's question, read by every participant.",
    "campaigns.campaign": "A campaign runs across organisations; each one's answers are scoped.",
    "campaigns.peergroup": "The coordinator's comparison groups of organisations.",
    "campaigns.objective": "A programme objective, published for everyone.",
    "campaigns.recommendation": "A programme recommendation, published for everyone.",
}

# Models of third-party apps: none of them holds an organisation's data.
THIRD_PARTY_MODELS = {
    "auth.permission": "Django's permission table (unused: roles decide).",
    "auth.group": "Django's groups (unused: roles decide).",
    "contenttypes.contenttype": "Django's registry of models.",
    "sessions.session": "Login sessions, per person.",
    "account.emailaddress": "allauth: a person's email addresses.",
    "account.emailconfirmation": "allauth: email confirmation keys.",
    "mfa.authenticator": "allauth: a person's second factors.",
    "django_tasks_database.dbtaskresult": "The task queue; tasks take ids and re-check access.",
}


def _is_own(model) -> bool:
    return model.__module__.startswith("skanse.")


def _is_scoped(model) -> bool:
    """Carries `organisation` and its default manager is django-scopes' ScopedManager."""
    try:
        field = model._meta.get_field("organisation")
    except FieldDoesNotExist:
        return False
    return (
        isinstance(field, models.ForeignKey)
        and field.related_model is Organisation
        and hasattr(model._default_manager, "with_scopes_disabled")
        and model._default_manager is model.objects
    )


def _tenant_models():
    return [m for m in apps.get_models() if _is_own(m) and _is_scoped(m)]


def test_every_model_is_scoped_or_listed():
    unlisted = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if _is_own(model):
            if issubclass(model, TenantModel):
                assert _is_scoped(model), f"{label} inherits TenantModel but is not scoped"
            elif not _is_scoped(model) and label not in GLOBAL_MODELS:
                unlisted.append(label)
        elif label not in THIRD_PARTY_MODELS:
            unlisted.append(label)
    assert not unlisted, f"Neither tenant-scoped nor listed as global: {unlisted}"


def test_the_lists_name_existing_models_that_are_not_scoped():
    labels = {m._meta.label_lower: m for m in apps.get_models()}
    for label in GLOBAL_MODELS:
        assert label in labels, f"{label} is listed but does not exist"
        assert not _is_scoped(labels[label]), f"{label} is scoped: take it off the list"
    assert set(THIRD_PARTY_MODELS) <= set(labels)
    assert all(reason.strip() for reason in [*GLOBAL_MODELS.values(), *THIRD_PARTY_MODELS.values()])


def test_the_tenant_models_include_the_known_ones():
    labels = {m._meta.label_lower for m in _tenant_models()}
    assert {"tenancy.membership", "tenancy.invitation", "tenancy.apitoken", "core.auditevent"} <= (
        labels
    )


@pytest.mark.parametrize("model", _tenant_models(), ids=lambda m: m._meta.label_lower)
def test_querying_a_tenant_model_outside_a_scope_raises(model, personas):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(organisation=personas.org).count()
    with pytest.raises(ScopeError):
        model.objects.first()
    # Inside a scope, only the scoped organisation's rows.
    with scope(organisation=personas.org):
        assert all(
            o == personas.org.pk for o in model.objects.values_list("organisation", flat=True)
        )
