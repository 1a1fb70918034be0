from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "skanse.programme"
    label = "programme"
