from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "skanse.reporting"
    label = "reporting"
