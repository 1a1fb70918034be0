from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "skanse.privacy"
    label = "privacy"

    def ready(self):
        from skanse.privacy import commons_kinds
        from skanse.privacy.reports import register_kinds

        register_kinds()
        commons_kinds.register()
