from django.urls import path

from skanse.tenancy import views

org_urlpatterns = [
    path("members/", views.member_list, name="member_list"),
    path("members/invite/", views.member_invite, name="member_invite"),
    path("members/<uuid:member>/", views.member_detail, name="member_detail"),
    path("members/<uuid:member>/role/", views.member_role, name="member_role"),
    path("members/<uuid:member>/remove/", views.member_remove, name="member_remove"),
    path(
        "invitations/<uuid:invitation>/resend/", views.invitation_resend, name="invitation_resend"
    ),
    path(
        "invitations/<uuid:invitation>/revoke/", views.invitation_revoke, name="invitation_revoke"
    ),
    path("settings/", views.org_settings, name="org_settings"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<uuid:token>/revoke/", views.token_revoke, name="token_revoke"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<uuid:target>/", views.organisation_detail, name="organisation_detail"),
    path(
        "organisations/<uuid:target>/deactivate/",
        views.organisation_set_active,
        {"active": False},
        name="organisation_deactivate",
    ),
    path(
        "organisations/<uuid:target>/reactivate/",
        views.organisation_set_active,
        {"active": True},
        name="organisation_reactivate",
    ),
]

public_urlpatterns = [
    path("invitations/<str:secret>/", views.invitation_accept, name="invitation_accept"),
]
