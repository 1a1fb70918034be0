from django.urls import path

from skanse.kitos import views

org_urlpatterns = [
    path("kitos/", views.kitos_settings, name="kitos_settings"),
    path("kitos/sync/", views.kitos_sync, name="kitos_sync"),
    path("kitos/import/", views.kitos_import, name="kitos_import"),
    path("kitos/runs/<uuid:run>/", views.kitos_run, name="kitos_run"),
]
