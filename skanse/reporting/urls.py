from django.urls import path

from skanse.reporting import views

org_urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/<uuid:report>/", views.report_detail, name="report_detail"),
    path("reports/<uuid:report>/download/", views.report_download, name="report_download"),
]
