from django.urls import path

from skanse.design import views

org_urlpatterns = [
    path("design/", views.overview, name="design_overview"),
    path("design/measures/", views.measures, name="design_measures"),
    path("design/national/", views.national, name="design_national"),
    path("design/systems/<uuid:system>/", views.system_detail, name="design_system"),
    path(
        "design/systems/<uuid:system>/schedule/",
        views.schedule_edit,
        name="design_schedule_edit",
    ),
    path("design/systems/<uuid:system>/trigger/", views.trigger, name="design_trigger"),
    path(
        "design/systems/<uuid:system>/assessments/new/",
        views.assessment_create,
        name="design_assessment_create",
    ),
    path(
        "design/assessments/<uuid:assessment>/",
        views.assessment_detail,
        name="design_assessment_detail",
    ),
    path(
        "design/assessments/<uuid:assessment>/elements/",
        views.assessment_elements,
        name="design_assessment_elements",
    ),
    path(
        "design/assessments/<uuid:assessment>/complete/",
        views.assessment_complete,
        name="design_assessment_complete",
    ),
    path(
        "design/assessments/<uuid:assessment>/delete/",
        views.assessment_delete,
        name="design_assessment_delete",
    ),
    path("design/gaps/<uuid:gap>/", views.gap_edit, name="design_gap_edit"),
    path(
        "design/suppliers/<uuid:supplier>/requirements.xlsx",
        views.supplier_xlsx,
        name="design_supplier_xlsx",
    ),
    path(
        "design/suppliers/<uuid:supplier>/requirements.pdf",
        views.supplier_pdf,
        name="design_supplier_pdf",
    ),
]
