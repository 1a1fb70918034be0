from django.apps import AppConfig


class RequirementsConfig(AppConfig):
    name = "skanse.requirements"
    label = "requirements"

    def ready(self):
        from skanse.requirements import commons_kinds

        commons_kinds.register()
