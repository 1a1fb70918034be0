from django.apps import AppConfig


class KitosConfig(AppConfig):
    name = "skanse.kitos"
    label = "kitos"
