from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "skanse.privacy"
    label = "privacy"
