from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "skanse.dashboard"
    label = "dashboard"
