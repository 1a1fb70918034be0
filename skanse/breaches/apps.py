from django.apps import AppConfig


class BreachesConfig(AppConfig):
    name = "skanse.breaches"
    label = "breaches"
