from django.urls import path

from skanse.campaigns import views

org_urlpatterns = [
    path("programme/", views.programme_overview, name="programme"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path(
        "campaigns/questionnaires/import/", views.questionnaire_import, name="questionnaire_import"
    ),
    path("campaigns/<uuid:campaign>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<uuid:campaign>/dataset.xlsx", views.campaign_dataset, name="campaign_dataset"),
    path("campaigns/<uuid:campaign>/launch/", views.campaign_launch, name="campaign_launch"),
    path("campaigns/<uuid:campaign>/close/", views.campaign_close, name="campaign_close"),
    path("campaigns/<uuid:campaign>/remind/", views.campaign_remind, name="campaign_remind"),
    path(
        "campaigns/participants/<uuid:response>/remind/",
        views.participant_remind,
        name="participant_remind",
    ),
    path(
        "campaigns/participants/<uuid:response>/return/",
        views.participant_return,
        name="participant_return",
    ),
    path(
        "campaigns/participants/<uuid:response>/extend/",
        views.participant_extend,
        name="participant_extend",
    ),
    path("responses/", views.response_list, name="response_list"),
    path("responses/<uuid:response>/", views.response_detail, name="response_detail"),
    path(
        "responses/<uuid:response>/sections/<uuid:section>/",
        views.response_section,
        name="response_section",
    ),
    path(
        "responses/<uuid:response>/sections/<uuid:section>/confirm/",
        views.response_confirm,
        name="response_confirm",
    ),
    path(
        "responses/<uuid:response>/answers/<uuid:question>/", views.answer_save, name="answer_save"
    ),
    path(
        "responses/<uuid:response>/workbook.xlsx",
        views.response_workbook,
        name="response_workbook",
    ),
    path("responses/<uuid:response>/upload/", views.response_upload, name="response_upload"),
    path("responses/<uuid:response>/submit/", views.response_submit, name="response_submit"),
    path("responses/<uuid:response>/share/", views.response_share, name="response_share"),
    path("responses/<uuid:response>/assign/", views.response_assign, name="response_assign"),
    path("responses/<uuid:response>/results/", views.response_results, name="response_results"),
]
