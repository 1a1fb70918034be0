from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "skanse.tenancy"
    label = "tenancy"
