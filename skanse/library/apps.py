from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "skanse.library"
    label = "library"
