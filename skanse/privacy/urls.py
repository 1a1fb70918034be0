from django.urls import path

from skanse.privacy import views

org_urlpatterns = [
    path("records/", views.activity_list, name="activity_list"),
    path("records/new/", views.activity_create, name="activity_create"),
    path("records/import/", views.activity_import, name="activity_import"),
    path("records/controller/", views.controller_edit, name="controller_edit"),
    path("records/record.xlsx", views.record_xlsx, name="record_xlsx"),
    path("records/record.pdf", views.record_pdf, name="record_pdf"),
    path("records/<uuid:activity>/", views.activity_detail, name="activity_detail"),
    path("records/<uuid:activity>/edit/", views.activity_edit, name="activity_edit"),
    path("records/<uuid:activity>/delete/", views.activity_delete, name="activity_delete"),
    path("processor-agreements/", views.agreement_list, name="agreement_list"),
    path("processor-agreements/new/", views.agreement_create, name="agreement_create"),
    path("processor-agreements/<uuid:agreement>/", views.agreement_detail, name="agreement_detail"),
    path(
        "processor-agreements/<uuid:agreement>/edit/", views.agreement_edit, name="agreement_edit"
    ),
    path(
        "processor-agreements/<uuid:agreement>/delete/",
        views.agreement_delete,
        name="agreement_delete",
    ),
    path(
        "processor-agreements/<uuid:agreement>/document/",
        views.agreement_document,
        name="agreement_document",
    ),
    path(
        "processor-agreements/<uuid:agreement>/sub-processors/",
        views.sub_processor_add,
        name="sub_processor_add",
    ),
    path(
        "processor-agreements/sub-processors/<uuid:sub_processor>/remove/",
        views.sub_processor_remove,
        name="sub_processor_remove",
    ),
    path(
        "processor-agreements/<uuid:agreement>/supervisions/new/",
        views.supervision_create,
        name="supervision_create",
    ),
    path("supervision/", views.supervision_list, name="supervision_list"),
    path("supervision/<uuid:supervision>/edit/", views.supervision_edit, name="supervision_edit"),
    path(
        "supervision/<uuid:supervision>/delete/",
        views.supervision_delete,
        name="supervision_delete",
    ),
]
