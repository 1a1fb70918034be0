from django.urls import path

from skanse.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
]
