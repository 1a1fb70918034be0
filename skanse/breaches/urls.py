from django.urls import path

from skanse.breaches import views

org_urlpatterns = [
    path("breaches/", views.breach_list, name="breach_list"),
    path("breaches/new/", views.breach_create, name="breach_create"),
    path("breaches/log.xlsx", views.breach_log_xlsx, name="breach_log_xlsx"),
    path("breaches/log.pdf", views.breach_log_pdf, name="breach_log_pdf"),
    path("breaches/<uuid:breach>/", views.breach_detail, name="breach_detail"),
    path("breaches/<uuid:breach>/edit/", views.breach_edit, name="breach_edit"),
    path("breaches/<uuid:breach>/summary/", views.breach_summary, name="breach_summary"),
]
