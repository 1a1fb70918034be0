from django.urls import path

from skanse.requirements import views

org_urlpatterns = [
    path("requirements/", views.requirement_set_list, name="requirement_set_list"),
    path("requirements/new/", views.requirement_set_create, name="requirement_set_create"),
    path(
        "requirements/<uuid:requirement_set>/",
        views.requirement_set_detail,
        name="requirement_set_detail",
    ),
    path(
        "requirements/<uuid:requirement_set>/edit/",
        views.requirement_set_edit,
        name="requirement_set_edit",
    ),
]
