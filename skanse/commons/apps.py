from django.apps import AppConfig


class CommonsConfig(AppConfig):
    name = "skanse.commons"
    label = "commons"
