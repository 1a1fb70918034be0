from django.urls import path

from skanse.campaigns import authoring_views, programme_views, views

org_urlpatterns = [
    path("programme/", views.programme_overview, name="programme"),
    path("programme/edit/", programme_views.programme_edit, name="programme_edit"),
    path("programme/tracks/new/", programme_views.track_create, name="track_create"),
    path("programme/tracks/<uuid:track>/", programme_views.track_edit, name="track_edit"),
    path("programme/objectives/new/", programme_views.objective_create, name="objective_create"),
    path(
        "programme/objectives/<uuid:objective>/",
        programme_views.objective_edit,
        name="objective_edit",
    ),
    path(
        "programme/objectives/<uuid:objective>/delete/",
        programme_views.objective_delete,
        name="objective_delete",
    ),
    path(
        "programme/recommendations/new/",
        programme_views.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "programme/recommendations/<uuid:recommendation>/",
        programme_views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "programme/recommendations/<uuid:recommendation>/delete/",
        programme_views.recommendation_delete,
        name="recommendation_delete",
    ),
    path("programme/milestones/new/", programme_views.milestone_create, name="milestone_create"),
    path(
        "programme/milestones/<uuid:milestone>/",
        programme_views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "programme/milestones/<uuid:milestone>/delete/",
        programme_views.milestone_delete,
        name="milestone_delete",
    ),
    path("campaigns/peer-groups/", programme_views.peer_group_list, name="peer_group_list"),
    path("campaigns/peer-groups/new/", programme_views.peer_group_create, name="peer_group_create"),
    path(
        "campaigns/peer-groups/<uuid:group>/",
        programme_views.peer_group_edit,
        name="peer_group_edit",
    ),
    path(
        "campaigns/peer-groups/<uuid:group>/delete/",
        programme_views.peer_group_delete,
        name="peer_group_delete",
    ),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path(
        "campaigns/questionnaires/import/", views.questionnaire_import, name="questionnaire_import"
    ),
    path("campaigns/<uuid:campaign>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<uuid:campaign>/dataset.xlsx", views.campaign_dataset, name="campaign_dataset"),
    path("campaigns/<uuid:campaign>/report/", views.campaign_report, name="campaign_report"),
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
    path("responses/<uuid:response>/report/", views.response_report, name="response_report"),
    path(
        "responses/<uuid:response>/answers/<uuid:question>/evidence/",
        views.evidence_upload,
        name="evidence_upload",
    ),
    path("evidence/<uuid:evidence>/", views.evidence_download, name="evidence_download"),
    path("evidence/<uuid:evidence>/delete/", views.evidence_delete, name="evidence_delete"),
]

# Questionnaire authoring and the Excel round trip (skanse/campaigns/authoring_views.py).
Q = "campaigns/questionnaires/"
org_urlpatterns += [
    path(Q, authoring_views.questionnaire_list, name="questionnaire_list"),
    path(f"{Q}new/", authoring_views.questionnaire_create, name="questionnaire_create"),
    path(
        f"{Q}versions/<uuid:version>/",
        authoring_views.questionnaire_version,
        name="questionnaire_version",
    ),
    path(
        f"{Q}versions/<uuid:version>/edit/",
        authoring_views.questionnaire_version_edit,
        name="questionnaire_version_edit",
    ),
    path(
        f"{Q}versions/<uuid:version>/scale/",
        authoring_views.questionnaire_scale,
        name="questionnaire_scale",
    ),
    path(
        f"{Q}versions/<uuid:version>/publish/",
        authoring_views.questionnaire_publish,
        name="questionnaire_publish",
    ),
    path(
        f"{Q}versions/<uuid:version>/new-draft/",
        authoring_views.questionnaire_new_draft,
        name="questionnaire_new_draft",
    ),
    path(
        f"{Q}versions/<uuid:version>/delete/",
        authoring_views.questionnaire_draft_delete,
        name="questionnaire_draft_delete",
    ),
    path(
        f"{Q}versions/<uuid:version>/workbook.xlsx",
        authoring_views.questionnaire_export,
        name="questionnaire_export",
    ),
    path(
        f"{Q}versions/<uuid:version>/upload/",
        authoring_views.questionnaire_upload,
        name="questionnaire_upload",
    ),
    path(
        f"{Q}versions/<uuid:version>/sections/new/",
        authoring_views.section_edit,
        name="questionnaire_section_add",
    ),
    path(
        f"{Q}sections/<uuid:section>/edit/",
        authoring_views.section_edit,
        name="questionnaire_section_edit",
    ),
    path(
        f"{Q}sections/<uuid:section>/delete/",
        authoring_views.section_delete,
        name="questionnaire_section_delete",
    ),
    path(
        f"{Q}sections/<uuid:section>/move/",
        authoring_views.section_move,
        name="questionnaire_section_move",
    ),
    path(
        f"{Q}sections/<uuid:section>/questions/new/",
        authoring_views.question_edit,
        name="questionnaire_question_add",
    ),
    path(
        f"{Q}questions/<uuid:question>/edit/",
        authoring_views.question_edit,
        name="questionnaire_question_edit",
    ),
    path(
        f"{Q}questions/<uuid:question>/delete/",
        authoring_views.question_delete,
        name="questionnaire_question_delete",
    ),
    path(
        f"{Q}questions/<uuid:question>/move/",
        authoring_views.question_move,
        name="questionnaire_question_move",
    ),
]
