from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "skanse.accounts"
    label = "accounts"
