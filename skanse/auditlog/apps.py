from django.apps import AppConfig


class AuditlogConfig(AppConfig):
    name = "skanse.auditlog"
    label = "auditlog"
