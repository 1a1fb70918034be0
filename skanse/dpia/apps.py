from django.apps import AppConfig


class DpiaConfig(AppConfig):
    name = "skanse.dpia"
    label = "dpia"

    def ready(self):
        from skanse.dpia import commons_kinds

        commons_kinds.register()
