from django.apps import AppConfig


class RequirementsConfig(AppConfig):
    name = "skanse.requirements"
    label = "requirements"
