from django.urls import path

from skanse.dpia import views

org_urlpatterns = [
    path("dpia/", views.dpia_list, name="dpia_list"),
    path("dpia/new/", views.dpia_create, name="dpia_create"),
    path("dpia/screenings/new/", views.screening_create, name="screening_create"),
    path("dpia/screenings/<uuid:screening>/", views.screening_detail, name="screening_detail"),
    path("dpia/screenings/<uuid:screening>/edit/", views.screening_edit, name="screening_edit"),
    path(
        "dpia/screenings/<uuid:screening>/delete/",
        views.screening_delete,
        name="screening_delete",
    ),
    path("dpia/<uuid:dpia>/", views.dpia_detail, name="dpia_detail"),
    path("dpia/<uuid:dpia>/edit/", views.dpia_edit, name="dpia_edit"),
    path("dpia/<uuid:dpia>/delete/", views.dpia_delete, name="dpia_delete"),
    path("dpia/<uuid:dpia>/reassess/", views.dpia_reassess, name="dpia_reassess"),
    path("dpia/versions/<uuid:version>/edit/", views.version_edit, name="dpia_version_edit"),
    path("dpia/versions/<uuid:version>/dpo/", views.version_consult, name="dpia_version_consult"),
    path("dpia/versions/<uuid:version>/submit/", views.version_submit, name="dpia_version_submit"),
    path(
        "dpia/versions/<uuid:version>/approve/", views.version_approve, name="dpia_version_approve"
    ),
    path(
        "dpia/versions/<uuid:version>/prior-consultation/",
        views.version_prior_consultation,
        name="dpia_version_prior",
    ),
    path("dpia/versions/<uuid:version>/pdf/", views.dpia_pdf, name="dpia_pdf"),
    path("dpia/versions/<uuid:version>/risks/new/", views.risk_add, name="dpia_risk_add"),
    path("dpia/versions/<uuid:version>/assign/", views.assignment_set, name="dpia_assign"),
    path("dpia/risks/<uuid:risk>/edit/", views.risk_edit, name="dpia_risk_edit"),
    path("dpia/risks/<uuid:risk>/delete/", views.risk_delete, name="dpia_risk_delete"),
    path(
        "dpia/assignments/<uuid:assignment>/remove/",
        views.assignment_remove,
        name="dpia_unassign",
    ),
]
