from django.apps import AppConfig


class DesignConfig(AppConfig):
    name = "skanse.design"
    label = "design"
