from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "skanse.core"
    label = "core"
