from django.apps import AppConfig


class DpiaConfig(AppConfig):
    name = "skanse.dpia"
    label = "dpia"
