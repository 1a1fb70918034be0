from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "skanse.api"
    label = "api"
