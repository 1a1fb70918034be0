from django.urls import path

from skanse.library import views

org_urlpatterns = [
    path("library/", views.library_index, name="library_index"),
    path("library/import/", views.library_import, name="library_import"),
    path("library/imports/<uuid:job>/", views.import_job, name="library_import_job"),
    path("library/new/", views.framework_create, name="library_framework_create"),
    path(
        "library/requirements/<uuid:requirement>/",
        views.requirement_detail,
        name="library_requirement",
    ),
    path("library/<uuid:version>/", views.version_detail, name="library_version"),
    path("library/<uuid:version>/export/<slug:fmt>/", views.version_export, name="library_export"),
    path("library/<uuid:version>/compare/", views.version_compare, name="library_compare"),
    path("library/<uuid:version>/publish/", views.version_publish, name="library_publish"),
    path("library/<uuid:version>/new-version/", views.version_new, name="library_new_version"),
    path(
        "library/<uuid:version>/requirements/new/",
        views.requirement_edit,
        name="library_requirement_add",
    ),
    path(
        "library/<uuid:version>/requirements/<uuid:requirement>/edit/",
        views.requirement_edit,
        name="library_requirement_edit",
    ),
    path(
        "library/<uuid:version>/requirements/<uuid:requirement>/delete/",
        views.requirement_delete,
        name="library_requirement_delete",
    ),
]
