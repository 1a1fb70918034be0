from django.urls import path

from skanse.commons import views

org_urlpatterns = [
    # Every organisation: the published templates, its adoptions and their updates.
    path("commons/", views.index, name="commons_index"),
    path("commons/updates/", views.updates, name="commons_updates"),
    path("commons/templates/<uuid:template>/", views.template_detail, name="commons_template"),
    path("commons/templates/<uuid:template>/adopt/", views.adopt, name="commons_adopt"),
    path("commons/adoptions/<uuid:adoption>/", views.adoption_detail, name="commons_adoption"),
    path("commons/adoptions/<uuid:adoption>/sync/", views.sync, name="commons_sync"),
    path("commons/adoptions/<uuid:adoption>/dismiss/", views.dismiss, name="commons_dismiss"),
    # The coordinator: authoring and publishing.
    path("commons/authoring/", views.authoring, name="commons_authoring"),
    path("commons/authoring/new/", views.template_create, name="commons_template_create"),
    path(
        "commons/authoring/<uuid:template>/",
        views.authoring_template,
        name="commons_authoring_template",
    ),
    path("commons/authoring/<uuid:template>/draft/", views.draft_edit, name="commons_draft"),
    path(
        "commons/authoring/<uuid:template>/new-version/",
        views.version_start,
        name="commons_version_start",
    ),
    path("commons/authoring/<uuid:template>/publish/", views.publish, name="commons_publish"),
]
