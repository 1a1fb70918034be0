from django.urls import path

from skanse.auditlog import views

org_urlpatterns = [
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("history/<uuid:object_uuid>/", views.object_history, name="object_history"),
]
